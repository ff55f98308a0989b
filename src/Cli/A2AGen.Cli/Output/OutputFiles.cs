using System.Text;
using A2AGen.Cli.Infrastructure;

namespace A2AGen.Cli.Output;

/// <summary>
/// Writes files the tool produces. Each is written to a temporary file in the same folder and then moved into place,
/// so a crash never leaves half a key or half a card; secrets are owner-only (0600) on Unix from the first byte.
/// </summary>
internal static class OutputFiles
{
    /// <summary>Creates a folder for keys: owner-only (0700) on Unix when it is new.</summary>
    public static void CreatePrivateDirectory(string directory)
    {
        if (File.Exists(directory))
        {
            throw new CliException("NOT_A_DIRECTORY", $"'{directory}' is a file; give a directory for the keys.");
        }

        try
        {
            if (OperatingSystem.IsWindows())
            {
                Directory.CreateDirectory(directory);
            }
            else
            {
                Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException("CANNOT_WRITE", $"cannot create the directory '{directory}': {e.Message}");
        }
    }

    /// <summary>Writes a secret (a private key): mode 0600 on Unix.</summary>
    public static void WriteSecret(string path, string contents) => Write(path, Encoding.ASCII.GetBytes(contents), secret: true);

    /// <summary>Writes a public file (a public key, a card): mode 0644 on Unix.</summary>
    public static void WritePublic(string path, byte[] contents) => Write(path, contents, secret: false);

    private static void Write(string path, byte[] contents, bool secret)
    {
        string full = Path.GetFullPath(path);
        string temporary = Path.Combine(Path.GetDirectoryName(full)!, "." + Path.GetFileName(full) + "." + Guid.NewGuid().ToString("N")[..8] + ".tmp");
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = secret
                ? UnixFileMode.UserRead | UnixFileMode.UserWrite
                : UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
        }

        try
        {
            using (var stream = new FileStream(temporary, options))
            {
                stream.Write(contents);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, full, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException("CANNOT_WRITE", $"cannot write '{full}': {e.Message}");
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }
}
