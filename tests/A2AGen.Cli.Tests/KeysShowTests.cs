using A2AGen.Cli.Tests.Infrastructure;
using A2AGen.Security;

namespace A2AGen.Cli.Tests;

/// <summary><c>a2agen keys show</c>: the RFC 7638 kid and public JWK of keys made by the tool or by openssl, never a secret.</summary>
public sealed class KeysShowTests
{
    [Fact]
    public async Task Shows_the_kid_and_jwk_of_an_openssl_key_as_the_runtime_computes_them()
    {
        using var temp = new TempDirectory();
        await Processes.OpenSslAsync("genpkey", "-algorithm", "ed25519", "-out", temp["signing.key.pem"]);
        using var key = SigningKey.ImportPem(File.ReadAllText(temp["signing.key.pem"]));

        var run = await Tool.RunAsync("keys", "show", "--dir", temp.Path, "--json");

        Assert.Equal(0, run.ExitCode);
        var signing = run.Json.GetProperty("signingKey");
        Assert.Equal(key.PublicKey.Thumbprint, signing.GetProperty("kid").GetString());
        Assert.Equal(JsonWebKey.FromPublicKey(key.PublicKey).ToJson(), signing.GetProperty("jwk").GetRawText().Replace(" ", "").Replace("\n", "").Replace("\r", ""));
        Assert.DoesNotContain("\"d\"", run.Output);
    }

    [Fact]
    public async Task Shows_an_es256_key_file_made_by_openssl_ecparam()
    {
        using var temp = new TempDirectory();
        await Processes.OpenSslAsync("ecparam", "-genkey", "-name", "prime256v1", "-out", temp["ec.pem"]);
        using var key = SigningKey.ImportPem(File.ReadAllText(temp["ec.pem"]));

        var run = await Tool.RunAsync("keys", "show", "--key", temp["ec.pem"]);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("private key", run.Output);
        Assert.Contains($"kid         {key.PublicKey.Thumbprint}", run.Output);
        Assert.Contains("P-256 (ES256)", run.Output);
    }

    [Fact]
    public async Task Reads_the_public_file_of_an_encrypted_key_without_asking_for_the_password()
    {
        using var temp = new TempDirectory();
        Assert.Equal(0, (await Tool.RunAsync(["keys", "gen", "--out", temp.Path, "--encrypt"], new Dictionary<string, string> { ["A2AGEN_KEY_PASSWORD"] = "pw" })).ExitCode);

        var run = await Tool.RunAsync(["keys", "show", "--dir", temp.Path, "--json"], new Dictionary<string, string>());

        Assert.Equal(0, run.ExitCode);
        Assert.True(run.Json.GetProperty("signingKey").GetProperty("encrypted").GetBoolean());
        Assert.DoesNotContain("Password", run.Error);
    }

    [Fact]
    public async Task An_encrypted_key_alone_needs_its_password_and_a_wrong_one_is_one_line()
    {
        using var temp = new TempDirectory();
        Assert.Equal(0, (await Tool.RunAsync(["keys", "gen", "--out", temp.Path, "--encrypt"], new Dictionary<string, string> { ["A2AGEN_KEY_PASSWORD"] = "right" })).ExitCode);
        string expected = VerificationKey.ImportPem(File.ReadAllText(temp["signing.pub.pem"])).Thumbprint;

        var typed = await Tool.RunAsync(["keys", "show", "--key", temp["signing.key.pem"]], new Dictionary<string, string>(), typedSecrets: ["right"]);
        Assert.Equal(0, typed.ExitCode);
        Assert.Contains(expected, typed.Output);
        Assert.Contains("encrypted private key", typed.Output);

        var wrong = await Tool.RunAsync(["keys", "show", "--key", temp["signing.key.pem"]], new Dictionary<string, string> { ["A2AGEN_KEY_PASSWORD"] = "wrong" });
        Assert.Equal(1, wrong.ExitCode);
        Assert.Contains("could not be decrypted", Tool.SingleErrorLine(wrong));
        Assert.DoesNotContain("wrong", wrong.Error.Replace("is wrong", ""));

        var none = await Tool.RunAsync(["keys", "show", "--key", temp["signing.key.pem"]], new Dictionary<string, string>());
        Assert.Equal(1, none.ExitCode);
        Assert.Contains("set A2AGEN_KEY_PASSWORD", Tool.SingleErrorLine(none));
    }

