using System.Text;
using System.Text.Json;
using A2AGen.Cli.Infrastructure;

namespace A2AGen.Cli.Inputs;

/// <summary>
/// A JSON value given on the command line: inline (<c>{"tier":"gold"}</c>), <c>@file</c>, a file path, or <c>-</c>
/// for standard input. Duplicate member names are refused: the signed form could not say which one counts.
/// </summary>
internal static class JsonInput
{
    private static readonly JsonDocumentOptions Strict = new() { AllowDuplicateProperties = false, MaxDepth = 64 };

    /// <summary>Reads and parses the value; <paramref name="what"/> names it in messages (e.g. "--state").</summary>
    /// <param name="console">The console (standard input).</param>
    /// <param name="argument">Inline JSON, <c>@file</c>, a path (when <paramref name="allowPath"/>) or <c>-</c>.</param>
    /// <param name="what">What the value is.</param>
    /// <param name="allowPath">Whether a bare argument that is not JSON names a file.</param>
    public static JsonDocument Read(CliConsole console, string argument, string what, bool allowPath)
    {
        string trimmed = argument.TrimStart();
        (byte[] bytes, string source) = trimmed switch
        {
            "-" => (InputFiles.Read(console, "-", Sizes.Passport, what), $"{what} on standard input"),
            ['@', .. var path] => (InputFiles.Read(console, path, Sizes.Passport, what + " file"), $"'{path}'"),
            ['{', ..] or ['[', ..] => (Encoding.UTF8.GetBytes(argument), what),
            _ when allowPath => (InputFiles.Read(console, argument, Sizes.Passport, what + " file"), $"'{argument}'"),
            _ => throw CliException.Usage($"{what} must be JSON, @file or - (standard input), not '{Shorten(argument)}'"),
        };

        try
        {
            return JsonDocument.Parse(bytes, Strict);
        }
        catch (JsonException e)
        {
            throw new CliException("INVALID_JSON", $"{source} is not valid JSON: {ErrorReporter.OneLine(e.Message)}");
        }
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..37] + "...";
}
