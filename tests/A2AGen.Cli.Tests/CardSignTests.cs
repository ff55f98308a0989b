using System.Text;
using System.Text.Json;
using A2AGen.Cli.Tests.Agents;
using A2AGen.Cli.Tests.Infrastructure;
using A2AGen.Security;

namespace A2AGen.Cli.Tests;

/// <summary><c>a2agen card sign</c>: cards the CLI signs verify with the runtime (and the official JS SDK, see InteropTests).</summary>
public sealed class CardSignTests
{
    [Theory]
    [InlineData("ed25519")]
    [InlineData("es256")]
    public async Task A_card_signed_by_the_cli_verifies_with_the_runtime(string algorithm)
    {
        using var temp = new TempDirectory();
        File.WriteAllBytes(temp["card.json"], LedgerAgent.CardJson.ToArray());
        Assert.Equal(0, (await Tool.RunAsync("keys", "gen", "--alg", algorithm, "--out", temp["keys"])).ExitCode);

        var run = await Tool.RunAsync("card", "sign", temp["card.json"], "--key", temp["keys/signing.key.pem"], "--jku", "https://ledger.example.com/.well-known/jwks.json", "--out", temp["signed.json"]);

        Assert.Equal(0, run.ExitCode);
        byte[] signed = File.ReadAllBytes(temp["signed.json"]);
        Assert.True(JsonCanonicalizer.IsCanonical(signed), "the signed card is RFC 8785 JSON");
        Assert.Equal(LedgerAgent.CardJson.ToArray(), AgentCardSigner.GetSigningPayload(signed));

        var trust = new TrustStore();
        trust.Add("ledger-agent", VerificationKey.ImportPem(File.ReadAllText(temp["keys/signing.pub.pem"])));
        var result = new AgentCardVerifier(trust).Verify(signed, "ledger-agent");
        Assert.True(result.IsVerified, result.ToString());

        using var card = JsonDocument.Parse(signed);
        var header = JsonDocument.Parse(Convert.FromBase64String(Base64(card.RootElement.GetProperty("signatures")[0].GetProperty("protected").GetString()!))).RootElement;
        Assert.Equal("JOSE", header.GetProperty("typ").GetString());
        Assert.Equal("https://ledger.example.com/.well-known/jwks.json", header.GetProperty("jku").GetString());
        Assert.Equal(result.Key!.KeyId, header.GetProperty("kid").GetString());
    }

    [Fact]
    public async Task Writes_the_signed_card_to_standard_output_and_signs_standard_input()
    {
        using var temp = new TempDirectory();
        Assert.Equal(0, (await Tool.RunAsync("keys", "gen", "--out", temp.Path)).ExitCode);

        var run = await Tool.RunAsync(["card", "sign", "-", "--key", temp["signing.key.pem"]], new Dictionary<string, string>(), standardInput: LedgerAgent.CardJson.ToArray());

        Assert.Equal(0, run.ExitCode);
        byte[] signed = Encoding.UTF8.GetBytes(run.Output.TrimEnd('\n'));
        var trust = new TrustStore();
        trust.Add("ledger-agent", VerificationKey.ImportPem(File.ReadAllText(temp["signing.pub.pem"])));
        Assert.True(new AgentCardVerifier(trust).Verify(signed).IsVerified);
        Assert.Equal("", run.Error);
    }

    [Fact]
    public async Task Signs_with_an_encrypted_key_and_refuses_a_wrong_password_writing_nothing()
    {
        using var temp = new TempDirectory();
        File.WriteAllBytes(temp["card.json"], LedgerAgent.CardJson.ToArray());
        var password = new Dictionary<string, string> { ["A2AGEN_KEY_PASSWORD"] = "hunter2" };
        Assert.Equal(0, (await Tool.RunAsync(["keys", "gen", "--out", temp.Path, "--encrypt"], password)).ExitCode);

        var wrong = await Tool.RunAsync(["card", "sign", temp["card.json"], "--key", temp["signing.key.pem"], "--out", temp["signed.json"]], new Dictionary<string, string> { ["A2AGEN_KEY_PASSWORD"] = "hunter3" });
        Assert.Equal(1, wrong.ExitCode);
        Assert.Contains("could not be decrypted", Tool.SingleErrorLine(wrong));
        Assert.False(File.Exists(temp["signed.json"]));

        var typed = await Tool.RunAsync(["card", "sign", temp["card.json"], "--key", temp["signing.key.pem"], "--out", temp["signed.json"], "--json"], new Dictionary<string, string>(), typedSecrets: ["hunter2"]);
        Assert.Equal(0, typed.ExitCode);
        Assert.Equal(1, typed.Json.GetProperty("signatures").GetInt32());
        Assert.True(File.Exists(temp["signed.json"]));
    }

