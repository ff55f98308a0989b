using System.Diagnostics;
using System.Reflection;

namespace A2AGen.Samples.Tests.Infrastructure;

/// <summary>Runs scripts of <c>tests/interop</c> (the official <c>@a2a-js/sdk</c>), installing them with <c>npm ci</c> first when <c>node_modules</c> is missing.</summary>
public static class NodePeers
{
    private static readonly SemaphoreSlim InstallLock = new(1, 1);

    private static string InteropDirectory { get; } = Path.Combine(
        typeof(NodePeers).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepoRoot").Value!, "tests", "interop");

    /// <summary>Runs <paramref name="script"/> to its end and returns its standard output.</summary>
    public static async Task<string> RunScriptAsync(string script, params string[] arguments)
    {
        await InstallLock.WaitAsync();
        try
        {
            if (!Directory.Exists(Path.Combine(InteropDirectory, "node_modules", "@a2a-js", "sdk")))
            {
                var (installed, installOutput, installError) = await RunAsync("npm", ["ci", "--no-audit", "--no-fund"], TimeSpan.FromMinutes(5));
                Assert.True(installed == 0, $"npm ci failed in {InteropDirectory}:\n{installOutput}\n{installError}");
            }
        }
        finally
        {
            InstallLock.Release();
        }

        var (code, output, error) = await RunAsync("node", [script, .. arguments], TimeSpan.FromMinutes(1));
        Assert.True(code == 0, $"node {script} exited with {code}:\n{output}\n{error}");
        return output;
    }

    private static async Task<(int Code, string Output, string Error)> RunAsync(string file, string[] arguments, TimeSpan timeout)
    {
        var info = new ProcessStartInfo(file)
        {
            WorkingDirectory = InteropDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var cancellation = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancellation.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{file} {string.Join(' ', arguments)} ran longer than {timeout}.");
        }

        return (process.ExitCode, await output, await error);
    }
}
