using System.Text;
using A2AGen.Biscuit.Datalog;
using A2AGen.Cli.Infrastructure;
using A2AGen.Cli.Inputs;

namespace A2AGen.Cli.Commands.Biscuit;

/// <summary>Reads Datalog or a token given on the command line: the text itself, <c>@file</c>, or <c>-</c> (standard input).</summary>
internal static class DatalogInput
{
    private const int MaxBytes = 64 * 1024;

    public static string ReadText(CliConsole console, string argument, string what) => argument switch
    {
        "-" => Encoding.UTF8.GetString(InputFiles.Read(console, "-", MaxBytes, what)),
        ['@', .. var path] => Encoding.UTF8.GetString(InputFiles.Read(console, path, MaxBytes, what + " file")),
        _ => argument,
    };

    /// <summary>Parses Datalog; a syntax error is a usage error (exit 2) naming the option, line and column.</summary>
    public static DatalogSource Parse(CliConsole console, string argument, string option, bool block)
    {
        var text = ReadText(console, argument, "Datalog");
        try
        {
            return block ? DatalogParser.ParseBlock(text) : DatalogParser.ParseSource(text);
        }
        catch (DatalogParseException e)
        {
            throw CliException.Usage($"{option}: {e.Message}");
        }
    }

    /// <summary>A token argument: base64url text (a pasted <c>Authorization: Bearer</c> prefix is dropped).</summary>
    public static string ReadToken(CliConsole console, string argument)
    {
        var token = ReadText(console, argument, "token").Trim();
        foreach (var prefix in (string[])["Authorization:", "Bearer "])
        {
            if (token.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                token = token[prefix.Length..].Trim();
            }
        }

        return token.Length > 0 ? token : throw CliException.Usage("the token is empty");
    }
}
