using System.CommandLine;
using System.Text.Json.Nodes;
using A2AGen.Cli.Output;

namespace A2AGen.Cli.Infrastructure;

/// <summary>Runs a command's body and writes its outcome (text or <c>--json</c>); every failure becomes one line and an exit code.</summary>
internal static class CommandRunner
{
    private const string Prefix = "a2agen: ";

    /// <summary>Binds the body to <paramref name="command"/> as its action.</summary>
    public static void SetBody(Command command, CliConsole console, GlobalOptions globals, Func<ParseResult, CommandContext, Task<CommandOutcome>> body) =>
        command.SetAction((parse, cancellationToken) => RunAsync(console, globals, parse, body, cancellationToken));

    private static async Task<int> RunAsync(CliConsole console, GlobalOptions globals, ParseResult parse, Func<ParseResult, CommandContext, Task<CommandOutcome>> body, CancellationToken cancellationToken)
    {
        bool json = parse.GetValue(globals.Json);
        using var context = new CommandContext(console, json, globals.GetTimeout(parse), cancellationToken);
        CommandOutcome outcome;
        try
        {
            outcome = await body(parse, context).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            var (code, message, exitCode) = ErrorReporter.Describe(exception, cancellationToken);
            WriteError(console, json, code, message);
            return exitCode;
        }

        if (json)
        {
            console.Out.WriteLine(JsonText.Format(outcome.Json));
        }
        else if (outcome.Text.Length > 0)
        {
            console.Out.Write(outcome.Text.EndsWith('\n') ? outcome.Text : outcome.Text + "\n");
        }

        if (outcome.Problem is { } problem)
        {
            console.Error.WriteLine(Prefix + ErrorReporter.OneLine(problem));
        }

        return outcome.ExitCode;
    }

    /// <summary>Writes an error: one line on standard error, and with <c>--json</c> also <c>{"error":{code,message}}</c> on standard output.</summary>
    public static void WriteError(CliConsole console, bool json, string code, string message)
    {
        string line = ErrorReporter.OneLine(message);
        console.Error.WriteLine(Prefix + line);
        if (json)
        {
            console.Out.WriteLine(JsonText.Format(new JsonObject { ["error"] = new JsonObject { ["code"] = code, ["message"] = line } }));
        }
    }
}
