namespace A2AGen.Packaging.Tests;

/// <summary>The README's pack commands as a shell runs them (their success is what <see cref="PackedPackages"/> proves).</summary>
public sealed class ReadmeCommandTests
{
    [Fact]
    public void The_readme_packs_the_four_packages_into_one_feed()
    {
        var commands = ReadmeCommands.Pack(PackedPackages.RepoRoot);
        Assert.Equal(["src/Runtime/A2AGen.Runtime", "src/Runtime/A2AGen.Biscuit", "src/Runtime/A2AGen.Hosting", "src/Cli/A2AGen.Cli"], commands.Lines.Select(ProjectOf));
        Assert.All(commands.Lines, line => Assert.Contains(" -c Release ", line, StringComparison.Ordinal));
    }

    [Fact]
    public void The_readme_pack_commands_stop_at_the_first_failure()
    {
        // In an empty folder the first pack fails (no project there): the shell must stop and say so by its exit code.
        var empty = Directory.CreateTempSubdirectory("a2agen-readme-");
        try
        {
            var commands = ReadmeCommands.Pack(PackedPackages.RepoRoot);
            var (exitCode, output) = Dotnet.TryRun(empty.FullName, environment: null, "bash", "-c", commands.WithFeed(Path.Combine(empty.FullName, "feed")));

            Assert.NotEqual(0, exitCode);
            Assert.Contains(ProjectOf(commands.Lines[0]), output, StringComparison.Ordinal);
            foreach (var later in commands.Lines.Skip(1))
            {
                Assert.DoesNotContain(ProjectOf(later), output, StringComparison.Ordinal);
            }
        }
        finally
        {
            empty.Delete(recursive: true);
        }
    }

    private static string ProjectOf(string line) => line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[2];
}
