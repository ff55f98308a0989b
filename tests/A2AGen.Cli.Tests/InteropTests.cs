using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using A2AGen.Cli.Tests.Agents;
using A2AGen.Cli.Tests.Infrastructure;

namespace A2AGen.Cli.Tests;

/// <summary>
/// Independent implementations under Node 20: the official A2A JS SDK verifies cards the CLI signs and signs cards the
/// CLI verifies (tests/interop/jose-a2a-card.mjs); jose signs tokens <c>jws verify</c> checks (tests/interop/jose-sign.mjs),
/// and signs and verifies Secure Passports with its own RFC 8785 canonicalizer (tests/interop/jose-passport.mjs).
/// </summary>
public sealed class InteropTests
{
    [Theory]
    [InlineData("ed25519")]
    [InlineData("es256")]
    public async Task The_js_sdk_verifies_a_card_signed_by_the_cli(string algorithm)
    {
        using var temp = new TempDirectory();
        File.WriteAllBytes(temp["card.json"], LedgerAgent.CardJson.ToArray());
        Assert.Equal(0, (await Tool.RunAsync("keys", "gen", "--alg", algorithm, "--out", temp.Path)).ExitCode);
        Assert.Equal(0, (await Tool.RunAsync("card", "sign", temp["card.json"], "--key", temp["signing.key.pem"], "--out", temp["signed.json"])).ExitCode);
        var jwk = (await Tool.RunAsync("keys", "show", "--dir", temp.Path, "--json")).Json.GetProperty("signingKey").GetProperty("jwk");

        var tampered = JsonNode.Parse(File.ReadAllText(temp["signed.json"]))!;
        tampered["version"] = "6.6.6";
        var input = new JsonObject
        {
            ["verify"] = new JsonArray(
                new JsonObject { ["card"] = JsonNode.Parse(File.ReadAllText(temp["signed.json"])), ["jwk"] = JsonNode.Parse(jwk.GetRawText()) },
                new JsonObject { ["card"] = tampered, ["jwk"] = JsonNode.Parse(jwk.GetRawText()) }),
        };
        using var output = JsonDocument.Parse(await NodePeers.RunScriptAsync("jose-a2a-card.mjs", input.ToJsonString()));

        var results = output.RootElement.GetProperty("verify");
        Assert.True(results[0].GetProperty("ok").GetBoolean(), results[0].ToString());
        Assert.False(results[1].GetProperty("ok").GetBoolean());
    }

    [Theory]
    [InlineData("EdDSA")]
    [InlineData("ES256")]
    public async Task The_cli_verifies_a_card_signed_by_the_js_sdk(string algorithm)
    {
        using var temp = new TempDirectory();
        var input = new JsonObject { ["sign"] = new JsonArray(new JsonObject { ["card"] = JsonNode.Parse(LedgerAgent.CardJson), ["alg"] = algorithm }) };
        using var output = JsonDocument.Parse(await NodePeers.RunScriptAsync("jose-a2a-card.mjs", input.ToJsonString()));
        var signed = output.RootElement.GetProperty("sign")[0];
        File.WriteAllText(temp["card.json"], signed.GetProperty("card").GetRawText());
        File.WriteAllText(temp["key.jwk"], signed.GetProperty("jwk").GetRawText());

        var run = await Tool.RunAsync("card", "verify", temp["card.json"], "--jwks", temp["key.jwk"], "--json");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(signed.GetProperty("kid").GetString(), run.Json.GetProperty("kid").GetString());
        Assert.Equal(algorithm, run.Json.GetProperty("algorithm").GetString());
    }

    [Fact]
    public async Task Jws_verify_checks_tokens_signed_by_jose()
    {
        using var temp = new TempDirectory();
        long now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        byte[] body = Encoding.UTF8.GetBytes("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"GetTask\",\"params\":{\"id\":\"t1\"}}");
        File.WriteAllBytes(temp["body.json"], body);
        var requests = new JsonArray(
            new JsonObject
            {
                ["alg"] = "EdDSA",
                ["typ"] = "a2a-request+jwt",
                ["jwt"] = new JsonObject { ["iss"] = "js-caller", ["aud"] = "https://ledger.example.com/a2a", ["iat"] = now, ["exp"] = now + 60, ["jti"] = "j-1", ["htm"] = "POST", ["htu"] = "https://ledger.example.com/a2a", ["bh"] = JwsVerifyTests.Hash(body) },
            },
            new JsonObject { ["alg"] = "ES256", ["payload"] = Encoding.UTF8.GetString(body), ["detached"] = true });
        using var output = JsonDocument.Parse(await NodePeers.RunScriptAsync("jose-sign.mjs", requests.ToJsonString()));

        for (int i = 0; i < 2; i++)
        {
            var signed = output.RootElement[i];
            File.WriteAllText(temp[$"key{i}.jwk"], signed.GetProperty("jwk").GetRawText());
            var run = await Tool.RunAsync("jws", "verify", signed.GetProperty("token").GetString()!, "--jwks", temp[$"key{i}.jwk"], "--body", temp["body.json"], "--json");
            Assert.True(run.ExitCode == 0, run.ToString());
        }

        File.WriteAllText(temp["other.json"], "{}");
        var mismatch = await Tool.RunAsync("jws", "verify", output.RootElement[0].GetProperty("token").GetString()!, "--jwks", temp["key0.jwk"], "--body", temp["other.json"]);
        Assert.Equal(4, mismatch.ExitCode);
        Assert.StartsWith("Invalid (BODY_HASH_MISMATCH)", mismatch.Output);
    }