    [Fact]
    public async Task Append_keeps_the_existing_signatures_for_a_key_rotation()
    {
        using var temp = new TempDirectory();
        using var oldKey = SigningKey.Create(SigningAlgorithm.Ed25519);
        File.WriteAllBytes(temp["card.json"], AgentCardSigner.CreateSignedCardJson(LedgerAgent.CardJson, [oldKey]));
        Assert.Equal(0, (await Tool.RunAsync("keys", "gen", "--alg", "es256", "--out", temp["new"])).ExitCode);

        var run = await Tool.RunAsync("card", "sign", temp["card.json"], "--key", temp["new/signing.key.pem"], "--append", "--out", temp["card.json"], "--json");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(2, run.Json.GetProperty("signatures").GetInt32());
        byte[] signed = File.ReadAllBytes(temp["card.json"]);
        var oldTrust = new TrustStore();
        oldTrust.Add("ledger-agent", oldKey.PublicKey);
        Assert.True(new AgentCardVerifier(oldTrust).Verify(signed).IsVerified, "the old signature still verifies");
        var newTrust = new TrustStore();
        newTrust.Add("ledger-agent", VerificationKey.ImportPem(File.ReadAllText(temp["new/signing.pub.pem"])));
        var result = new AgentCardVerifier(newTrust).Verify(signed);
        Assert.True(result.IsVerified);
        Assert.Equal(1, result.SignatureIndex);

        // Without --append the old signature is replaced.
        Assert.Equal(0, (await Tool.RunAsync("card", "sign", temp["card.json"], "--key", temp["new/signing.key.pem"], "--out", temp["card.json"])).ExitCode);
        Assert.Equal(AgentCardVerificationStatus.Unverified, new AgentCardVerifier(oldTrust).Verify(File.ReadAllBytes(temp["card.json"])).Status);
    }

    [Fact]
    public async Task Uses_the_kid_it_is_given()
    {
        using var temp = new TempDirectory();
        File.WriteAllBytes(temp["card.json"], LedgerAgent.CardJson.ToArray());
        Assert.Equal(0, (await Tool.RunAsync("keys", "gen", "--out", temp.Path)).ExitCode);

        var run = await Tool.RunAsync("card", "sign", temp["card.json"], "--key", temp["signing.key.pem"], "--kid", "ledger-2026", "--out", temp["signed.json"]);

        Assert.Equal(0, run.ExitCode);
        var trust = new TrustStore();
        trust.Add("ledger-agent", VerificationKey.ImportPem(File.ReadAllText(temp["signing.pub.pem"])), "ledger-2026");
        var result = new AgentCardVerifier(trust).Verify(File.ReadAllBytes(temp["signed.json"]));
        Assert.True(result.IsVerified);
        Assert.Equal("ledger-2026", result.Key!.KeyId);
    }

    [Fact]
    public async Task Refuses_a_card_with_empty_values_unless_told_to_sign_it_anyway()
    {
        using var temp = new TempDirectory();
        Assert.Equal(0, (await Tool.RunAsync("keys", "gen", "--out", temp.Path)).ExitCode);
        string card = Encoding.UTF8.GetString(LedgerAgent.CardJson).Replace("\"name\":\"Ledger Agent\"", "\"name\":\"Ledger Agent\",\"iconUrl\":\"\",\"securityRequirements\":[]");
        File.WriteAllText(temp["card.json"], card);

        var refused = await Tool.RunAsync("card", "sign", temp["card.json"], "--key", temp["signing.key.pem"], "--out", temp["signed.json"]);
        Assert.Equal(1, refused.ExitCode);
        string line = Tool.SingleErrorLine(refused);
        Assert.Contains("$.iconUrl", line);
        Assert.Contains("$.securityRequirements", line);
        Assert.Contains("--allow-empty", line);
        Assert.False(File.Exists(temp["signed.json"]));

        Assert.Equal(0, (await Tool.RunAsync("card", "sign", temp["card.json"], "--key", temp["signing.key.pem"], "--out", temp["signed.json"], "--allow-empty")).ExitCode);
    }

    [Fact]
    public async Task Bad_inputs_are_one_line_each()
    {
        using var temp = new TempDirectory();
        Assert.Equal(0, (await Tool.RunAsync("keys", "gen", "--out", temp.Path)).ExitCode);
        File.WriteAllBytes(temp["card.json"], LedgerAgent.CardJson.ToArray());
        File.WriteAllText(temp["broken.json"], "{\"name\": ");
        File.WriteAllText(temp["not-a-card.json"], "{\"hello\":\"world\"}");

        var cases = new (string[] Args, int Exit, string Message)[]
        {
            (["card", "sign", temp["card.json"], "--key", temp["missing.pem"]], 1, "does not exist"),
            (["card", "sign", temp["card.json"], "--key", temp["signing.pub.pem"]], 1, "holds a public key"),
            (["card", "sign", temp["missing.json"], "--key", temp["signing.key.pem"]], 1, "does not exist"),
            (["card", "sign", temp["broken.json"], "--key", temp["signing.key.pem"]], 1, "is not a valid A2A 1.0 Agent Card"),
            (["card", "sign", temp["not-a-card.json"], "--key", temp["signing.key.pem"]], 1, "is not an Agent Card"),
            (["card", "sign", temp["card.json"], "--key", temp["signing.key.pem"], "--jku", "not a url"], 2, "--jku"),
            (["card", "sign", temp["card.json"]], 2, "--key"),
            (["card", "sign", temp["card.json"], "--key", temp["signing.key.pem"], "--out", temp["no/such/dir/out.json"]], 1, "cannot write"),
        };
        foreach (var (args, exit, message) in cases)
        {
            var run = await Tool.RunAsync(args);
            Assert.True(exit == run.ExitCode, $"{string.Join(' ', args)}:\n{run}");
            Assert.Contains(message, Tool.SingleErrorLine(run));
        }
    }

    private static string Base64(string base64Url)
    {
        string padded = base64Url.Replace('-', '+').Replace('_', '/');
        return padded + new string('=', (4 - (padded.Length % 4)) % 4);
    }
}
