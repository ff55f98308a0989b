using System.Diagnostics;
using System.Reflection;

namespace A2AGen.Tests.Shared;

/// <summary>
/// The npm packages of <c>tests/interop</c> (<c>@a2a-js/sdk</c>, <c>jose</c>, <c>express</c>, <c>@biscuit-auth/biscuit-wasm</c>): installed with <c>npm ci</c>
/// on first use when missing. Compiled into every test project (tests/Directory.Build.props). <c>dotnet test</c> runs the
/// test projects in parallel processes, so the install is guarded by a lock file that only one process can hold: the
/// first installs, the others wait and then find the packages in place.
/// </summary>
internal static class InteropPackages
{
    private static readonly Lazy<string> Installed = new(Install, LazyThreadSafetyMode.ExecutionAndPublication);

    private static readonly string[] Required = [Path.Combine("@a2a-js", "sdk"), "jose", "express", Path.Combine("@biscuit-auth", "biscuit-wasm")];

    /// <summary>The <c>tests/interop</c> folder of this repository.</summary>
    public static string Directory { get; } = Path.Combine(
        typeof(InteropPackages).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepoRoot").Value!,
        "tests",
        "interop");

    /// <summary>Installs the packages once per machine (not per test run) and returns <see cref="Directory"/>.</summary>
    /// <exception cref="InvalidOperationException">npm is missing, fails, or another process holds the lock too long.</exception>
    public static string EnsureInstalled() => Installed.Value;

    private static bool Present() =>
        Required.All(package => System.IO.Directory.Exists(Path.Combine(Directory, "node_modules", package)));

    private static string Install()
    {
        // Always through the lock (once per process): while another test process runs npm ci, the package folders
        // already exist but are incomplete, so their presence alone proves nothing.
        using (AcquireLock(TimeSpan.FromMinutes(10)))
        {
            if (!Present())
            {
                RunNpmCi();
            }
        }

        return Directory;
    }

    private static FileStream AcquireLock(TimeSpan timeout)
    {
        var path = Path.Combine(Directory, ".npm-install.lock");
        var clock = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
            }
            catch (IOException) when (clock.Elapsed < timeout)
            {
                Thread.Sleep(500);
            }
            catch (IOException e)
            {
                throw new InvalidOperationException($"Another process has been installing the npm packages in {Directory} for more than {timeout}; delete {path} if no install is running.", e);
            }
        }
    }

    private static void RunNpmCi()
    {
        var start = new ProcessStartInfo("npm")
        {
            WorkingDirectory = Directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "ci", "--no-audit", "--no-fund" })
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException("npm was not found: the interop tests need Node 20 and npm on PATH (.ci/run installs them).", e);
        }

        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
            {
                process.Kill(entireProcessTree: true);
                throw new InvalidOperationException($"npm ci in {Directory} ran longer than 5 minutes.");
            }

            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"npm ci in {Directory} failed ({process.ExitCode}):\n{output.Result}\n{error.Result}");
            }
        }
    }
}
