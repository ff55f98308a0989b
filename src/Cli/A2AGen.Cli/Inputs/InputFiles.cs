using A2AGen.Cli.Infrastructure;

namespace A2AGen.Cli.Inputs;

/// <summary>Reads local inputs with a size limit; <c>-</c> means standard input. Failures say which file and why.</summary>
internal static class InputFiles
{
    /// <summary>Reads <paramref name="path"/> (or standard input for <c>-</c>), refusing more than <paramref name="maxBytes"/>.</summary>
    /// <param name="console">The console (standard input).</param>
    /// <param name="path">A file path or <c>-</c>.</param>
    /// <param name="maxBytes">The size limit.</param>
    /// <param name="what">What the file is, for messages ("key file", "card").</param>
    public static byte[] Read(CliConsole console, string path, int maxBytes, string what)
    {
        if (path == "-")
        {
            using var input = console.OpenStandardInput();
            return ReadLimited(input, maxBytes, $"{what} on standard input");
        }

        if (Directory.Exists(path))
        {
            throw new CliException("FILE_NOT_FOUND", $"the {what} '{path}' is a directory, not a file.");
        }

        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
            return ReadLimited(stream, maxBytes, $"the {what} '{path}'");
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new CliException("FILE_NOT_FOUND", $"the {what} '{path}' does not exist; check the path.");
        }
        catch (UnauthorizedAccessException)
        {
            throw new CliException("FILE_UNREADABLE", $"cannot read the {what} '{path}': permission denied; check the file's owner and mode.");
        }
        catch (IOException e)
        {
            throw new CliException("FILE_UNREADABLE", $"cannot read the {what} '{path}': {e.Message}");
        }
    }

    /// <summary>Reads a text input (UTF-8).</summary>
    public static string ReadText(CliConsole console, string path, int maxBytes, string what) =>
        System.Text.Encoding.UTF8.GetString(Read(console, path, maxBytes, what));

    private static byte[] ReadLimited(Stream stream, int maxBytes, string what)
    {
        var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = stream.Read(chunk, 0, chunk.Length)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                throw new CliException("INPUT_TOO_LARGE", $"{what} is larger than {Sizes.Describe(maxBytes)}.");
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
