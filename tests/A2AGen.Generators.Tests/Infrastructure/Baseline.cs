using System.Text.RegularExpressions;

namespace A2AGen.Generators.Tests.Infrastructure;

/// <summary>
/// Baseline files for generated sources: <c>Baselines/&lt;Test&gt;/&lt;HintName&gt;.txt</c>, the text of each file
/// the generator emits for one test source, with the generator's version written as <c>VERSION</c>. The comparison is
/// <see cref="AgentGeneratorTest"/>'s. Run with <c>UPDATE_BASELINES=1</c> to rewrite them (stale files are deleted); a
/// rewriting run fails on purpose so that the new baselines are reviewed and the tests re-run.
/// </summary>
internal static partial class Baseline
{
    private const string VersionPlaceholder = "VERSION";

    public static bool Updating => Environment.GetEnvironmentVariable("UPDATE_BASELINES") == "1";

    /// <summary>The expected generated files of <paramref name="test"/>: hint name and text, with the real version.</summary>
    public static IReadOnlyList<(string HintName, string Text)> Read(string test)
    {
        var folder = Path.Combine(Repo.Baselines, test);
        Assert.True(Directory.Exists(folder), $"No baselines for '{test}'. Run the tests with UPDATE_BASELINES=1 to create {folder}.");
        return [.. Directory.GetFiles(folder, "*.txt")
            .Order(StringComparer.Ordinal)
            .Select(static path => (
                Path.GetFileNameWithoutExtension(path),
                File.ReadAllText(path).Replace("\r\n", "\n").Replace(Versioned(VersionPlaceholder), Versioned(GeneratorInfo.Version))))];
    }

    /// <summary>Rewrites the baselines of <paramref name="test"/> from <paramref name="sources"/>, then fails.</summary>
    public static void Update(string test, IReadOnlyDictionary<string, string> sources)
    {
        var folder = Path.Combine(Repo.Baselines, test);
        var expectedFiles = sources.Keys.Select(hint => hint + ".txt").ToHashSet(StringComparer.Ordinal);
        Directory.CreateDirectory(folder);
        foreach (var stale in Directory.GetFiles(folder).Where(f => !expectedFiles.Contains(Path.GetFileName(f))))
        {
            File.Delete(stale);
        }

        foreach (var (hint, text) in sources)
        {
            File.WriteAllText(Path.Combine(folder, hint + ".txt"), Normalize(text));
        }

        Assert.Fail($"Baselines of '{test}' were rewritten in {folder}. Review the diff, then run the tests without UPDATE_BASELINES.");
    }

    private static string Versioned(string version) => $"GeneratedCode(\"A2AGen.Generators\", \"{version}\")";

    // The generator's version changes with every release; the baselines should not.
    private static string Normalize(string text) =>
        VersionPattern().Replace(text.Replace("\r\n", "\n"), Versioned(VersionPlaceholder));

    [GeneratedRegex("GeneratedCode\\(\"A2AGen\\.Generators\", \"[0-9.]+\"\\)")]
    private static partial Regex VersionPattern();
}
