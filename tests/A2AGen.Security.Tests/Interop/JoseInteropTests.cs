using System.Text;
using System.Text.Json.Nodes;
using A2AGen.Security.Tests.Support;

namespace A2AGen.Security.Tests.Interop;

/// <summary>Cross-checks with jose 6 under Node 20: jose signs → A2AGen verifies; A2AGen signs → jose verifies.</summary>
public sealed class JoseInteropTests
{
    [Fact]
    public void Jose_signs_EdDSA_and_ES256_attached_and_detached_and_A2AGen_verifies_on_every_backend()
    {
        var requests = new JsonArray
        {
            new JsonObject { ["alg"] = "EdDSA", ["payload"] = "{\"from\":\"jose\"}" },
            new JsonObject { ["alg"] = "ES256", ["payload"] = "{\"from\":\"jose\"}" },
            new JsonObject { ["alg"] = "EdDSA", ["payload"] = "detached é", ["detached"] = true, ["typ"] = "a2a-passport+jws" },
            new JsonObject { ["alg"] = "ES256", ["payload"] = "detached é", ["detached"] = true },
        };
        var results = NodePeer.Run("jose-sign.mjs", requests).AsArray();
        Assert.Equal(4, results.Count);

        for (int i = 0; i < results.Count; i++)
        {
            var jwk = results[i]!["jwk"]!.ToJwk();
            string token = results[i]!["token"]!.GetValue<string>();
            Assert.Equal(results[i]!["thumbprint"]!.GetValue<string>(), jwk.Thumbprint);

            SigningAlgorithm algorithm = jwk.KeyType == "OKP" ? SigningAlgorithm.Ed25519 : SigningAlgorithm.EcdsaP256Sha256;
            var trust = new TrustStore();
            trust.Add("jose-peer", VerificationKey.Import(algorithm, jwk.PublicKey.Export(KeyFormat.RawPublicKey), KeyFormat.RawPublicKey));
            var verifier = new JwsVerifier(trust);
            bool detached = requests[i]!["detached"]?.GetValue<bool>() == true;
            var payload = Encoding.UTF8.GetBytes(requests[i]!["payload"]!.GetValue<string>());
            var result = detached ? verifier.VerifyDetached(token, payload) : verifier.Verify(token);
            Assert.True(result.IsValid, $"{algorithm} #{i}: {result}");
            Assert.Equal(payload, result.Payload.ToArray());

            // And a flipped payload byte fails here as it would there.
            var tampered = payload.ToArray();
            tampered[^1] ^= 1;
            Assert.False(detached ? verifier.VerifyDetached(token, tampered).IsValid : verifier.Verify(token[..token.IndexOf('.')] + "." + StrictBase64Url.Encode(tampered) + token[token.LastIndexOf('.')..]).IsValid);
        }
    }

    [Fact]
    public void A2AGen_signs_and_jose_verifies_with_matching_thumbprints()
    {
        using var ed = SigningKey.Create(SigningAlgorithm.Ed25519);
        using var ec = SigningKey.Create(SigningAlgorithm.EcdsaP256Sha256);
        var payload = "{\"signed\":\"by A2AGen\",\"n\":1}";
        var cases = new List<(SigningKey Key, string Token, string? Detached)>
        {
            (ed, Jws.Sign(ed, Encoding.UTF8.GetBytes(payload)), null),
            (ec, Jws.Sign(ec, Encoding.UTF8.GetBytes(payload)), null),
            (ed, Jws.SignDetached(ed, Encoding.UTF8.GetBytes(payload)), payload),
            (ec, Jws.SignDetached(ec, Encoding.UTF8.GetBytes(payload)), payload),
        };

        var requests = new JsonArray();
        foreach (var (key, token, detached) in cases)
        {
            var request = new JsonObject { ["jwk"] = JsonWebKey.FromPublicKey(key.PublicKey).ToNode(), ["token"] = token };
            if (detached is not null)
            {
                request["detachedPayload"] = detached;
            }

            requests.Add(request);
        }

        // Plus one tampered token jose must refuse.
        string bad = cases[0].Token[..^2] + (cases[0].Token[^2] == 'A' ? "BA" : "AA");
        requests.Add(new JsonObject { ["jwk"] = JsonWebKey.FromPublicKey(ed.PublicKey).ToNode(), ["token"] = bad });

        var results = NodePeer.Run("jose-verify.mjs", requests).AsArray();
        for (int i = 0; i < cases.Count; i++)
        {
            Assert.True(results[i]!["ok"]!.GetValue<bool>(), $"#{i}: {results[i]!["error"]}");
            Assert.Equal(payload, results[i]!["payload"]!.GetValue<string>());
            Assert.Equal(cases[i].Key.PublicKey.Thumbprint, results[i]!["thumbprint"]!.GetValue<string>());
            Assert.Equal(cases[i].Key.PublicKey.Thumbprint, results[i]!["header"]!["kid"]!.GetValue<string>());
        }

        Assert.False(results[^1]!["ok"]!.GetValue<bool>());
    }

