namespace A2AGen.Cli.Infrastructure;

/// <summary>
/// What one run of the tool talks to: its output streams, standard input, environment variables and the terminal
/// (for password prompts). <see cref="System"/> is the real process; tests run the command tree in-process with their
/// own writers and environment.
/// </summary>
internal sealed class CliConsole
{
    /// <summary>Standard output: results (text or <c>--json</c>).</summary>
    public required TextWriter Out { get; init; }

    /// <summary>Standard error: one-line errors and prompts.</summary>
    public required TextWriter Error { get; init; }

    /// <summary>Opens standard input (for the file name <c>-</c>).</summary>
    public Func<Stream> OpenStandardInput { get; init; } = () => Stream.Null;

    /// <summary>Reads an environment variable.</summary>
    public Func<string, string?> GetEnvironmentVariable { get; init; } = _ => null;

    /// <summary>Asks for a secret without echoing it; returns null when there is no terminal to ask on.</summary>
    public Func<string, string?> ReadSecret { get; init; } = _ => null;

    /// <summary>Whether Ctrl+C and SIGTERM cancel the running command (the real process only).</summary>
    public bool HandlesTermination { get; init; }

    /// <summary>The real console of this process.</summary>
    public static CliConsole System() => new()
    {
        Out = Console.Out,
        Error = Console.Error,
        OpenStandardInput = Console.OpenStandardInput,
        GetEnvironmentVariable = Environment.GetEnvironmentVariable,
        ReadSecret = TerminalPrompt.ReadSecret,
        HandlesTermination = true,
    };
}
