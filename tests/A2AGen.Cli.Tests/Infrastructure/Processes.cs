using System.Diagnostics;
using System.Reflection;

namespace A2AGen.Cli.Tests.Infrastructure;

/// <summary>Runs real programs (openssl, node, the built a2agen tool) to completion with a time limit.</summary>
public static class Processes
{
    public static string RepoRoot { get; } = typeof(Processes).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepoRoot").Value!;

    public static async Task<CliRun> RunAsync(string file, IEnumerable<string> arguments, string? workingDirectory = null, IReadOnlyDictionary<string, string?>? environment = null, byte[]? standardInput = null, TimeSpan? timeout = null)
    {
        var info = new ProcessStartInfo(file)
        {
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null)
            {
                info.Environment.Remove(name);
            }
            else
            {
                info.Environment[name] = value;
            }
        }

        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (standardInput is not null)
        {
            await process.StandardInput.BaseStream.WriteAsync(standardInput);
        }

        process.StandardInput.Close();
        using var cancellation = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(cancellation.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', arguments)} did not finish in time.");
        }

        return new CliRun(process.ExitCode, await output, await error);
    }

    /// <summary>Runs the openssl CLI; fails the test when it fails.</summary>
    public static async Task<string> OpenSslAsync(params string[] arguments)
    {
        var run = await RunAsync("openssl", arguments);
        Assert.True(run.ExitCode == 0, $"openssl {string.Join(' ', arguments)} failed:\n{run}");
        return run.Output;
    }

    /// <summary>
    /// Runs the built tool as its own process (<c>dotnet a2agen.dll</c>, as the installed dotnet tool runs it), with the
    /// A2AGen environment variables of the test process removed.
    /// </summary>
    public static Task<CliRun> BuiltToolAsync(string[] arguments, IReadOnlyDictionary<string, string?>? environment = null, string? workingDirectory = null, byte[]? standardInput = null)
    {
        string tool = Path.Combine(AppContext.BaseDirectory, "a2agen.dll");
        Assert.True(File.Exists(tool), $"the built tool is missing at {tool}");
        var env = new Dictionary<string, string?>
        {
            ["A2AGEN_KEYS_DIR"] = null,
            ["A2AGEN_KEY_PASSWORD"] = null,
            ["A2AGEN_TRUSTED_KEYS"] = null,
            ["A2AGEN_SIGNING_KEY"] = null,
        };
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            env[name] = value;
        }

        return RunAsync("dotnet", [tool, .. arguments], workingDirectory, env, standardInput);
    }
}
