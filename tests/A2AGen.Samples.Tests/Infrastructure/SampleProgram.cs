using System.Diagnostics;
using System.Reflection;
using System.Text;

namespace A2AGen.Samples.Tests.Infrastructure;

/// <summary>
/// One of the sample programs run as its own process (<c>dotnet &lt;dll&gt;</c>), with a clean A2AGen environment, a
/// working directory of its own (so no <c>./a2a-keys</c> is picked up by accident) and its output captured. Disposing
/// kills it (with its children) if it still runs.
/// </summary>
public sealed class SampleProgram : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly StringBuilder _errors = new();
    private readonly Lock _gate = new();

    private SampleProgram(Process process)
    {
        _process = process;
    }

    /// <summary>The demo orchestrator.</summary>
    public static string TravelDesk => Dll("samples/TravelDesk", "TravelDesk");

    /// <summary>The standalone currency agent.</summary>
    public static string CurrencyAgent => Dll("samples/TravelDesk/CurrencyAgent", "CurrencyAgent");

    /// <summary>The standalone finance agent.</summary>
    public static string FinanceAgent => Dll("samples/TravelDesk/FinanceAgent", "FinanceAgent");

    /// <summary>Standard output so far.</summary>
    public string Output
    {
        get
        {
            lock (_gate)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Standard error so far.</summary>
    public string Errors
    {
        get
        {
            lock (_gate)
            {
                return _errors.ToString();
            }
        }
    }

    /// <summary>Starts <paramref name="dll"/>.</summary>
    /// <param name="dll">The program.</param>
    /// <param name="workingDirectory">Its working directory.</param>
    /// <param name="environment">Variables to set (null removes one).</param>
    /// <param name="args">Its command line.</param>
    public static SampleProgram Start(string dll, string workingDirectory, IReadOnlyDictionary<string, string?> environment, params string[] args)
    {
        Assert.True(File.Exists(dll), $"{dll} is missing: build tests/A2AGen.Samples.Tests (it builds the samples).");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("A2AGEN_", StringComparison.Ordinal) || k.StartsWith("ASPNETCORE_", StringComparison.Ordinal) || k == "DOTNET_ENVIRONMENT").ToList())
        {
            start.Environment.Remove(name);
        }

        // Its temporary files (the demo's agent log) go to the test's folder, deleted with it.
        start.Environment["TMPDIR"] = workingDirectory;
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var program = new SampleProgram(process);
        process.OutputDataReceived += (_, e) => program.Append(program._output, e.Data);
        process.ErrorDataReceived += (_, e) => program.Append(program._errors, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return program;
    }

    /// <summary>Waits for the program to end; fails the test if it takes longer than <paramref name="timeout"/>.</summary>
    /// <param name="timeout">How long it may take.</param>
    /// <returns>Its exit code.</returns>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"The program did not end within {timeout}. Output: {Output} Errors: {Errors}");
        }

        _process.WaitForExit(); // drains the redirected output
        return _process.ExitCode;
    }

    /// <summary>Waits until standard output contains <paramref name="text"/> (a server printing that it listens).</summary>
    /// <param name="text">What to wait for.</param>
    /// <param name="timeout">How long it may take.</param>
    public async Task WaitForOutputAsync(string text, TimeSpan timeout)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew(); // the monotonic clock: a change of the date cannot cut the wait
        while (!Output.Contains(text, StringComparison.Ordinal))
        {
            Assert.False(_process.HasExited, $"The program ended (exit {(_process.HasExited ? _process.ExitCode : 0)}) before printing '{text}'. Output: {Output} Errors: {Errors}");
            Assert.True(waited.Elapsed < timeout, $"The program did not print '{text}' within {timeout}. Output: {Output} Errors: {Errors}");
            await Task.Delay(50);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }
        catch (InvalidOperationException)
        {
            // It ended in between.
        }

        _process.Dispose();
    }

    private void Append(StringBuilder target, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_gate)
        {
            target.Append(line).Append('\n');
        }
    }

    private static string Dll(string projectFolder, string name)
    {
        var metadata = typeof(SampleProgram).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().ToDictionary(a => a.Key, a => a.Value);
        return Path.Combine(metadata["RepoRoot"]!, projectFolder, "bin", metadata["SamplesConfiguration"]!, "net10.0", name + ".dll");
    }
}
