using System.Text;
using A2AGen.Cli;
using A2AGen.Cli.Infrastructure;

namespace A2AGen.Cli.Tests.Infrastructure;

/// <summary>What one run of the tool printed and returned.</summary>
public sealed record CliRun(int ExitCode, string Output, string Error)
{
    /// <summary>The standard output parsed as the one JSON object <c>--json</c> promises.</summary>
    public System.Text.Json.JsonElement Json
    {
        get
        {
            using var document = System.Text.Json.JsonDocument.Parse(Output);
            return document.RootElement.Clone();
        }
    }

    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Output}\n--- stderr\n{Error}";
}

/// <summary>
/// Runs the real command tree in-process with captured output, a private environment (nothing leaks in from the test
/// process), optional standard input, and scripted answers to password prompts (null: no terminal).
/// </summary>
public static class Tool
{
    public static Task<CliRun> RunAsync(params string[] args) => RunAsync(args, new Dictionary<string, string>());

    public static async Task<CliRun> RunAsync(string[] args, IReadOnlyDictionary<string, string> environment, byte[]? standardInput = null, IEnumerable<string?>? typedSecrets = null)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var secrets = new Queue<string?>(typedSecrets ?? []);
        var console = new CliConsole
        {
            Out = output,
            Error = error,
            OpenStandardInput = () => new MemoryStream(standardInput ?? []),
            GetEnvironmentVariable = name => environment.TryGetValue(name, out var value) ? value : null,
            ReadSecret = prompt =>
            {
                error.Write(prompt);
                return secrets.Count > 0 ? secrets.Dequeue() : null;
            },
        };
        int code = await CliApplication.RunAsync(args, console);
        var run = new CliRun(code, output.ToString(), error.ToString());
        AssertNoStackTrace(run);
        return run;
    }

    /// <summary>Whatever happened, the user never sees a stack trace or an exception type dump.</summary>
    public static void AssertNoStackTrace(CliRun run)
    {
        foreach (string text in new[] { run.Output, run.Error })
        {
            Assert.DoesNotContain("   at ", text);
            Assert.DoesNotContain("Unhandled exception", text);
            Assert.DoesNotContain("INTERNAL_ERROR", text);
        }
    }

    /// <summary>Asserts a failure gave exactly one error line on standard error (prompts aside).</summary>
    public static string SingleErrorLine(CliRun run)
    {
        var lines = run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(l => l.Contains("a2agen: ", StringComparison.Ordinal)).ToList();
        Assert.True(lines.Count == 1, $"expected one error line:\n{run}");
        return lines[0];
    }

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}
