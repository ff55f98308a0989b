using System.Diagnostics;
using System.Reflection;
using System.Text;

namespace A2AGen.Packaging.Tests;

/// <summary>
/// Packs the four packages once per test run the way the README tells a user to: its own <c>dotnet pack</c> commands
/// (read out of README.md, so the two cannot drift) run by bash in a fresh copy of the repository's files — nothing
/// built, nothing beside it, as in a user's clone — into a temporary folder feed. The one change to the commands is
/// that feed's path in place of <c>~/a2agen-feed</c>. The working tree and concurrently running tests are untouched.
/// </summary>
public sealed class PackedPackages : IDisposable
{
    public const string Version = "0.1.0";

    public PackedPackages()
    {
        Root = Path.Combine(Path.GetTempPath(), "a2agen-pack-" + Guid.NewGuid().ToString("N"));
        Feed = Path.Combine(Root, "a2agen-feed");
        var clone = Path.Combine(Root, "a2agen");
        SourceCopy.Create(RepoRoot, clone);
        var (exitCode, output) = Dotnet.TryRun(clone, environment: null, "bash", ["-c", ReadmeCommands.Pack(RepoRoot).WithFeed(Feed)], TimeSpan.FromMinutes(20));
        Assert.True(exitCode == 0, $"The README's pack commands failed ({exitCode}):\n{output}");
    }

    public static string RepoRoot { get; } = typeof(PackedPackages).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(attribute => attribute.Key == "RepoRoot").Value!;

    public string Root { get; }

    public string Feed { get; }

    public string PackagePath(string id) => Path.Combine(Feed, $"{id}.{Version}.nupkg");

    /// <summary>Environment for dotnet commands that restore from the feed: a package folder of this run, never the user's.</summary>
    public IReadOnlyDictionary<string, string> RestoreEnvironment => new Dictionary<string, string> { ["NUGET_PACKAGES"] = Path.Combine(Root, "nuget-packages") };

    /// <summary>
    /// Writes a NuGet.config into <paramref name="folder"/>: A2AGen's packages come only from the local feed (package
    /// source mapping), and their third-party dependencies (NSec.Cryptography, System.Security.Cryptography.Pkcs,
    /// Microsoft.Extensions.Http.Resilience, …) from
    /// nuget.org, as for a user; nothing comes from a stale cache.
    /// </summary>
    /// <returns>The file's path.</returns>
    public string WriteNuGetConfig(string folder)
    {
        var path = Path.Combine(folder, "NuGet.config");
        File.WriteAllText(path, $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="local" value="{Feed}" />
                <add key="nuget.org" value="https://api.nuget.org/v3/index.json" protocolVersion="3" />
              </packageSources>
              <packageSourceMapping>
                <packageSource key="local">
                  <package pattern="A2AGen" />
                  <package pattern="A2AGen.*" />
                </packageSource>
                <packageSource key="nuget.org">
                  <package pattern="*" />
                </packageSource>
              </packageSourceMapping>
            </configuration>
            """);
        return path;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A process that has not quite let go of a file; the temp folder is cleaned by the OS eventually.
        }
    }
}

/// <summary>The test classes that share one <see cref="PackedPackages"/>: the packages are packed once per run.</summary>
[CollectionDefinition(Name)]
public sealed class PackedCollection : ICollectionFixture<PackedPackages>
{
    public const string Name = "Packed packages";
}

/// <summary>Runs the dotnet CLI (or a shell) with no node reuse or compiler server, so no process outlives the test.</summary>
internal static class Dotnet
{
    public static string Run(string workingDirectory, params string[] arguments) =>
        Run(workingDirectory, environment: null, arguments);

    public static string Run(string workingDirectory, IReadOnlyDictionary<string, string>? environment, params string[] arguments)
    {
        var (exitCode, output) = TryRun(workingDirectory, environment, "dotnet", arguments);
        Assert.True(exitCode == 0, $"dotnet {string.Join(' ', arguments)} failed ({exitCode}):\n{output}");
        return output;
    }

    public static (int ExitCode, string Output) TryRun(string workingDirectory, IReadOnlyDictionary<string, string>? environment, string fileName, params string[] arguments) =>
        TryRun(workingDirectory, environment, fileName, arguments, TimeSpan.FromMinutes(8));

    /// <param name="timeout">How long it may take (the four packs of a fresh copy take minutes on a busy 2-core machine).</param>
    public static (int ExitCode, string Output) TryRun(string workingDirectory, IReadOnlyDictionary<string, string>? environment, string fileName, string[] arguments, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";

        // No build server, MSBuild node or compiler server may outlive the test. Set here rather than as arguments so
        // the README's commands run exactly as written (MSBuild reads UseSharedCompilation from the environment).
        start.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["UseSharedCompilation"] = "false";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (output) { output.AppendLine(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (output) { output.AppendLine(e.Data); } } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{fileName} {string.Join(' ', arguments)} did not finish in {timeout.TotalMinutes} minutes:\n{output}");
        }

        process.WaitForExit();
        lock (output)
        {
            return (process.ExitCode, output.ToString());
        }
    }
}
