using A2AGen.Cli.Infrastructure;
using A2AGen.Security;

namespace A2AGen.Cli.Inputs;

/// <summary>Key passwords come from <c>A2AGEN_KEY_PASSWORD</c>, else a prompt without echo; never from the command line (it would land in shell history).</summary>
internal static class KeyPasswords
{
    /// <summary>The password to decrypt <paramref name="path"/>.</summary>
    public static string ForDecryption(CliConsole console, string path)
    {
        if (FromEnvironment(console) is { } password)
        {
            return password;
        }

        return console.ReadSecret($"Password for '{path}': ") is { Length: > 0 } typed
            ? typed
            : throw new CliException("KEY_PASSWORD_REQUIRED",
                $"'{path}' is encrypted: set {KeyEnvironment.KeyPassword} to its password (or run in a terminal to be asked).");
    }

    /// <summary>A new password to encrypt a key with (asked twice when typed).</summary>
    public static string ForEncryption(CliConsole console)
    {
        if (FromEnvironment(console) is { } password)
        {
            return password;
        }

        string? first = console.ReadSecret("New key password: ");
        if (first is null)
        {
            throw new CliException("KEY_PASSWORD_REQUIRED",
                $"--encrypt needs a password: set {KeyEnvironment.KeyPassword}, or run in a terminal to be asked.");
        }

        if (first.Length == 0)
        {
            throw new CliException("KEY_PASSWORD_REQUIRED", "the password is empty; choose a non-empty password (nothing was written).");
        }

        if (console.ReadSecret("Repeat the password: ") != first)
        {
            throw new CliException("KEY_PASSWORD_MISMATCH", "the two passwords differ; nothing was written.");
        }

        return first;
    }

    private static string? FromEnvironment(CliConsole console) =>
        console.GetEnvironmentVariable(KeyEnvironment.KeyPassword) is { Length: > 0 } value ? value : null;
}
