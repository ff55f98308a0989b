using System.Diagnostics;
using A2AGen.Tests.Shared;

namespace A2AGen.Hosting.Tests.Infrastructure;

/// <summary>
/// Runs the Node peers in <c>tests/interop</c> (the official <c>@a2a-js/sdk</c>): installs them with <c>npm ci</c> the
/// first time if <c>node_modules</c> is missing, runs scripts to completion, and starts long-running servers.
/// </summary>
public static class NodePeers
{
    public static string InteropDirectory => InteropPackages.Directory;

    public static Task EnsureInstalledAsync()
    {
        InteropPackages.EnsureInstalled();
        return Task.CompletedTask;
    }

    public static Task<string> RunScriptAsync(string script, params string[] arguments) => RunScriptWithInputAsync(script, input: null, arguments);

    /// <summary>Runs a script with <paramref name="input"/> on its stdin (keys are passed this way, never as arguments).</summary>
    /// <summary>Runs a script that imports WebAssembly modules (<c>@biscuit-auth/biscuit-wasm</c>) with <paramref name="input"/> on stdin.</summary>
    public static async Task<string> RunWasmScriptAsync(string script, string input)
    {
        await EnsureInstalledAsync();
        var (code, output, error) = await RunAsync("node", ["--experimental-wasm-modules", "--no-warnings", script], TimeSpan.FromMinutes(2), input);
        Assert.True(code == 0, $"node {script} exited with {code}:\n{output}\n{error}");
        return output;
    }

    public static async Task<string> RunScriptWithInputAsync(string script, string? input, params string[] arguments)
    {
        await EnsureInstalledAsync();
        var (code, output, error) = await RunAsync("node", [script, .. arguments], TimeSpan.FromMinutes(2), input);
        Assert.True(code == 0, $"node {script} exited with {code}:\n{output}\n{error}");
        return output;
    }

    public static async Task<NodeServer> StartServerAsync(string script, params string[] arguments)
    {
        await EnsureInstalledAsync();
        var process = Process.Start(StartInfo("node", [script, .. arguments]))!;
        var line = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30));
        if (line is null || !line.StartsWith("LISTENING ", StringComparison.Ordinal))
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"node {script} did not start: {line} {await process.StandardError.ReadToEndAsync()}");
        }

        return new NodeServer(process, int.Parse(line["LISTENING ".Length..], System.Globalization.CultureInfo.InvariantCulture));
    }

    private static async Task<(int Code, string Output, string Error)> RunAsync(string file, string[] arguments, TimeSpan timeout, string? input = null)
    {
        using var process = Process.Start(StartInfo(file, arguments))!;
        if (input is not null)
        {
            await process.StandardInput.WriteAsync(input);
        }

        process.StandardInput.Close();
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
            throw new TimeoutException($"{file} {string.Join(' ', arguments)} ran longer than {timeout}.");
        }

        return (process.ExitCode, await output, await error);
    }

    private static ProcessStartInfo StartInfo(string file, IEnumerable<string> arguments)
    {
        var info = new ProcessStartInfo(file)
        {
            WorkingDirectory = InteropDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        return info;
    }
}

/// <summary>A running Node server; disposing closes its stdin (it exits) and kills it if it lingers.</summary>
public sealed class NodeServer(Process process, int port) : IAsyncDisposable
{
    public int Port { get; } = port;

    public Uri BaseAddress => new($"http://127.0.0.1:{Port}/");

    public Process Process { get; } = process;

    public async ValueTask DisposeAsync()
    {
        try
        {
            Process.StandardInput.Close();
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await Process.WaitForExitAsync(wait.Token);
        }
        catch (OperationCanceledException)
        {
            Process.Kill(entireProcessTree: true);
        }
        finally
        {
            Process.Dispose();
        }
    }
}
