using System.Security.Cryptography;
using System.Text.Json;
using A2AGen.Client;
using A2AGen.Security;

namespace A2AGen.Cli.Infrastructure;

/// <summary>Turns any exception into one line for the user and an exit code: never a stack trace, never a secret.</summary>
internal static class ErrorReporter
{
    public static (string Code, string Message, int ExitCode) Describe(Exception exception, CancellationToken cancellationToken)
    {
        return exception switch
        {
            CliException e => (e.Code, e.Message, e.ExitCode),
            OperationCanceledException when cancellationToken.IsCancellationRequested => ("CANCELED", "canceled.", ExitCodes.Canceled),
            KeyStoreException e => ("KEY_STORE", e.Message, ExitCodes.Failure),
            A2AClientException e => (e.Reason ?? "CLIENT_ERROR", e.Message, ExitCodes.Failure),
            HttpRequestException e => ("URL_UNREACHABLE", $"an HTTP request failed: {e.Message}", ExitCodes.Failure),
            TaskCanceledException => ("URL_TIMEOUT", "an HTTP request timed out; try a larger --timeout.", ExitCodes.Failure),
            JsonException e => ("INVALID_JSON", $"the input is not valid JSON: {e.Message}", ExitCodes.Failure),
            FormatException e => ("INVALID_INPUT", e.Message, ExitCodes.Failure),
            CryptographicException e => ("CRYPTO_ERROR", e.Message, ExitCodes.Failure),
            UnauthorizedAccessException e => ("FILE_UNREADABLE", e.Message, ExitCodes.Failure),
            IOException e => ("IO_ERROR", e.Message, ExitCodes.Failure),
            PlatformNotSupportedException e => ("UNSUPPORTED", e.Message, ExitCodes.Failure),
            _ => ("INTERNAL_ERROR", $"unexpected {exception.GetType().Name}: {exception.Message} (this is a bug in a2agen; please report it).", ExitCodes.Failure),
        };
    }

    /// <summary>A sentence: the message collapsed to one line, ending with a full stop.</summary>
    public static string Sentence(string message)
    {
        string line = OneLine(message);
        return line.Length == 0 || line[^1] is '.' or '!' or '?' ? line : line + ".";
    }

    /// <summary>Collapses a message to one line.</summary>
    public static string OneLine(string message) =>
        string.Join(' ', message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