    [Fact]
    public void JWTs_cross_both_ways_with_issuer_audience_and_type()
    {
        long now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var claims = new JsonObject { ["iss"] = "jose-caller", ["aud"] = "https://agent.example/a2a", ["iat"] = now, ["exp"] = now + 60, ["jti"] = "jti-1", ["htm"] = "POST" };
        var fromJose = NodePeer.Run("jose-sign.mjs", new JsonArray { new JsonObject { ["alg"] = "EdDSA", ["typ"] = "a2a-request+jwt", ["jwt"] = claims } })[0]!;
        var trust = new TrustStore();
        trust.Add("jose-caller", fromJose["jwk"]!.ToJwk().PublicKey);
        var result = new JwsVerifier(trust, new JwsVerificationOptions { ExpectedType = "a2a-request+jwt" })
            .VerifyJwt(fromJose["token"]!.GetValue<string>(), new JwtValidationParameters { ExpectedAudiences = ["https://agent.example/a2a"] });
        Assert.True(result.IsValid, result.ToString());
        Assert.Equal("jose-caller", result.Key!.AgentId);
        Assert.True(result.Claims!.TryGetString("htm", out string? method) && method == "POST");

        using var key = SigningKey.Create(SigningAlgorithm.EcdsaP256Sha256);
        string ours = Jws.Sign(key, Encoding.UTF8.GetBytes($$"""{"iss":"a2agen-caller","aud":"https://peer.example/a2a","iat":{{now}},"exp":{{now + 60}},"jti":"j"}"""), new JwsSigningOptions { Type = "a2a-request+jwt" });
        var verdict = NodePeer.Run("jose-verify.mjs", new JsonArray
        {
            new JsonObject
            {
                ["jwk"] = JsonWebKey.FromPublicKey(key.PublicKey).ToNode(),
                ["token"] = ours,
                ["jwt"] = new JsonObject { ["issuer"] = "a2agen-caller", ["audience"] = "https://peer.example/a2a", ["typ"] = "a2a-request+jwt" },
            },
        })[0]!;
        Assert.True(verdict["ok"]!.GetValue<bool>(), verdict["error"]?.ToString());
    }

    [Fact]
    public void Jose_rejects_what_A2AGen_rejects_for_a_padded_segment()
    {
        using var key = SigningKey.Create(SigningAlgorithm.Ed25519);
        string token = Jws.Sign(key, "ab"u8);
        var parts = token.Split('.');
        string padded = $"{parts[0]}.{parts[1]}=.{parts[2]}";
        var trust = new TrustStore();
        trust.Add("self", key.PublicKey);
        Assert.Equal(VerificationFailure.MalformedBase64Url, new JwsVerifier(trust).Verify(padded).Failure);
        var verdict = NodePeer.Run("jose-verify.mjs", new JsonArray { new JsonObject { ["jwk"] = JsonWebKey.FromPublicKey(key.PublicKey).ToNode(), ["token"] = padded } })[0]!;
        Assert.False(verdict["ok"]!.GetValue<bool>());
    }
}
