using System.Text;

namespace A2AGen.Cli.Infrastructure;

/// <summary>Reads a secret from the terminal without echoing it.</summary>
internal static class TerminalPrompt
{
    /// <summary>Shows <paramref name="prompt"/> on standard error and reads a line without echo; null when standard input is not a terminal.</summary>
    public static string? ReadSecret(string prompt)
    {
        if (Console.IsInputRedirected)
        {
            return null;
        }

        Console.Error.Write(prompt);
        var secret = new StringBuilder();
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter)
            {
                break;
            }

            if (key.Key == ConsoleKey.Backspace)
            {
                if (secret.Length > 0)
                {
                    secret.Length--;
                }

                continue;
            }

            if (!char.IsControl(key.KeyChar))
            {
                secret.Append(key.KeyChar);
            }
        }

        Console.Error.WriteLine();
        return secret.ToString();
    }
}
