using System.Diagnostics;

namespace A2AGen.Security.Tests.Support;

/// <summary>Runs the real <c>openssl</c> command line in a scratch directory.</summary>
internal sealed class OpenSslCli : IDisposable
{
    public OpenSslCli()
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("a2agen-openssl-").FullName;
    }

    public string Directory { get; }

    public string PathOf(string name) => Path.Combine(Directory, name);

    public string Read(string name) => File.ReadAllText(PathOf(name));

    public void Write(string name, string text) => File.WriteAllText(PathOf(name), text);

    public void Write(string name, byte[] bytes) => File.WriteAllBytes(PathOf(name), bytes);

    /// <summary>Runs openssl; fails the test with its stderr when the exit code is not 0.</summary>
    public string Run(params string[] arguments)
    {
        var (code, output, error) = TryRun(arguments);
        Assert.True(code == 0, $"openssl {string.Join(' ', arguments)} failed ({code}): {error}");
        return output;
    }

    public (int Code, string Output, string Error) TryRun(params string[] arguments)
    {
        var start = new ProcessStartInfo("openssl") { WorkingDirectory = Directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(30_000), "openssl timed out");
        return (process.ExitCode, output.Result, error.Result);
    }

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
