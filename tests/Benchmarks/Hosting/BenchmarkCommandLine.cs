using System.Globalization;

namespace A2AGen.Benchmarks.Hosting;

/// <summary>What the load-test commands share: reading <c>--name value</c> options and finding the repository.</summary>
internal static class BenchmarkCommandLine
{
    public static int Option(string[] args, string name, int fallback) =>
        Find(args, name) is { } text ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;

    public static string OptionText(string[] args, string name, string fallback) => Find(args, name) ?? fallback;

    private static string? Find(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }

    /// <summary>The folder holding A2AGen.sln above the running binaries (the servers and npm peers are found from it).</summary>
    public static string FindRepoRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "A2AGen.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Run the load tests from inside the repository (A2AGen.sln not found above the binaries).");
    }
}
