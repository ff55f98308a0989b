using System.Net;
using System.Net.Sockets;
using A2AGen.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace A2AGen.Hosting.Tests.Startup;

/// <summary>
/// A host run with <c>RunA2AAsync</c> (the README's Program.cs) reports every startup problem as one line naming the
/// agent, the problem and the fix, returns its documented exit code, and leaves no stack trace in the log. Real keys
/// (openssl CLI, encrypted PKCS#8), real files, a real busy port.
/// </summary>
public sealed class StartupProblemTests
{
    private const string EchoUrl = "https://agents.example.com/echo";

    [Fact]
    public async Task A_wrong_key_password_is_one_line_and_exit_code_78()
    {
        var keys = TestKeys.NewDirectory("wrong-password");
        using (var key = SigningKey.Create(SigningAlgorithm.Ed25519, new SigningKeyOptions { ExportPolicy = SigningKeyExportPolicies.AllowPlaintextExport }))
        {
            // A test-only key, encrypted with the password "right".
            Directory.CreateDirectory(Path.Combine(keys, "echo-agent"));
            File.WriteAllText(Path.Combine(keys, "echo-agent", "signing.key.pem"), key.ExportPem("right", iterations: 1000));
        }

        var (code, line) = await RunAsync(
            s => s.Configure<A2AKeyOptions>(o =>
            {
                o.KeysDirectory = keys;
                o.KeyPassword = "wrong";
            }),
            "Production");

        Assert.Equal(A2AExitCodes.Configuration, code);
        Assert.StartsWith("A2A agent 'echo-agent' (EchoAgent): ", line, StringComparison.Ordinal);
        Assert.Contains("could not be decrypted", line, StringComparison.Ordinal);
        Assert.DoesNotContain("several agents", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_key_in_production_says_where_to_put_one()
    {
        var keys = TestKeys.NewDirectory("no-key");
        var (code, line) = await RunAsync(s => s.Configure<A2AKeyOptions>(o => o.KeysDirectory = keys), "Production");

        Assert.Equal(A2AExitCodes.Configuration, code);
        Assert.StartsWith("A2A agent 'echo-agent' (EchoAgent): No signing key", line, StringComparison.Ordinal);
        Assert.Contains("openssl genpkey -algorithm ed25519", line, StringComparison.Ordinal);
        Assert.Contains("SignCard = false", line, StringComparison.Ordinal);

        // One agent in the host: how several agents share a key folder is not this user's problem.
        Assert.DoesNotContain("several agents", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_trusted_jwks_file_names_the_file_and_the_fix()
    {
        var keys = TestKeys.NewDirectory("bad-jwks");
        OpenSslCli.NewKey(Path.Combine(keys, "echo-agent", "signing.key.pem"));
        var file = Path.Combine(Directory.CreateDirectory(Path.Combine(keys, "trusted")).FullName, "travel-desk.jwks.json");
        File.WriteAllText(file, "{\"keys\": [ {\"kty\": \"OKP\"\n");

        var (code, line) = await RunAsync(s => s.Configure<A2AKeyOptions>(o => o.KeysDirectory = keys), "Production");

        Assert.Equal(A2AExitCodes.Configuration, code);
        Assert.StartsWith($"A2A agent 'echo-agent': '{file}' is not a valid public JWK Set: ", line, StringComparison.Ordinal);
        Assert.EndsWith("or remove it.", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_port_in_use_is_one_line_and_exit_code_75()
    {
        using var busy = new TcpListener(IPAddress.Loopback, 0);
        busy.Start();
        var url = $"http://127.0.0.1:{((IPEndPoint)busy.LocalEndpoint).Port}";

        var (code, line) = await RunAsync(_ => { }, "Development", url);

        Assert.Equal(A2AExitCodes.AddressInUse, code);
        Assert.Equal($"A2A agent 'echo-agent': cannot listen on {url}: the port is already in use. Stop whatever uses it, or choose a free port (--urls http://127.0.0.1:<port>, ASPNETCORE_URLS).", line);
    }

    [Fact]
    public async Task Invalid_options_are_one_line_each()
    {
        var (code, line) = await RunAsync(_ => { }, "Development", publicUrl: "agents.example.com/echo");

        Assert.Equal(A2AExitCodes.Configuration, code);
        Assert.StartsWith("A2A agent 'echo-agent' (EchoAgent): A2AAgentOptions.PublicUrl 'agents.example.com/echo' is not an absolute", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_signed_card_without_a_fixed_url_in_production_is_a_startup_problem()
    {
        var keys = TestKeys.NewDirectory("no-url");
        OpenSslCli.NewKey(Path.Combine(keys, "echo-agent", "signing.key.pem"));
        var (code, line) = await RunAsync(s => s.Configure<A2AKeyOptions>(o => o.KeysDirectory = keys), "Production", publicUrl: null);

        Assert.Equal(A2AExitCodes.Configuration, code);
        Assert.Contains("has no fixed URL in the Production environment", line, StringComparison.Ordinal);
        Assert.Contains("A2AAgentOptions.PublicUrl", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_mutual_tls_trust_folder_is_a_startup_problem()
    {
        var missing = Path.Combine(TestKeys.NewDirectory("mtls"), "no-such-folder");
        var (code, line) = await RunAsync(s => s.AddA2AMutualTls(o => o.TrustedCertificatesDirectory = missing), "Development");

        Assert.Equal(A2AExitCodes.Configuration, code);
        Assert.Equal($"A2A agent 'echo-agent': A2A mutual TLS: the trust folder '{missing}' does not exist; create it and put the trusted client or CA certificates in it.", line);
    }

    [Fact]
    public async Task A_skill_that_requires_encryption_in_an_agent_without_an_encryption_key_stops_the_start()
    {
        var keys = TestKeys.NewDirectory("no-encryption-key");
        using var signing = SigningKey.Create(SigningAlgorithm.Ed25519);
        var (app, _) = TestHost.Build(
            s =>
            {
                s.Configure<A2AKeyOptions>(o => o.KeysDirectory = keys);
                s.AddA2AAgent<VaultAgent>(o =>
                {
                    o.PublicUrl = "https://agents.example.com/vault";
                    o.SigningKey = signing;
                });
            },
            a => a.MapA2AAgent<VaultAgent>("/vault"),
            "Production");
        await using (app)
        {
            var error = await Assert.ThrowsAsync<A2AStartupException>(() => app.StartA2AAsync());
            Assert.Equal(A2AExitCodes.Configuration, error.ExitCode);
            Assert.Contains("skill 'store' requires encryption but the agent has no encryption key", error.Message, StringComparison.Ordinal);
            Assert.Contains("keys gen --encryption", error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task StartA2AAsync_throws_the_problem_with_its_exit_code()
    {
        var keys = TestKeys.NewDirectory("start");
        var (app, _) = TestHost.Build(
            s =>
            {
                s.Configure<A2AKeyOptions>(o => o.KeysDirectory = keys);
                s.AddA2AAgent<EchoAgent>(o => o.PublicUrl = EchoUrl);
            },
            a => a.MapA2AAgent<EchoAgent>("/echo"),
            "Production");
        await using (app)
        {
            var error = await Assert.ThrowsAsync<A2AStartupException>(() => app.StartA2AAsync());
            Assert.Equal(A2AExitCodes.Configuration, error.ExitCode);
            Assert.Single(error.Problems);
            Assert.StartsWith("A2A agent 'echo-agent' (EchoAgent): No signing key", error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_started_agent_logs_one_line_with_its_url_key_and_trusted_peers()
    {
        var keys = TestKeys.NewDirectory("started");
        var key = OpenSslCli.NewKey(Path.Combine(keys, "echo-agent", "signing.key.pem"));
        using var peer = SigningKey.Create(SigningAlgorithm.Ed25519);
        Directory.CreateDirectory(Path.Combine(keys, "trusted"));
        File.WriteAllText(Path.Combine(keys, "trusted", "travel-desk.jwks.json"), JsonWebKeySet.Create([peer.PublicKey]).ToJson());
        using var stop = new CancellationTokenSource();
        var (app, logs) = TestHost.Build(
            s =>
            {
                s.Configure<A2AKeyOptions>(o => o.KeysDirectory = keys);
                s.AddA2AAgent<EchoAgent>(o => o.PublicUrl = EchoUrl);
            },
            a => a.MapA2AAgent<EchoAgent>("/echo"),
            "Production");
        app.Lifetime.ApplicationStarted.Register(stop.Cancel);
        var registry = app.Services.GetRequiredService<A2AEndpointRegistry>();

        var code = await A2AHostExtensions.RunA2AAsync(app, TextWriter.Null, stop.Token);

        Assert.Equal(A2AExitCodes.Success, code);
        var started = Assert.Single(logs.WithId(1300));
        using var signing = SigningKey.ImportPem(File.ReadAllText(key));
        Assert.Equal(LogLevel.Information, started.Level);
        // Its gRPC endpoint: the card's host, the port A2AGen opened beside the host's address.
        var grpcPort = registry.Agents.Single().Grpc.BoundPort;
        Assert.Equal($"A2A agent echo-agent started at {EchoUrl} (gRPC http://{new Uri(EchoUrl).Host}:{grpcPort}): signing key {signing.PublicKey.Thumbprint} from file {key}; trusted peers: 1", started.Message);
    }

    /// <summary>Runs a one-agent host as the README's Program.cs does; returns the exit code and the single line written.</summary>
    private static async Task<(int Code, string Line)> RunAsync(Action<IServiceCollection> configure, string environment, string? urls = null, string? publicUrl = EchoUrl)
    {
        var (app, logs) = TestHost.Build(
            s =>
            {
                configure(s);
                s.AddA2AAgent<EchoAgent>(o =>
                {
                    if (publicUrl is not null)
                    {
                        o.PublicUrl = publicUrl;
                    }
                });
            },
            a => a.MapA2AAgent<EchoAgent>("/echo"),
            environment,
            urls: urls);
        using var errors = new StringWriter();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        var code = await A2AHostExtensions.RunA2AAsync(app, errors, timeout.Token);

        var text = errors.ToString();
        Assert.False(timeout.IsCancellationRequested, "the host started instead of failing");
        Assert.EndsWith(Environment.NewLine, text, StringComparison.Ordinal);
        var line = text[..^Environment.NewLine.Length];
        Assert.DoesNotContain('\n', line);
        Assert.DoesNotContain("   at ", line, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", line, StringComparison.Ordinal);

        // The host's and Kestrel's own report of the failed start (with the exception) is left out of the log.
        Assert.DoesNotContain(logs.Entries, e => e.Exception is not null || e.Level >= LogLevel.Error);
        return (code, line);
    }
}
