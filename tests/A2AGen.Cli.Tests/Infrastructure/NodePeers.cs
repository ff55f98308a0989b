using A2AGen.Tests.Shared;

namespace A2AGen.Cli.Tests.Infrastructure;

/// <summary>
/// The Node peers in <c>tests/interop</c> (<c>jose</c>, the official <c>@a2a-js/sdk</c>): installed with <c>npm ci</c>
/// on first use when <c>node_modules</c> is missing, then run as scripts that read JSON on stdin.
/// </summary>
public static class NodePeers
{
    public static string InteropDirectory => InteropPackages.Directory;

    public static async Task<string> RunScriptAsync(string script, string standardInput, params string[] arguments)
    {
        InteropPackages.EnsureInstalled();
        var run = await Processes.RunAsync("node", [script, .. arguments], InteropDirectory, standardInput: System.Text.Encoding.UTF8.GetBytes(standardInput));
        Assert.True(run.ExitCode == 0, $"node {script} failed:\n{run}");
        return run.Output;
    }
}
