namespace A2AGen.Client;

/// <summary>
/// The default <see cref="IDeadLetterQueue"/>: one file per message, <c>&lt;id&gt;.json</c> in one directory. A file is
/// written to a temporary name and renamed into place, so a reader sees a whole entry or none; on Unix the directory
/// is created owner-only (0700) and every file is 0600, since an entry holds the message as the caller sent it. The
/// directory is <see cref="DefaultDirectory"/> unless given. Thread-safe; several processes may share a directory
/// (the last save of an entry wins).
/// </summary>
public sealed class FileDeadLetterQueue : IDeadLetterQueue
{
    /// <summary>The environment variable that moves <see cref="DefaultDirectory"/>.</summary>
    public const string DirectoryVariable = "A2AGEN_DEAD_LETTERS_DIR";

    private const string Extension = ".json";

    /// <summary>Creates the queue over <paramref name="directory"/> (created on first save).</summary>
    /// <param name="directory">The directory; <see cref="DefaultDirectory"/> when null.</param>
    public FileDeadLetterQueue(string? directory = null)
    {
        Directory = Path.GetFullPath(string.IsNullOrEmpty(directory) ? DefaultDirectory : directory);
    }

    /// <summary>
    /// <c>$A2AGEN_DEAD_LETTERS_DIR</c> when set, else <c>a2agen/dead-letters</c> under the user's local application data
    /// (<c>~/.local/share/a2agen/dead-letters</c> on Linux, <c>%LOCALAPPDATA%\a2agen\dead-letters</c> on Windows).
    /// </summary>
    public static string DefaultDirectory
    {
        get
        {
            if (Environment.GetEnvironmentVariable(DirectoryVariable) is { Length: > 0 } configured)
            {
                return configured;
            }

            var root = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify);
            return string.IsNullOrEmpty(root)
                ? Path.Combine(Path.GetTempPath(), $"a2agen-dead-letters-{Environment.UserName}")
                : Path.Combine(root, "a2agen", "dead-letters");
        }
    }

    /// <summary>The directory of the entries (absolute).</summary>
    public string Directory { get; }

    /// <inheritdoc />
    public async ValueTask SaveAsync(DeadLetter letter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(letter);
        var path = PathOf(letter.Id);
        CreateDirectory();
        var bytes = DeadLetterJson.Serialize(letter);
        var temporary = Path.Combine(Directory, "." + letter.Id + "." + Guid.NewGuid().ToString("N") + ".tmp");
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Options = FileOptions.Asynchronous };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        try
        {
            var stream = new FileStream(temporary, options);
            await using (stream.ConfigureAwait(false))
            {
                await stream.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
                await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }

    /// <inheritdoc />
    public async ValueTask<DeadLetter?> GetAsync(string id, CancellationToken cancellationToken = default)
    {
        var path = PathOf(id);
        byte[] bytes;
        try
        {
            bytes = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }

        try
        {
            return DeadLetterJson.Deserialize(bytes);
        }
        catch (InvalidDataException ex)
        {
            throw new InvalidDataException($"The dead letter '{path}' cannot be read: {ex.Message}", ex);
        }
    }

    /// <inheritdoc />
    /// <remarks>Files that are not readable entries (half-written temporaries, foreign files, damaged entries) are skipped; <see cref="GetAsync"/> names what is wrong with one.</remarks>
    public async ValueTask<IReadOnlyList<DeadLetter>> ListAsync(CancellationToken cancellationToken = default)
    {
        if (!System.IO.Directory.Exists(Directory))
        {
            return [];
        }

        var letters = new List<DeadLetter>();
        foreach (var path in System.IO.Directory.EnumerateFiles(Directory, "*" + Extension))
        {
            var id = Path.GetFileNameWithoutExtension(path);
            if (!DeadLetter.IsValidId(id))
            {
                continue;
            }

            try
            {
                if (await GetAsync(id, cancellationToken).ConfigureAwait(false) is { } letter)
                {
                    letters.Add(letter);
                }
            }
            catch (InvalidDataException)
            {
                // Damaged: left for `a2agen dlq show` to explain.
            }
        }

        letters.Sort((a, b) => a.CreatedAt != b.CreatedAt ? a.CreatedAt.CompareTo(b.CreatedAt) : string.CompareOrdinal(a.Id, b.Id));
        return letters;
    }

    /// <inheritdoc />
    public ValueTask<bool> RemoveAsync(string id, CancellationToken cancellationToken = default)
    {
        var path = PathOf(id);
        if (!File.Exists(path))
        {
            return ValueTask.FromResult(false);
        }

        File.Delete(path);
        return ValueTask.FromResult(true);
    }

    private string PathOf(string id) =>
        DeadLetter.IsValidId(id)
            ? Path.Combine(Directory, id + Extension)
            : throw new ArgumentException("A dead-letter id is 32 lowercase hex digits.", nameof(id));

    private void CreateDirectory()
    {
        if (OperatingSystem.IsWindows())
        {
            System.IO.Directory.CreateDirectory(Directory);
        }
        else
        {
            System.IO.Directory.CreateDirectory(Directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }
}
