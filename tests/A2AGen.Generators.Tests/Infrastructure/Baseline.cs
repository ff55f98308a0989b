using System.Text.RegularExpressions;

namespace A2AGen.Generators.Tests.Infrastructure;

/// <summary>
/// Baseline files for generated sources: <c>Baselines/&lt;Test&gt;/&lt;HintName&gt;.txt</c>, compared line by line.
/// Run with <c>UPDATE_BASELINES=1</c> to rewrite them (stale files are deleted); a rewriting run fails on purpose so
/// that the new baselines are reviewed and the tests re-run.
/// </summary>
internal static partial class Baseline
{
    public static bool Updating => Environment.GetEnvironmentVariable("UPDATE_BASELINES") == "1";

    public static void Verify(string test, IReadOnlyDictionary<string, string> sources)
    {
        var folder = Path.Combine(Repo.Baselines, test);
        var expectedFiles = sources.Keys.Select(hint => hint + ".txt").ToHashSet(StringComparer.Ordinal);
        if (Updating)
        {
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

        Assert.True(Directory.Exists(folder), $"No baselines for '{test}'. Run the tests with UPDATE_BASELINES=1 to create {folder}.");
        var onDisk = Directory.GetFiles(folder).Select(Path.GetFileName).ToHashSet(StringComparer.Ordinal);
        Assert.True(onDisk.SetEquals(expectedFiles),
            $"Generated files of '{test}' differ from its baselines. Generated: {string.Join(", ", expectedFiles.Order())}; baselines: {string.Join(", ", onDisk.Order())}.");

        foreach (var (hint, text) in sources)
        {
            var expected = File.ReadAllText(Path.Combine(folder, hint + ".txt")).Replace("\r\n", "\n").Split('\n');
            var actual = Normalize(text).Split('\n');
            for (var i = 0; i < Math.Max(expected.Length, actual.Length); i++)
            {
                var want = i < expected.Length ? expected[i] : "<end of file>";
                var got = i < actual.Length ? actual[i] : "<end of file>";
                Assert.True(want == got, $"{test}/{hint}.txt line {i + 1} differs.\nexpected: {want}\nactual:   {got}\n(UPDATE_BASELINES=1 rewrites the baselines.)");
            }
        }
    }

    // The generator's version changes with every release; the baselines should not.
    private static string Normalize(string text) =>
        VersionPattern().Replace(text.Replace("\r\n", "\n"), "GeneratedCode(\"A2AGen.Generators\", \"VERSION\")");

    [GeneratedRegex("GeneratedCode\\(\"A2AGen\\.Generators\", \"[0-9.]+\"\\)")]
    private static partial Regex VersionPattern();
}
