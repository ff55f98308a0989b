using System.Net;
using System.Text.Json;
using A2AGen.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace A2AGen.Hosting.Tests.Keys;

/// <summary>
/// Each hosted agent signs with its own key (key folders made with the openssl CLI under a temp directory), the host
/// trusts a shared trust folder, development keys stay out of Production, and every configuration mistake stops the
/// host with a message that says what to fix.
/// </summary>
public sealed class AgentKeyTests
{
    private const string EchoUrl = "https://agents.example.com/echo";
    private const string WhoAmIUrl = "https://agents.example.com/whoami";

    private static Task<TestHost> StartTwoAgentsAsync(string keys, string environment = "Production", Action<IServiceCollection>? more = null) =>
        TestHost.StartAsync(
            s =>
            {
                s.Configure<A2AKeyOptions>(o => o.KeysDirectory = keys);
                s.AddA2AAgent<EchoAgent>(o => o.PublicUrl = EchoUrl);
                s.AddA2AAgent<WhoAmIAgent>(o => o.PublicUrl = WhoAmIUrl);
                more?.Invoke(s);
            },
            app =>
            {
                app.MapA2AAgent<EchoAgent>("/echo");
                app.MapA2AAgent<WhoAmIAgent>("/whoami");
            },
            environment);

    private static VerificationKey PublicKeyOf(string pemPath)
    {
        using var key = SigningKey.ImportPem(File.ReadAllText(pemPath));
        return key.PublicKey;
    }

    [Fact]
    public async Task Each_agent_signs_its_card_with_the_key_in_its_own_folder()
    {
        var keys = TestKeys.NewDirectory("per-agent");
        var echoKey = PublicKeyOf(OpenSslCli.NewKey(Path.Combine(keys, "echo-agent", "signing.key.pem")));
        var whoamiKey = PublicKeyOf(OpenSslCli.NewKey(Path.Combine(keys, WhoAmIAgent.Id, "signing.key.pem"), p256: true));
        await using var host = await StartTwoAgentsAsync(keys);
        var trust = host.Services.GetRequiredService<A2AKeyRing>().TrustStore;
        var verifier = new AgentCardVerifier(trust);

        var echoCard = await host.Client.GetByteArrayAsync("/echo/.well-known/agent-card.json");
        var echo = verifier.Verify(echoCard, expectedAgentId: "echo-agent");
        Assert.True(echo.IsVerified, echo.ToString());
        Assert.Equal(echoKey.Thumbprint, echo.Key!.KeyId);
        Assert.Equal("EdDSA", echo.Key.Algorithm);

        var whoamiCard = await host.Client.GetByteArrayAsync("/whoami/.well-known/agent-card.json");
        var whoami = verifier.Verify(whoamiCard, expectedAgentId: WhoAmIAgent.Id);
        Assert.True(whoami.IsVerified, whoami.ToString());
        Assert.Equal(whoamiKey.Thumbprint, whoami.Key!.KeyId);
        Assert.Equal("ES256", whoami.Key.Algorithm);

        // One agent's card does not verify as the other's.
        Assert.Equal(AgentCardVerificationStatus.Unverified, verifier.Verify(echoCard, expectedAgentId: WhoAmIAgent.Id).Status);

        // Each JWKS publishes its own agent's key only.
        var echoSet = JsonWebKeySet.Parse(await host.Client.GetByteArrayAsync("/echo/.well-known/jwks.json"));
        Assert.Equal([echoKey.Thumbprint], echoSet.Keys.Select(k => k.KeyId));
        var whoamiSet = JsonWebKeySet.Parse(await host.Client.GetByteArrayAsync("/whoami/.well-known/jwks.json"));
        Assert.Equal([whoamiKey.Thumbprint], whoamiSet.Keys.Select(k => k.KeyId));
    }

