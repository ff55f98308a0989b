namespace A2AGen.Cli.Tests.Infrastructure;

/// <summary>
/// The Node peers in <c>tests/interop</c> (<c>jose</c>, the official <c>@a2a-js/sdk</c>): installed with <c>npm ci</c>
/// on first use when <c>node_modules</c> is missing, then run as scripts that read JSON on stdin.
/// </summary>
public static class NodePeers
{
    private static readonly SemaphoreSlim InstallLock = new(1, 1);

    public static string InteropDirectory { get; } = Path.Combine(Processes.RepoRoot, "tests", "interop");

    public static async Task<string> RunScriptAsync(string script, string standardInput, params string[] arguments)
    {
        await EnsureInstalledAsync();
        var run = await Processes.RunAsync("node", [script, .. arguments], InteropDirectory, standardInput: System.Text.Encoding.UTF8.GetBytes(standardInput));
        Assert.True(run.ExitCode == 0, $"node {script} failed:\n{run}");
        return run.Output;
    }

    private static async Task EnsureInstalledAsync()
    {
        await InstallLock.WaitAsync();
        try
        {
            if (Directory.Exists(Path.Combine(InteropDirectory, "node_modules", "@a2a-js", "sdk")) && Directory.Exists(Path.Combine(InteropDirectory, "node_modules", "jose")))
            {
                return;
            }

            var run = await Processes.RunAsync("npm", ["ci", "--no-audit", "--no-fund"], InteropDirectory, timeout: TimeSpan.FromMinutes(5));
            Assert.True(run.ExitCode == 0, $"npm ci failed in {InteropDirectory}:\n{run}");
        }
        finally
        {
            InstallLock.Release();
        }
    }
}
