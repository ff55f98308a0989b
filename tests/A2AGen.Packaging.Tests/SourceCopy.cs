namespace A2AGen.Packaging.Tests;

/// <summary>
/// Copies the repository's files into an empty folder, as a clone would have them: the files git tracks plus new
/// files it does not ignore (so uncommitted work is tested too), or, where git is not available, every file outside
/// build output, package folders and tool state.
/// </summary>
internal static class SourceCopy
{
    private static readonly HashSet<string> NotSources = new(StringComparer.Ordinal)
    {
        ".git", ".vs", ".idea", "bin", "obj", "artifacts", "node_modules", "TestResults", "BenchmarkDotNet.Artifacts", "a2a-keys",
    };

    public static void Create(string repoRoot, string destination)
    {
        foreach (var relative in GitFiles(repoRoot) ?? WalkedFiles(repoRoot, repoRoot))
        {
            var source = Path.Combine(repoRoot, relative);
            if (!File.Exists(source))
            {
                continue; // deleted in the working tree, not yet committed
            }

            var target = Path.Combine(destination, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(source, target);
        }
    }

    private static List<string>? GitFiles(string repoRoot)
    {
        try
        {
            var (exitCode, output) = Dotnet.TryRun(repoRoot, environment: null, "git", "ls-files", "-z", "--cached", "--others", "--exclude-standard");
            return exitCode == 0 ? output.Split('\0', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList() : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null; // no git on this machine
        }
    }

    private static IEnumerable<string> WalkedFiles(string repoRoot, string folder)
    {
        foreach (var file in Directory.EnumerateFiles(folder))
        {
            yield return Path.GetRelativePath(repoRoot, file);
        }

        foreach (var child in Directory.EnumerateDirectories(folder).Where(child => !NotSources.Contains(Path.GetFileName(child))))
        {
            foreach (var file in WalkedFiles(repoRoot, child))
            {
                yield return file;
            }
        }
    }
}
