using System.Diagnostics;
using A2AGen.Tests.Shared;

namespace A2AGen.Samples.Tests.Infrastructure;

/// <summary>Runs scripts of <c>tests/interop</c> (the official <c>@a2a-js/sdk</c>), installing them with <c>npm ci</c> first when <c>node_modules</c> is missing.</summary>
public static class NodePeers
{
    private static string InteropDirectory => InteropPackages.Directory;

    /// <summary>Runs <paramref name="script"/> to its end and returns its standard output.</summary>
    public static Task<string> RunScriptAsync(string script, params string[] arguments) => RunScriptWithInputAsync(script, input: null, arguments);

    /// <summary>Runs <paramref name="script"/> with <paramref name="input"/> on its standard input and returns its standard output.</summary>
    public static async Task<string> RunScriptWithInputAsync(string script, string? input, params string[] arguments)
    {
        InteropPackages.EnsureInstalled();
        var (code, output, error) = await RunAsync("node", [script, .. arguments], TimeSpan.FromMinutes(1), input);
        Assert.True(code == 0, $"node {script} exited with {code}:\n{output}\n{error}");
        return output;
    }

    private static async Task<(int Code, string Output, string Error)> RunAsync(string file, string[] arguments, TimeSpan timeout, string? input)
    {
        var info = new ProcessStartInfo(file)
        {
            WorkingDirectory = InteropDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
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
            Assert.Fail($"{file} {string.Join(' ', arguments)} ran longer than {timeout}.");
        }

        return (process.ExitCode, await output, await error);
    }
}
