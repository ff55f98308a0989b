using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using A2AGen.Cli.Commands;
using A2AGen.Cli.Infrastructure;

namespace A2AGen.Cli;

/// <summary>The <c>a2agen</c> command tree and how one run goes: parse, refuse a bad command line with one line (exit 2), run, map failures.</summary>
internal static class CliApplication
{
    /// <summary>The tool's command name.</summary>
    public const string ToolName = "a2agen";

    /// <summary>Runs the tool with <paramref name="args"/> against <paramref name="console"/>; returns the exit code.</summary>
    public static async Task<int> RunAsync(string[] args, CliConsole console, CancellationToken cancellationToken = default)
    {
        var globals = new GlobalOptions();
        var root = BuildRootCommand(console, globals);
        // No response files: '@file' is the tool's own syntax for reading a token from a file.
        var parse = root.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
        if (parse.Errors.Count > 0 && parse.Action is ParseErrorAction)
        {
            var names = new List<string>();
            for (var result = parse.CommandResult; result is not null; result = result.Parent as System.CommandLine.Parsing.CommandResult)
            {
                names.Insert(0, result.Command.Name);
            }

            string command = string.Join(' ', names);
            string errors = string.Join("; ", parse.Errors.Select(e => e.Message.TrimEnd('.')));
            CommandRunner.WriteError(console, args.Contains("--json"), "USAGE", $"{errors}. See '{command} --help'.");
            return ExitCodes.Usage;
        }

        var configuration = new InvocationConfiguration
        {
            Output = console.Out,
            Error = console.Error,
            EnableDefaultExceptionHandler = false,
            ProcessTerminationTimeout = console.HandlesTermination ? TimeSpan.FromSeconds(2) : null,
        };

        try
        {
            return await parse.InvokeAsync(configuration, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            // Command bodies report their own failures; this catches what escapes the framework itself.
            var (code, message, exitCode) = ErrorReporter.Describe(exception, cancellationToken);
            CommandRunner.WriteError(console, args.Contains("--json"), code, message);
            return exitCode;
        }
    }

    /// <summary>The whole command tree.</summary>
    public static Command BuildRootCommand(CliConsole console, GlobalOptions globals)
    {
        // A plain command named after the tool (a RootCommand takes the host process's name, e.g. "dotnet" or "testhost").
        var root = new Command(ToolName, "a2agen: keys, Agent Cards, JWS, Secure Passports, provenance, Biscuit tokens and dead letters for A2A agents built with A2AGen.")
        {
            new HelpOption(),
            new VersionOption(),
            globals.Json,
            globals.Timeout,
            KeysCommands.Create(console, globals),
            CardCommands.Create(console, globals),
            JwsCommands.Create(console, globals),
            PassportCommands.Create(console, globals),
            ProvenanceCommands.Create(console, globals),
            BiscuitCommands.Create(console, globals),
            DlqCommands.Create(console, globals),
        };
        return root;
    }
}