    [Fact]
    public async Task Retired_keys_stay_published_and_trusted()
    {
        var keys = TestKeys.NewDirectory("retired");
        var current = PublicKeyOf(OpenSslCli.NewKey(Path.Combine(keys, "echo-agent", "signing.key.pem")));
        var retired = PublicKeyOf(OpenSslCli.NewKey(Path.Combine(keys, "old.key.pem")));
        Directory.CreateDirectory(Path.Combine(keys, "echo-agent", "retired"));
        File.WriteAllText(Path.Combine(keys, "echo-agent", "retired", "2025.pub.pem"), retired.ExportPem());
        File.Delete(Path.Combine(keys, "old.key.pem"));

        await using var host = await TestHost.StartAsync(
            s =>
            {
                s.Configure<A2AKeyOptions>(o => o.KeysDirectory = keys);
                s.AddA2AAgent<EchoAgent>(o => o.PublicUrl = EchoUrl);
            },
            app => app.MapA2AAgent<EchoAgent>("/echo"),
            "Production");

        var set = JsonWebKeySet.Parse(await host.Client.GetByteArrayAsync("/echo/.well-known/jwks.json"));
        Assert.Equal([current.Thumbprint, retired.Thumbprint], set.Keys.Select(k => k.KeyId));
        var trust = host.Services.GetRequiredService<A2AKeyRing>().TrustStore;
        Assert.Equal("echo-agent", trust.FindByKeyId(retired.Thumbprint)?.AgentId);
        var card = new AgentCardVerifier(trust).Verify(await host.Client.GetByteArrayAsync("/echo/.well-known/agent-card.json"), "echo-agent");
        Assert.Equal(current.Thumbprint, card.Key!.KeyId);
    }

    [Fact]
    public async Task A_single_agent_may_use_the_key_at_the_top_of_the_directory()
    {
        var keys = TestKeys.NewDirectory("single");
        var key = PublicKeyOf(OpenSslCli.NewKey(Path.Combine(keys, "signing.key.pem")));
        await using var host = await TestHost.StartAsync(
            s =>
            {
                s.Configure<A2AKeyOptions>(o => o.KeysDirectory = keys);
                s.AddA2AAgent<EchoAgent>(o => o.PublicUrl = EchoUrl);
            },
            app => app.MapA2AAgent<EchoAgent>("/echo"),
            "Production");
        Assert.Equal(key, host.Services.GetRequiredService<A2AKeyRing>().GetSigningKey("echo-agent")!.PublicKey);
    }

