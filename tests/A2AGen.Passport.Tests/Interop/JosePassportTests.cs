using System.Text;
using System.Text.Json.Nodes;

namespace A2AGen.Passport.Tests.Interop;

/// <summary>
/// Passport signatures across implementations, with jose 6 under Node 20 and an RFC 8785 canonicalizer written in the
/// script from the RFC (<c>tests/interop/jose-passport.mjs</c>): a passport signed by jose verifies in A2AGen (directly
/// and over HTTP), and one signed by A2AGen verifies with jose — for EdDSA and ES256, over state that exercises
/// canonicalization (member order, numbers, escapes, non-ASCII, nesting).
/// </summary>
public sealed class JosePassportTests(PassportHostFixture fixture) : IClassFixture<PassportHostFixture>
{
    private const string TrickyState = """
        {"user_preferred_currency":"GBP","z":{"b":[1,2.50,-0,1e21,0.000001,123456789012],"a":null},
         "é":"caf\u00e9 \u20ac \ud83d\ude00","ctl":"tab\tquote\"slash\\/ \u001f","A":true,"loyalty_tier":"Gold"}
        """;

    private static int s_clients;

    private static async Task<JsonArray> RunAsync(string mode, JsonArray requests) =>
        JsonNode.Parse(await NodePeers.RunScriptWithInputAsync("jose-passport.mjs", requests.ToJsonString(), mode))!.AsArray();

    private static JsonNode PassportNode(CallerContext passport) => JsonNode.Parse(CallerContextJson.ToUtf8Json(passport))!;

    [Theory]
    [InlineData("EdDSA")]
    [InlineData("ES256")]
    public async Task A_passport_signed_with_jose_verifies_in_A2AGen(string algorithm)
    {
        var clientId = $"jose-client-{Interlocked.Increment(ref s_clients)}.example";
        var request = new JsonObject
        {
            ["alg"] = algorithm,
            ["aud"] = CurrencyAgent.Id,
            ["passport"] = new JsonObject { ["clientId"] = "a2a://" + clientId, ["sessionId"] = "js-session", ["state"] = JsonNode.Parse(TrickyState) },
        };
        var signed = (await RunAsync("sign", [request]))[0]!;

        var jwk = JsonWebKey.Parse(JsonDocument.Parse(signed["jwk"]!.ToJsonString()).RootElement);
        Assert.Equal(signed["kid"]!.GetValue<string>(), jwk.Thumbprint);
        Assert.True(CallerContextJson.TryRead(JsonDocument.Parse(signed["passport"]!.ToJsonString()).RootElement, out var passport, out var error), error?.ToString());

        // Both canonicalizers agree on the signed bytes.
        Assert.Equal(signed["payload"]!.GetValue<string>(), Encoding.UTF8.GetString(PassportFormat.GetSigningPayload(passport)));

        var trust = new TrustStore();
        trust.Add(clientId, jwk.PublicKey);
        var verifier = new PassportVerifier(trust);
        var result = verifier.Verify(passport, new PassportVerificationContext { AgentId = CurrencyAgent.Id });
        Assert.True(result.IsVerified, result.ToString());
        Assert.Equal(algorithm, result.Algorithm);

        var tampered = passport with { State = State.Of(TrickyState.Replace("Gold", "Platinum", StringComparison.Ordinal)) };
        Assert.Equal(PassportReasons.SignatureInvalid, verifier.Verify(tampered, new PassportVerificationContext { AgentId = CurrencyAgent.Id }).Reason);

        // And over HTTP, to the generated agent, with jose's key trusted by the host.
        fixture.Trust.Add(clientId, jwk.PublicKey);
        var reply = await fixture.SendAsync("/currency", "convert", "3 USD", passport);
        Assert.Equal($"3 USD in GBP for -; client=a2a://{clientId}; verified=True", Answers.TextOf(reply));
    }

    [Theory]
    [InlineData("EdDSA")]
    [InlineData("ES256")]
    public async Task A_passport_signed_by_A2AGen_verifies_with_jose(string algorithm)
    {
        using var client = new TestClient("travel-orchestrator.com", algorithm == "EdDSA" ? SigningAlgorithm.Ed25519 : SigningAlgorithm.EcdsaP256Sha256, "a2a://travel-orchestrator.com");
        var passport = client.Signer().Create(State.Of(TrickyState), sessionId: "s-1", audience: "https://currency.example.com/a2a");
        var jwk = JsonNode.Parse(JsonWebKey.FromPublicKey(client.Key.PublicKey).ToJson())!;
        var tampered = passport with { SessionId = "s-2" };
        var requests = new JsonArray
        {
            new JsonObject { ["jwk"] = jwk.DeepClone(), ["passport"] = PassportNode(passport), ["audience"] = "https://currency.example.com/a2a" },
            new JsonObject { ["jwk"] = jwk.DeepClone(), ["passport"] = PassportNode(tampered) },
        };

        var results = await RunAsync("verify", requests);

        Assert.True(results[0]!["ok"]!.GetValue<bool>(), results[0]!.ToJsonString());
        Assert.Equal(Encoding.UTF8.GetString(PassportFormat.GetSigningPayload(passport)), results[0]!["payload"]!.GetValue<string>());
        var header = results[0]!["header"]!;
        Assert.Equal(algorithm, header["alg"]!.GetValue<string>());
        Assert.Equal("a2a-passport+jws", header["typ"]!.GetValue<string>());
        Assert.Equal(client.KeyId, header["kid"]!.GetValue<string>());
        Assert.False(results[1]!["ok"]!.GetValue<bool>());
        Assert.Equal("ERR_JWS_SIGNATURE_VERIFICATION_FAILED", results[1]!["code"]!.GetValue<string>());
    }
}
