namespace A2AGen.Cli.Infrastructure;

/// <summary>
/// A failure the user can act on: <see cref="Exception.Message"/> is one line saying what is wrong and what to do
/// (never a secret, never a stack trace); <see cref="Code"/> is a stable UPPER_SNAKE code for <c>--json</c>.
/// </summary>
internal sealed class CliException : Exception
{
    public CliException(string code, string message, int exitCode = ExitCodes.Failure)
        : base(message)
    {
        Code = code;
        ExitCode = exitCode;
    }

    /// <summary>A stable code, e.g. <c>FILE_NOT_FOUND</c>, <c>KEY_PASSWORD_WRONG</c>, <c>URL_UNREACHABLE</c>.</summary>
    public string Code { get; }

    /// <summary>The process exit code.</summary>
    public int ExitCode { get; }

    public static CliException Usage(string message) => new("USAGE", message, ExitCodes.Usage);
}
