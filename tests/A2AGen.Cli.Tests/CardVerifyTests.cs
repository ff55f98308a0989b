using System.Text;
using A2AGen.Cli.Tests.Agents;
using A2AGen.Cli.Tests.Infrastructure;
using A2AGen.Security;

namespace A2AGen.Cli.Tests;

/// <summary>
/// <c>a2agen card verify</c> on files: cards signed by the runtime verify with the CLI; Verified exits 0, Unverified 3,
/// Invalid 4, and a card that cannot be read 1.
/// </summary>
public sealed class CardVerifyTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly SigningKey _key = SigningKey.Create(SigningAlgorithm.Ed25519);

    public CardVerifyTests()
    {
        File.WriteAllBytes(_temp["signed.json"], AgentCardSigner.CreateSignedCardJson(LedgerAgent.CardJson, [_key]));
        File.WriteAllBytes(_temp["unsigned.json"], LedgerAgent.CardJson.ToArray());
        Directory.CreateDirectory(_temp["trust"]);
        File.WriteAllText(_temp["trust/ledger-agent.jwks.json"], JsonWebKeySet.Create([_key.PublicKey]).ToJson());
        File.WriteAllText(_temp["key.pub.pem"], _key.PublicKey.ExportPem());
    }

    [Fact]
    public async Task A_runtime_signed_card_is_verified_with_a_trust_folder()
    {
        var run = await Tool.RunAsync("card", "verify", _temp["signed.json"], "--trust", _temp["trust"], "--agent-id", "ledger-agent", "--json");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("Verified", run.Json.GetProperty("status").GetString());
        Assert.Equal(_key.PublicKey.Thumbprint, run.Json.GetProperty("kid").GetString());
        Assert.Equal("EdDSA", run.Json.GetProperty("algorithm").GetString());
        Assert.Contains("agent 'ledger-agent'", run.Json.GetProperty("keySource").GetString());
    }

    [Fact]
    public async Task A_key_directory_is_accepted_as_a_trust_folder_and_is_the_default()
    {
        Directory.CreateDirectory(_temp["keys/trusted"]);
        File.Copy(_temp["trust/ledger-agent.jwks.json"], _temp["keys/trusted/ledger-agent.jwks.json"]);

        var explicitDirectory = await Tool.RunAsync("card", "verify", _temp["signed.json"], "--trust", _temp["keys"]);
        Assert.Equal(0, explicitDirectory.ExitCode);

        var fromEnvironment = await Tool.RunAsync(["card", "verify", _temp["signed.json"]], new Dictionary<string, string> { ["A2AGEN_KEYS_DIR"] = _temp["keys"] });
        Assert.Equal(0, fromEnvironment.ExitCode);
        Assert.StartsWith("Verified: signature 0 by EdDSA key", fromEnvironment.Output);
    }

    [Fact]
    public async Task Trusted_keys_from_the_environment_variable_count_by_default()
    {
        string trusted = $"{{\"ledger-agent\":{JsonWebKeySet.Create([_key.PublicKey]).ToJson()}}}";
        var run = await Tool.RunAsync(["card", "verify", _temp["signed.json"]], new Dictionary<string, string> { ["A2AGEN_TRUSTED_KEYS"] = trusted, ["A2AGEN_KEYS_DIR"] = _temp["none"] });
        Assert.Equal(0, run.ExitCode);
    }

    [Theory]
    [InlineData("key.pub.pem")]
    [InlineData("trust/ledger-agent.jwks.json")]
    public async Task A_jwks_or_pem_file_verifies(string file)
    {
        var run = await Tool.RunAsync("card", "verify", _temp["signed.json"], "--jwks", _temp[file]);
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("from --jwks", run.Output);
    }

    [Fact]
    public async Task An_unsigned_card_is_unverified_with_exit_code_3()
    {
        var run = await Tool.RunAsync("card", "verify", _temp["unsigned.json"], "--trust", _temp["trust"], "--json");
        Assert.Equal(3, run.ExitCode);
        Assert.Equal("Unverified", run.Json.GetProperty("status").GetString());
        Assert.Equal("NO_SIGNATURES", run.Json.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task A_card_signed_by_an_unknown_key_or_another_agent_is_unverified()
    {
        using var stranger = SigningKey.Create(SigningAlgorithm.Ed25519);
        File.WriteAllText(_temp["stranger.jwks.json"], JsonWebKeySet.Create([stranger.PublicKey]).ToJson());
        var unknown = await Tool.RunAsync("card", "verify", _temp["signed.json"], "--jwks", _temp["stranger.jwks.json"]);
        Assert.Equal(3, unknown.ExitCode);
        Assert.StartsWith("Unverified (KEY_NOT_FOUND)", unknown.Output);

        // The trust folder holds the key for ledger-agent only: it does not vouch for a card expected from someone else.
        var otherAgent = await Tool.RunAsync("card", "verify", _temp["signed.json"], "--trust", _temp["trust"], "--agent-id", "billing");
        Assert.Equal(3, otherAgent.ExitCode);

        var nothingTrusted = await Tool.RunAsync(["card", "verify", _temp["signed.json"]], new Dictionary<string, string> { ["A2AGEN_KEYS_DIR"] = _temp["none"] });
        Assert.Equal(3, nothingTrusted.ExitCode);
        Assert.Contains("no trusted keys", nothingTrusted.Output);
    }

    [Fact]
    public async Task A_tampered_card_is_invalid_with_exit_code_4()
    {
        string tampered = File.ReadAllText(_temp["signed.json"]).Replace("Keeps the ledger", "Empties the ledger");
        File.WriteAllText(_temp["tampered.json"], tampered);

        var run = await Tool.RunAsync("card", "verify", _temp["tampered.json"], "--trust", _temp["trust"], "--json");

        Assert.Equal(4, run.ExitCode);
        Assert.Equal("Invalid", run.Json.GetProperty("status").GetString());
        Assert.Equal("SIGNATURE_INVALID", run.Json.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task A_signature_with_a_foreign_typ_or_garbage_is_invalid()
    {
        string card = Encoding.UTF8.GetString(LedgerAgent.CardJson);
        string wrongType = Jws.SignDetached(_key, AgentCardSigner.GetSigningPayload(LedgerAgent.CardJson), new JwsSigningOptions { Type = "a2a-request+jwt" });
        string[] parts = wrongType.Split('.');
        File.WriteAllText(_temp["typ.json"], card[..^1] + $",\"signatures\":[{{\"protected\":\"{parts[0]}\",\"signature\":\"{parts[2]}\"}}]}}");
        File.WriteAllText(_temp["garbage.json"], card[..^1] + ",\"signatures\":[{\"protected\":\"!!\",\"signature\":\"x\"}]}");

        var typ = await Tool.RunAsync("card", "verify", _temp["typ.json"], "--trust", _temp["trust"]);
        Assert.Equal(4, typ.ExitCode);
        Assert.StartsWith("Invalid (TYPE_MISMATCH)", typ.Output);

        var garbage = await Tool.RunAsync("card", "verify", _temp["garbage.json"], "--trust", _temp["trust"]);
        Assert.Equal(4, garbage.ExitCode);
        Assert.StartsWith("Invalid (MALFORMED_BASE64URL)", garbage.Output);
    }

    [Fact]
    public async Task Bad_inputs_and_bad_trust_are_one_line_each()
    {
        File.WriteAllText(_temp["html.json"], "<html><body>Welcome</body></html>");
        Directory.CreateDirectory(_temp["bad-trust"]);
        File.WriteAllText(_temp["bad-trust/ledger-agent.jwks.json"], """{"keys":[{"kty":"oct","k":"c2VjcmV0"}]}""");
        Directory.CreateDirectory(_temp["bad-name"]);
        File.WriteAllText(_temp["bad-name/Ledger Agent.jwks.json"], JsonWebKeySet.Create([_key.PublicKey]).ToJson());

        var cases = new (string[] Args, int Exit, string Message)[]
        {
            (["card", "verify", _temp["missing.json"]], 1, "does not exist"),
            (["card", "verify", _temp["html.json"]], 1, "is not a valid A2A 1.0 Agent Card"),
            (["card", "verify", _temp["signed.json"], "--trust", _temp["nope"]], 1, "does not exist"),
            (["card", "verify", _temp["signed.json"], "--trust", _temp["bad-trust"]], 1, "is not a valid public JWK Set"),
            (["card", "verify", _temp["signed.json"], "--trust", _temp["bad-name"]], 1, "is not named after a valid agent id"),
            (["card", "verify", _temp["signed.json"], "--jwks", _temp["html.json"]], 1, "neither a JWK Set, a JWK nor a PEM key"),
            (["card", "verify", _temp["signed.json"], "--agent-id", "../etc"], 2, "--agent-id"),
            (["card", "verify", _temp["signed.json"], "--allow-jku", "https://x.example.com/path"], 2, "not an origin"),
            (["card", "verify"], 2, "url|file"),
        };
        foreach (var (args, exit, message) in cases)
        {
            var run = await Tool.RunAsync(args);
            Assert.True(exit == run.ExitCode, $"{string.Join(' ', args)}:\n{run}");
            Assert.Contains(message, Tool.SingleErrorLine(run));
        }
    }

    public void Dispose()
    {
        _key.Dispose();
        _temp.Dispose();
    }
}