    [Fact]
    public async Task Shows_every_key_of_a_jwk_set_with_its_own_kid()
    {
        using var temp = new TempDirectory();
        using var first = SigningKey.Create(SigningAlgorithm.Ed25519);
        using var second = SigningKey.Create(SigningAlgorithm.EcdsaP256Sha256);
        var set = JsonWebKeySet.Create([JsonWebKey.FromPublicKey(first.PublicKey, "key-2024"), JsonWebKey.FromPublicKey(second.PublicKey)]);
        File.WriteAllText(temp["peer.jwks.json"], set.ToJson());

        var run = await Tool.RunAsync("keys", "show", "--key", temp["peer.jwks.json"], "--json");

        Assert.Equal(0, run.ExitCode);
        var keys = run.Json.GetProperty("keys").EnumerateArray().ToList();
        Assert.Equal(2, keys.Count);
        Assert.Equal("key-2024", keys[0].GetProperty("kid").GetString());
        Assert.Equal(first.PublicKey.Thumbprint, keys[0].GetProperty("thumbprint").GetString());
        Assert.Equal(second.PublicKey.Thumbprint, keys[1].GetProperty("kid").GetString());
    }

    [Fact]
    public async Task Lists_retired_keys_and_trusted_peers_of_a_key_directory()
    {
        using var temp = new TempDirectory();
        Assert.Equal(0, (await Tool.RunAsync("keys", "gen", "--out", temp.Path)).ExitCode);
        using var old = SigningKey.Create(SigningAlgorithm.Ed25519);
        using var peer = SigningKey.Create(SigningAlgorithm.Ed25519);
        Directory.CreateDirectory(temp["retired"]);
        File.WriteAllText(temp["retired/old.pub.pem"], old.PublicKey.ExportPem());
        Directory.CreateDirectory(temp["trusted"]);
        File.WriteAllText(temp["trusted/billing.jwks.json"], JsonWebKeySet.Create([peer.PublicKey]).ToJson());

        var run = await Tool.RunAsync(["keys", "show", "--json"], new Dictionary<string, string> { ["A2AGEN_KEYS_DIR"] = temp.Path });

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(old.PublicKey.Thumbprint, run.Json.GetProperty("retired")[0].GetProperty("kid").GetString());
        var trusted = run.Json.GetProperty("trusted")[0];
        Assert.Equal("billing", trusted.GetProperty("agentId").GetString());
        Assert.Equal(peer.PublicKey.Thumbprint, trusted.GetProperty("keys")[0].GetString());
    }

    [Theory]
    [InlineData("Billing.jwks.json", "is not named after a valid agent id")]
    [InlineData("billing.jwks.json", "is not a valid public JWK Set")]
    public async Task A_trusted_file_the_agent_would_refuse_is_refused_with_the_agents_words(string file, string problem)
    {
        using var temp = new TempDirectory();
        Assert.Equal(0, (await Tool.RunAsync("keys", "gen", "--out", temp.Path)).ExitCode);
        using var peer = SigningKey.Create(SigningAlgorithm.Ed25519);
        Directory.CreateDirectory(temp["trusted"]);
        // A PEM public key is a fine key file, but not a JWK Set: the agent (KeyStore, hosting) refuses it, so keys show does too.
        File.WriteAllText(temp["trusted/" + file], file.StartsWith('B') ? JsonWebKeySet.Create([peer.PublicKey]).ToJson() : peer.PublicKey.ExportPem());

        var run = await Tool.RunAsync("keys", "show", "--dir", temp.Path);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains(problem, Tool.SingleErrorLine(run));
        var agent = Assert.Throws<KeyStoreException>(() => KeyStore.Load(new KeyStoreOptions { KeysDirectory = temp.Path, AgentId = "echo-agent", GetEnvironmentVariable = _ => null }));
        Assert.Contains(problem, agent.Message);
    }