    [Fact]
    public async Task Two_agents_cannot_share_the_key_at_the_top_of_the_directory()
    {
        var keys = TestKeys.NewDirectory("shared-top");
        OpenSslCli.NewKey(Path.Combine(keys, "signing.key.pem"));
        var error = await Assert.ThrowsAsync<A2AStartupException>(() => StartTwoAgentsAsync(keys));
        Assert.Contains("'echo-agent', 'whoami-agent' would all sign with the key at the top", error.Message, StringComparison.Ordinal);
        Assert.Contains(Path.Combine(keys, "<agent-id>", "signing.key.pem"), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_key_in_production_is_a_startup_error_that_says_where_to_put_one()
    {
        var keys = TestKeys.NewDirectory("missing");
        OpenSslCli.NewKey(Path.Combine(keys, WhoAmIAgent.Id, "signing.key.pem"));
        var error = await Assert.ThrowsAsync<A2AStartupException>(() => StartTwoAgentsAsync(keys));
        Assert.StartsWith("A2A agent 'echo-agent' (EchoAgent): No signing key", error.Message, StringComparison.Ordinal);
        Assert.Contains("openssl genpkey -algorithm ed25519", error.Message, StringComparison.Ordinal);
        Assert.Contains(Path.Combine(keys, "echo-agent", "signing.key.pem"), error.Message, StringComparison.Ordinal);
        Assert.Contains("SignCard = false", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreadable_key_file_is_a_startup_error_about_that_file_only()
    {
        var keys = TestKeys.NewDirectory("unreadable");
        OpenSslCli.NewKey(Path.Combine(keys, WhoAmIAgent.Id, "signing.key.pem"));
        Directory.CreateDirectory(Path.Combine(keys, "echo-agent"));
        File.WriteAllText(Path.Combine(keys, "echo-agent", "signing.key.pem"), "-----BEGIN PRIVATE KEY-----\nnot a key\n-----END PRIVATE KEY-----\n");
        var error = await Assert.ThrowsAsync<A2AStartupException>(() => StartTwoAgentsAsync(keys));
        Assert.StartsWith("A2A agent 'echo-agent' (EchoAgent): ", error.Message, StringComparison.Ordinal);
        Assert.Contains(Path.Combine(keys, "echo-agent", "signing.key.pem"), error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("SignCard", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Development_keys_are_refused_in_production()
    {
        var error = await Assert.ThrowsAsync<A2AStartupException>(() => StartTwoAgentsAsync(TestKeys.NewDirectory("dev-in-prod"),
            more: s => s.Configure<A2AKeyOptions>(o => o.AllowDevelopmentKeys = true)));
        Assert.Contains("Development keys are refused in Production", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Development_keys_are_made_once_per_agent_outside_the_source_tree_and_reused()
    {
        var devKeys = TestKeys.NewDirectory("dev");
        async Task<string> KidAsync()
        {
            await using var host = await TestHost.StartAsync(
                s =>
                {
                    s.Configure<A2AKeyOptions>(o => o.DevelopmentKeysDirectory = devKeys);
                    s.AddA2AAgent<EchoAgent>();
                },
                app => app.MapA2AAgent<EchoAgent>("/echo"));
            return host.Services.GetRequiredService<A2AKeyRing>().GetSigningKey("echo-agent")!.PublicKey.Thumbprint;
        }

        var first = await KidAsync();
        Assert.Equal(first, await KidAsync());
        var file = Path.Combine(devKeys, "echo-agent", "signing.key.pem");
        Assert.True(File.Exists(file));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        }
    }

    [Fact]
    public async Task A_development_host_without_any_key_folder_starts_with_a_development_key()
    {
        // Nothing configured and no ./a2a-keys: what a new project sees on its first `dotnet run`.
        Assert.False(Directory.Exists(KeyEnvironment.DefaultKeysDirectory), "the test needs the default key directory to be absent");
        var devKeys = TestKeys.NewDirectory("first-run");
        await using var host = await TestHost.StartAsync(
            s =>
            {
                s.Configure<A2AKeyOptions>(o =>
                {
                    o.KeysDirectory = null;
                    o.GetEnvironmentVariable = _ => null;
                    o.DevelopmentKeysDirectory = devKeys;
                });
                s.AddA2AAgent<EchoAgent>();
            },
            app => app.MapA2AAgent<EchoAgent>("/echo"));

        var response = await host.Client.GetAsync("/echo/.well-known/agent-card.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(File.Exists(Path.Combine(devKeys, "echo-agent", "signing.key.pem")));
        Assert.False(Directory.Exists(KeyEnvironment.DefaultKeysDirectory), "a development key is never written into the working directory");
    }

    [Fact]
    public async Task A_production_host_without_any_key_folder_says_which_key_file_to_create()
    {
        Assert.False(Directory.Exists(KeyEnvironment.DefaultKeysDirectory), "the test needs the default key directory to be absent");
        var error = await Assert.ThrowsAsync<A2AStartupException>(() => TestHost.StartAsync(
            s =>
            {
                s.Configure<A2AKeyOptions>(o =>
                {
                    o.KeysDirectory = null;
                    o.GetEnvironmentVariable = _ => null;
                });
                s.AddA2AAgent<EchoAgent>(o => o.PublicUrl = "https://agents.example.com/echo");
            },
            app => app.MapA2AAgent<EchoAgent>("/echo"),
            "Production"));
        Assert.StartsWith("A2A agent 'echo-agent' (EchoAgent): No signing key", error.Message, StringComparison.Ordinal);
        Assert.Contains(Path.Combine(Path.GetFullPath(KeyEnvironment.DefaultKeysDirectory), "signing.key.pem"), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_signed_card_needs_a_fixed_url_outside_development()
    {
        var keys = TestKeys.NewDirectory("no-url");
        OpenSslCli.NewKey(Path.Combine(keys, "echo-agent", "signing.key.pem"));
        var error = await Assert.ThrowsAsync<A2AStartupException>(() => TestHost.StartAsync(
            s =>
            {
                s.Configure<A2AKeyOptions>(o => o.KeysDirectory = keys);
                s.AddA2AAgent<EchoAgent>();
            },
            app => app.MapA2AAgent<EchoAgent>("/echo"),
            "Staging"));
        Assert.Contains("has no fixed URL in the Staging environment", error.Message, StringComparison.Ordinal);
        Assert.Contains("A2AAgentOptions.PublicUrl", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_key_directories_are_startup_errors()
    {
        var nowhere = Path.Combine(TestKeys.NewDirectory("gone"), "nope");
        var error = await Assert.ThrowsAsync<A2AStartupException>(() => StartTwoAgentsAsync(nowhere));
        Assert.Contains($"The A2A key directory '{nowhere}' does not exist", error.Message, StringComparison.Ordinal);

        var agentError = await Assert.ThrowsAsync<A2AStartupException>(() => TestHost.StartAsync(
            s => s.AddA2AAgent<EchoAgent>(o => o.KeysDirectory = nowhere),
            app => app.MapA2AAgent<EchoAgent>("/echo")));
        Assert.Contains("A2AAgentOptions.KeysDirectory", agentError.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_key_given_in_code_is_used_and_two_agents_cannot_share_it()
    {
        using var key = SigningKey.Create(SigningAlgorithm.Ed25519);
        await using (var host = await TestHost.StartAsync(s => s.AddA2AAgent<EchoAgent>(o => o.SigningKey = key), app => app.MapA2AAgent<EchoAgent>("/echo")))
        {
            var set = JsonWebKeySet.Parse(await host.Client.GetByteArrayAsync("/echo/.well-known/jwks.json"));
            Assert.Equal(key.PublicKey.Thumbprint, Assert.Single(set.Keys).KeyId);
        }

        var error = await Assert.ThrowsAsync<A2AStartupException>(() => TestHost.StartAsync(
            s =>
            {
                s.AddA2AAgent<EchoAgent>(o => o.SigningKey = key);
                s.AddA2AAgent<WhoAmIAgent>(o => o.SigningKey = key);
            },
            app => app.MapA2AAgent<EchoAgent>("/echo")));
        Assert.Contains("would sign with the same key", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Peers_in_the_shared_trust_folder_are_trusted_until_removed()
    {
        var keys = TestKeys.NewDirectory("trust");
        using var peer = new TestCaller("travel-desk");
        Directory.CreateDirectory(Path.Combine(keys, "trusted"));
        var file = Path.Combine(keys, "trusted", "travel-desk.jwks.json");
        File.WriteAllText(file, JsonWebKeySet.Create([peer.Key.PublicKey]).ToJson());

        await using var host = await TestHost.StartAsync(
            s =>
            {
                s.Configure<A2AKeyOptions>(o => o.KeysDirectory = keys);
                s.AddA2AAgent<WhoAmIAgent>();
            },
            app => app.MapA2AAgent<WhoAmIAgent>("/whoami"));
        var url = new Uri(host.BaseAddress, "/whoami");
        var body = Rpc.Request("SendMessage", Rpc.UserText("hi", "secure"));
        var accepted = await Rpc.SendAsync(host.Client, "/whoami", body, headers: [Rpc.Header("A2A-Signature", peer.Sign(url, body))]);
        Assert.Equal(200, accepted.Status);

        File.Delete(file);
        host.Services.GetRequiredService<A2AKeyRing>().ReloadTrustedKeys();
        var refused = await Rpc.SendAsync(host.Client, "/whoami", body, headers: [Rpc.Header("A2A-Signature", peer.Sign(url, body))]);
        Assert.Equal("REQUEST_ISSUER_UNTRUSTED", refused.Reason);
    }

    [Fact]
    public async Task A_trust_folder_inside_an_agents_folder_is_refused_rather_than_ignored()
    {
        var keys = TestKeys.NewDirectory("agent-trust");
        OpenSslCli.NewKey(Path.Combine(keys, "echo-agent", "signing.key.pem"));
        using var peer = new TestCaller("travel-desk");
        Directory.CreateDirectory(Path.Combine(keys, "echo-agent", "trusted"));
        File.WriteAllText(Path.Combine(keys, "echo-agent", "trusted", "travel-desk.jwks.json"), JsonWebKeySet.Create([peer.Key.PublicKey]).ToJson());
        var error = await Assert.ThrowsAsync<A2AStartupException>(() => TestHost.StartAsync(
            s =>
            {
                s.Configure<A2AKeyOptions>(o => o.KeysDirectory = keys);
                s.AddA2AAgent<EchoAgent>();
            },
            app => app.MapA2AAgent<EchoAgent>("/echo")));
        Assert.Contains("trust is shared by the whole host", error.Message, StringComparison.Ordinal);
        Assert.Contains(Path.Combine(keys, "trusted"), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_trust_file_with_a_private_key_is_a_startup_error_naming_the_file()
    {
        var keys = TestKeys.NewDirectory("bad-trust");
        using var peer = SigningKey.Create(SigningAlgorithm.Ed25519, new SigningKeyOptions { ExportPolicy = SigningKeyExportPolicies.AllowPlaintextArchiving });
        var jwk = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(JsonWebKey.FromPublicKey(peer.PublicKey).ToJson())!;
        jwk["d"] = JsonSerializer.SerializeToElement(StrictBase64Url.Encode(peer.Export(KeyFormat.RawPrivateKey)));
        Directory.CreateDirectory(Path.Combine(keys, "trusted"));
        var file = Path.Combine(keys, "trusted", "travel-desk.jwks.json");
        File.WriteAllText(file, JsonSerializer.Serialize(new { keys = new[] { jwk } }));

        var error = await Assert.ThrowsAsync<A2AStartupException>(() => TestHost.StartAsync(
            s =>
            {
                s.Configure<A2AKeyOptions>(o => o.KeysDirectory = keys);
                s.AddA2AAgent<EchoAgent>();
            },
            app => app.MapA2AAgent<EchoAgent>("/echo")));
        Assert.Contains(file, error.Message, StringComparison.Ordinal);
        Assert.Contains("'d'", error.Message, StringComparison.Ordinal);
    }
}
