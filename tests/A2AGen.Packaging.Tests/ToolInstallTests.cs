using System.Text.Json;

namespace A2AGen.Packaging.Tests;

/// <summary>
/// The packed <c>A2AGen.Cli</c> installs with <c>dotnet tool install</c> from a local folder feed and works as
/// <c>a2agen</c>: what a user of the package gets, not the build output of the repository.
/// </summary>
[Collection(PackedCollection.Name)]
public sealed class ToolInstallTests(PackedPackages packages)
{
    [Fact]
    public void The_tool_installs_from_the_feed_and_runs_as_a2agen()
    {
        var work = Directory.CreateDirectory(Path.Combine(packages.Root, "tool-install")).FullName;
        var config = packages.WriteNuGetConfig(work);
        var tools = Path.Combine(work, "tools");
        var environment = packages.RestoreEnvironment;

        Dotnet.Run(work, environment, "tool", "install", "A2AGen.Cli", "--version", PackedPackages.Version, "--tool-path", tools, "--configfile", config);
        var a2agen = Path.Combine(tools, OperatingSystem.IsWindows() ? "a2agen.exe" : "a2agen");
        Assert.True(File.Exists(a2agen), "the tool's command is not named a2agen");

        var (helpExit, help) = Dotnet.TryRun(work, environment, a2agen, "--help");
        Assert.Equal(0, helpExit);
        foreach (var command in new[] { "keys", "card", "jws", "passport" })
        {
            Assert.Contains(command, help, StringComparison.Ordinal);
        }

        // A real command through the installed tool: a key made, then published as a public JWK Set.
        var keys = Path.Combine(work, "keys");
        var (genExit, genOutput) = Dotnet.TryRun(work, environment, a2agen, "keys", "gen", "--out", keys);
        Assert.True(genExit == 0, genOutput);
        var (showExit, shown) = Dotnet.TryRun(work, environment, a2agen, "keys", "show", "--dir", keys, "--as-jwks");
        Assert.True(showExit == 0, shown);
        using var json = JsonDocument.Parse(shown);
        var key = Assert.Single(json.RootElement.GetProperty("keys").EnumerateArray());
        Assert.Equal("OKP", key.GetProperty("kty").GetString());
        Assert.False(key.TryGetProperty("d", out _), "a published key set must not hold the private key");
    }
}
