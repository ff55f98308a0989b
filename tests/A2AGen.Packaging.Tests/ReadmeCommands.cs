namespace A2AGen.Packaging.Tests;

/// <summary>
/// The README's pack commands, read out of README.md: every line that starts with <c>dotnet pack </c>, in order. They
/// form one <c>&amp;&amp;</c> chain (a failure stops it, and the chain's exit code says so); <c>.ci/run</c> reads the same lines.
/// </summary>
public sealed class ReadmeCommands
{
    public const string ReadmeFeed = "~/a2agen-feed";

    private ReadmeCommands(IReadOnlyList<string> lines) => Lines = lines;

    public IReadOnlyList<string> Lines { get; }

    public static ReadmeCommands Pack(string repoRoot)
    {
        var lines = File.ReadAllLines(Path.Combine(repoRoot, "README.md"))
            .Where(line => line.StartsWith("dotnet pack ", StringComparison.Ordinal))
            .ToList();
        Assert.True(lines.Count > 0, "README.md has no line starting with 'dotnet pack '");
        Assert.All(lines, line => Assert.Contains(" -o " + ReadmeFeed, line, StringComparison.Ordinal));
        return new ReadmeCommands(lines);
    }

    /// <summary>The commands as one shell script, packing into <paramref name="feed"/> instead of the user's home.</summary>
    public string WithFeed(string feed) =>
        string.Join('\n', Lines).Replace(ReadmeFeed, "'" + feed.Replace("'", "'\\''", StringComparison.Ordinal) + "'", StringComparison.Ordinal);
}
