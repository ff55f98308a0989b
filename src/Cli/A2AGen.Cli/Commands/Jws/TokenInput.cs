using System.Text;
using A2AGen.Cli.Infrastructure;
using A2AGen.Cli.Inputs;

namespace A2AGen.Cli.Commands.Jws;

/// <summary>
/// Reads a compact JWS from the command line: the token itself, <c>@file</c>, or <c>-</c> (standard input). Surrounding
/// white space and a pasted <c>A2A-Signature:</c> header name are dropped.
/// </summary>
internal static class TokenInput
{
    private const string HeaderName = "A2A-Signature:";

    public static string Read(CliConsole console, string argument)
    {
        string token = argument switch
        {
            "-" => Encoding.UTF8.GetString(InputFiles.Read(console, "-", Sizes.Token, "token")),
            ['@', .. var path] => Encoding.UTF8.GetString(InputFiles.Read(console, path, Sizes.Token, "token file")),
            _ => argument,
        };

        token = token.Trim();
        if (token.StartsWith(HeaderName, StringComparison.OrdinalIgnoreCase))
        {
            token = token[HeaderName.Length..].Trim();
        }

        return token.Length > 0 ? token : throw CliException.Usage("the token is empty");
    }
}