    [Fact]
    public async Task As_jwks_prints_the_published_key_set_a_peer_can_trust()
    {
        using var temp = new TempDirectory();
        Assert.Equal(0, (await Tool.RunAsync("keys", "gen", "--out", temp["keys"])).ExitCode);
        using var old = SigningKey.Create(SigningAlgorithm.EcdsaP256Sha256);
        Directory.CreateDirectory(temp["keys/retired"]);
        File.WriteAllText(temp["keys/retired/old.pub.pem"], old.PublicKey.ExportPem());

        var run = await Tool.RunAsync("keys", "show", "--dir", temp["keys"], "--as-jwks");

        Assert.Equal(0, run.ExitCode);
        var set = JsonWebKeySet.Parse(run.Output);
        var current = VerificationKey.ImportPem(File.ReadAllText(temp["keys/signing.pub.pem"]));
        Assert.Equal([current, old.PublicKey], set.Keys.Select(k => k.PublicKey).ToArray());

        // Written into a peer's trust folder, it verifies cards signed with the key.
        Directory.CreateDirectory(temp["peer/trusted"]);
        File.WriteAllText(temp["peer/trusted/ledger-agent.jwks.json"], run.Output);
        File.WriteAllBytes(temp["card.json"], Agents.LedgerAgent.CardJson.ToArray());
        Assert.Equal(0, (await Tool.RunAsync("card", "sign", temp["card.json"], "--key", temp["keys/signing.key.pem"], "--out", temp["card.json"])).ExitCode);
        Assert.Equal(0, (await Tool.RunAsync("card", "verify", temp["card.json"], "--trust", temp["peer"], "--agent-id", "ledger-agent")).ExitCode);

        var json = await Tool.RunAsync("keys", "show", "--key", temp["keys/signing.key.pem"], "--as-jwks", "--json");
        Assert.Equal(current.Thumbprint, json.Json.GetProperty("keys")[0].GetProperty("kid").GetString());
    }

    [Fact]
    public async Task A_public_file_that_belongs_to_another_key_is_reported()
    {
        using var temp = new TempDirectory();
        Assert.Equal(0, (await Tool.RunAsync("keys", "gen", "--out", temp.Path)).ExitCode);
        using var other = SigningKey.Create(SigningAlgorithm.Ed25519);
        File.WriteAllText(temp["signing.pub.pem"], other.PublicKey.ExportPem());

        var run = await Tool.RunAsync("keys", "show", "--dir", temp.Path);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("does not belong to", Tool.SingleErrorLine(run));
    }

    [Fact]
    public async Task Missing_unreadable_and_conflicting_inputs_are_one_line_each()
    {
        using var temp = new TempDirectory();
        var missingDirectory = await Tool.RunAsync("keys", "show", "--dir", temp["nope"]);
        Assert.Equal(1, missingDirectory.ExitCode);
        Assert.Contains("does not exist", Tool.SingleErrorLine(missingDirectory));
        Assert.Contains("a2agen keys gen", missingDirectory.Error);

        var emptyDirectory = await Tool.RunAsync("keys", "show", "--dir", temp.Path);
        Assert.Equal(1, emptyDirectory.ExitCode);
        Assert.Contains("holds no signing.key.pem", Tool.SingleErrorLine(emptyDirectory));

        var missingFile = await Tool.RunAsync("keys", "show", "--key", temp["nope.pem"]);
        Assert.Equal(1, missingFile.ExitCode);
        Assert.Contains("does not exist", Tool.SingleErrorLine(missingFile));

        var directory = await Tool.RunAsync("keys", "show", "--key", temp.Path);
        Assert.Equal(1, directory.ExitCode);
        Assert.Contains("is a directory", Tool.SingleErrorLine(directory));

        File.WriteAllText(temp["garbage.pem"], "not a key at all");
        var garbage = await Tool.RunAsync("keys", "show", "--key", temp["garbage.pem"]);
        Assert.Equal(1, garbage.ExitCode);
        Assert.Contains("neither a JWK Set, a JWK nor a PEM key", Tool.SingleErrorLine(garbage));

        File.WriteAllText(temp["private.jwk"], """{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo","d":"nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A"}""");
        var privateJwk = await Tool.RunAsync("keys", "show", "--key", temp["private.jwk"]);
        Assert.Equal(1, privateJwk.ExitCode);
        Assert.Contains("private member 'd'", Tool.SingleErrorLine(privateJwk));
        Assert.DoesNotContain("nWGxne", privateJwk.Error);

        var both = await Tool.RunAsync("keys", "show", "--dir", temp.Path, "--key", temp["garbage.pem"]);
        Assert.Equal(2, both.ExitCode);
        Assert.Contains("cannot be used together", Tool.SingleErrorLine(both));
    }

    [Fact]
    public async Task An_unreadable_key_file_says_so()
    {
        if (OperatingSystem.IsWindows() || Environment.UserName == "root")
        {
            return; // root reads any file; the mode check needs an ordinary user
        }

        using var temp = new TempDirectory();
        Assert.Equal(0, (await Tool.RunAsync("keys", "gen", "--out", temp.Path)).ExitCode);
        File.SetUnixFileMode(temp["signing.key.pem"], UnixFileMode.None);
        var run = await Tool.RunAsync("keys", "show", "--key", temp["signing.key.pem"]);
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("permission denied", Tool.SingleErrorLine(run));
    }
}
