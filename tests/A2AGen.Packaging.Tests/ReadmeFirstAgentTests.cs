using System.Net;
using System.Net.Sockets;

namespace A2AGen.Packaging.Tests;

/// <summary>
/// The README's first agent (its <c>EchoAgent.cs</c> and <c>Program.cs</c>, read out of README.md) built against the
/// packed packages and run as its own process with the default web host logging: each startup problem is one line
/// naming the agent and the fix, with the documented exit code (78 configuration, 75 port in use), and nothing else —
/// no stack trace, no log entry (issue 11 §2).
/// </summary>
[Collection(PackedCollection.Name)]
public sealed class ReadmeFirstAgentTests(PackedPackages packages)
{
    [Fact]
    public void The_readme_host_reports_each_startup_problem_in_one_line_with_its_exit_code()
    {
        var project = Path.Combine(packages.Root, "echo-desk");
        Directory.CreateDirectory(project);
        File.WriteAllText(Path.Combine(project, "EchoDesk.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk.Web">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="A2AGen.Hosting" Version="{PackedPackages.Version}" />
              </ItemGroup>
            </Project>
            """);
        packages.WriteNuGetConfig(project);
        File.WriteAllText(Path.Combine(project, "EchoAgent.cs"), ReadmeBlock("**1. Declare the agent** (`EchoAgent.cs`):"));
        File.WriteAllText(Path.Combine(project, "Program.cs"), ReadmeBlock("**3. Host it** (`Program.cs`):"));
        var output = Path.Combine(project, "out");
        Dotnet.Run(project, packages.RestoreEnvironment, "build", "-nologo", "-nr:false", "-p:UseSharedCompilation=false", "-o", output);
        var dll = Path.Combine(output, "EchoDesk.dll");

        // Production without a key.
        var empty = Folder("keys-empty");
        AssertOneLine(Run(dll, "Production", empty), 78,
            "A2A agent 'echo-agent' (EchoAgent): No signing key for agent 'echo-agent': create one with 'openssl genpkey -algorithm ed25519 -out ");

        // A key encrypted with another password (a test-only key made by the openssl CLI).
        var encrypted = Folder("keys-encrypted");
        OpenSsl(encrypted, "genpkey", "-algorithm", "ed25519", "-aes-256-cbc", "-pass", "pass:right", "-out", Path.Combine(Directory.CreateDirectory(Path.Combine(encrypted, "echo-agent")).FullName, "signing.key.pem"));
        AssertOneLine(Run(dll, "Production", encrypted, ("A2AGEN_KEY_PASSWORD", "wrong")), 78,
            "could not be decrypted: A2AGEN_KEY_PASSWORD is wrong (or the key is damaged).");

        // A trusted peer's JWKS file that is not a JWK Set.
        var badTrust = Folder("keys-bad-trust");
        OpenSsl(badTrust, "genpkey", "-algorithm", "ed25519", "-out", Path.Combine(Directory.CreateDirectory(Path.Combine(badTrust, "echo-agent")).FullName, "signing.key.pem"));
        var trusted = Path.Combine(Directory.CreateDirectory(Path.Combine(badTrust, "trusted")).FullName, "travel-desk.jwks.json");
        File.WriteAllText(trusted, "{\"keys\": [");
        AssertOneLine(Run(dll, "Production", badTrust), 78, $"A2A agent 'echo-agent': '{trusted}' is not a valid public JWK Set: ");

        // The port is taken (Development: a development key in a folder of this test).
        using var busy = new TcpListener(IPAddress.Loopback, 0);
        busy.Start();
        var port = ((IPEndPoint)busy.LocalEndpoint).Port;
        AssertOneLine(Run(dll, "Development", empty, ("A2AGEN_DEV_KEYS_DIR", Folder("dev-keys")), ("ASPNETCORE_URLS", $"http://127.0.0.1:{port}")), 75,
            $"A2A agent 'echo-agent': cannot listen on http://127.0.0.1:{port}: the port is already in use.");
    }

    private static void AssertOneLine((int ExitCode, string Output) run, int exitCode, string expected)
    {
        Assert.True(run.ExitCode == exitCode, $"exit code {run.ExitCode}, expected {exitCode}:\n{run.Output}");
        var text = run.Output.TrimEnd('\r', '\n');
        Assert.True(!text.Contains('\n'), "expected one line (standard output and error together), got:\n" + run.Output);
        Assert.Contains(expected, text, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", text, StringComparison.Ordinal);
    }

    /// <summary>Runs the program from an empty folder (no ./a2a-keys), listening on a free port unless told otherwise.</summary>
    private (int ExitCode, string Output) Run(string dll, string environment, string keys, params (string Name, string Value)[] more)
    {
        var variables = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = environment,
            ["DOTNET_ENVIRONMENT"] = environment,
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{FreePort()}",
            ["A2AGEN_KEYS_DIR"] = keys,
            ["A2AGEN_DEV_KEYS_DIR"] = Folder("dev-keys-unused"),
        };
        foreach (var (name, value) in more)
        {
            variables[name] = value;
        }

        return Dotnet.TryRun(Folder("run"), variables, "dotnet", [dll], TimeSpan.FromMinutes(2));
    }

    private string Folder(string name) => Directory.CreateDirectory(Path.Combine(packages.Root, "echo-desk-" + name + "-" + Guid.NewGuid().ToString("N")[..8])).FullName;

    private static void OpenSsl(string folder, params string[] arguments)
    {
        var (exitCode, output) = Dotnet.TryRun(folder, environment: null, "openssl", arguments, TimeSpan.FromMinutes(1));
        Assert.True(exitCode == 0, $"openssl {string.Join(' ', arguments)} failed:\n{output}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The C# block that follows <paramref name="heading"/> in README.md, as a user copies it.</summary>
    private static string ReadmeBlock(string heading)
    {
        var readme = File.ReadAllText(Path.Combine(PackedPackages.RepoRoot, "README.md")).ReplaceLineEndings("\n");
        var at = readme.IndexOf(heading, StringComparison.Ordinal);
        Assert.True(at >= 0, $"README.md has no '{heading}'");
        var open = readme.IndexOf("```csharp\n", at, StringComparison.Ordinal) + "```csharp\n".Length;
        var close = readme.IndexOf("\n```", open, StringComparison.Ordinal);
        return readme[open..close] + "\n";
    }
}