    [Theory]
    [InlineData("EdDSA")]
    [InlineData("ES256")]
    public async Task Passport_verify_accepts_a_passport_signed_by_jose(string algorithm)
    {
        using var temp = new TempDirectory();
        const string Endpoint = "https://ledger.example.com/a2a";
        var requests = new JsonArray(new JsonObject
        {
            ["alg"] = algorithm,
            ["aud"] = Endpoint,
            ["passport"] = new JsonObject
            {
                ["clientId"] = "a2a://js-travel-desk",
                ["sessionId"] = "js-session",
                ["state"] = new JsonObject { ["currency"] = "GBP", ["€ and 😀"] = 1.5, ["nested"] = new JsonObject { ["b"] = true, ["a"] = new JsonArray(3, "x", null) } },
            },
        });
        using var output = JsonDocument.Parse(await NodePeers.RunScriptAsync("jose-passport.mjs", requests.ToJsonString(), "sign"));
        var signed = output.RootElement[0];
        File.WriteAllText(temp["key.jwk"], signed.GetProperty("jwk").GetRawText());
        File.WriteAllText(temp["passport.json"], signed.GetProperty("passport").GetRawText());

        var run = await Tool.RunAsync("passport", "verify", temp["passport.json"], "--jwks", temp["key.jwk"], "--aud", Endpoint, "--json");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("js-travel-desk", run.Json.GetProperty("agentId").GetString());
        Assert.Equal(signed.GetProperty("kid").GetString(), run.Json.GetProperty("kid").GetString());
        Assert.Equal(algorithm, run.Json.GetProperty("algorithm").GetString());

        var tampered = JsonNode.Parse(signed.GetProperty("passport").GetRawText())!;
        tampered["state"]!["currency"] = "USD";
        File.WriteAllText(temp["tampered.json"], tampered.ToJsonString());
        var refused = await Tool.RunAsync("passport", "verify", temp["tampered.json"], "--jwks", temp["key.jwk"], "--json");
        Assert.Equal(4, refused.ExitCode);
        Assert.Equal("PASSPORT_SIGNATURE_INVALID", refused.Json.GetProperty("reason").GetString());
    }

    [Theory]
    [InlineData("ed25519")]
    [InlineData("es256")]
    public async Task Jose_verifies_a_passport_signed_by_the_cli(string algorithm)
    {
        using var temp = new TempDirectory();
        const string Endpoint = "https://ledger.example.com/a2a";
        Assert.Equal(0, (await Tool.RunAsync("keys", "gen", "--alg", algorithm, "--out", temp.Path)).ExitCode);
        var jwk = (await Tool.RunAsync("keys", "show", "--dir", temp.Path, "--json")).Json.GetProperty("signingKey").GetProperty("jwk");
        var sign = await Tool.RunAsync("passport", "sign", "--client-id", "travel-desk", "--key", temp["signing.key.pem"], "--aud", Endpoint, "--bare",
            "--state", """{"currency":"GBP","€ and 😀":1.5,"nested":{"b":true,"a":[3,"x",null]}}""");
        Assert.True(sign.ExitCode == 0, sign.ToString());

        var tampered = JsonNode.Parse(sign.Output)!;
        tampered["state"]!["currency"] = "USD";
        var input = new JsonArray(
            new JsonObject { ["jwk"] = JsonNode.Parse(jwk.GetRawText()), ["passport"] = JsonNode.Parse(sign.Output), ["audience"] = Endpoint },
            new JsonObject { ["jwk"] = JsonNode.Parse(jwk.GetRawText()), ["passport"] = tampered, ["audience"] = Endpoint });
        using var output = JsonDocument.Parse(await NodePeers.RunScriptAsync("jose-passport.mjs", input.ToJsonString(), "verify"));

        Assert.True(output.RootElement[0].GetProperty("ok").GetBoolean(), output.RootElement[0].ToString());
        Assert.Equal("a2a-passport+jws", output.RootElement[0].GetProperty("header").GetProperty("typ").GetString());
        Assert.False(output.RootElement[1].GetProperty("ok").GetBoolean());
    }
}
