namespace A2AGen.Samples.Tests.Infrastructure;

/// <summary>A folder for one test (working directory, development keys, key folders), deleted afterwards.</summary>
public sealed class TempFolder : IDisposable
{
    /// <summary>Creates it.</summary>
    public TempFolder()
    {
        Path = Directory.CreateTempSubdirectory("a2agen-samples-").FullName;
    }

    /// <summary>The folder.</summary>
    public string Path { get; }

    /// <summary>A subfolder, created.</summary>
    /// <param name="relative">Its path below <see cref="Path"/>.</param>
    public string Folder(string relative) => Directory.CreateDirectory(System.IO.Path.Combine(Path, relative)).FullName;

    /// <inheritdoc />
    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A process that was just killed may still hold a file; the OS cleans the temp folder.
        }
    }
}
