using System.Text;
using System.Text.Json.Nodes;
using A2AGen.Protocol.Serialization;
using A2AGen.Security.Tests.Support;

namespace A2AGen.Security.Tests.Interop;

/// <summary>Agent Card signatures against the official A2A JS SDK (<c>@a2a-js/sdk</c> 1.3.0, built on jose).</summary>
public sealed class A2AJsCardInteropTests
{
    [Fact]
    public void The_JS_SDK_canonicalizes_our_cards_to_the_same_bytes()
    {
        var cards = new[] { SampleCards.Currency(), SampleCards.Currency(skills: 12), SampleCards.Currency(skills: 1) with { Provider = null, SecuritySchemes = null } };
        var input = new JsonObject { ["canonicalize"] = new JsonArray(cards.Select(c => JsonNode.Parse(A2AJson.SerializeToUtf8Bytes(c))).ToArray()) };
        var output = NodePeer.Run("jose-a2a-card.mjs", input)["canonicalize"]!.AsArray();
        for (int i = 0; i < cards.Length; i++)
        {
            Assert.Equal(Encoding.UTF8.GetString(AgentCardSigner.GetSigningPayload(cards[i])), output[i]!.GetValue<string>());
        }
    }

    [Fact]
    public void Cards_we_sign_verify_in_the_JS_SDK_and_tampering_is_caught_there()
    {
        using var ed = SigningKey.Create(SigningAlgorithm.Ed25519);
        using var ec = SigningKey.Create(SigningAlgorithm.EcdsaP256Sha256);
        var cardJson = SampleCards.CanonicalJson(SampleCards.Currency());
        var verify = new JsonArray();
        foreach (var key in new[] { ed, ec })
        {
            var signed = JsonNode.Parse(AgentCardSigner.CreateSignedCardJson(cardJson, [key]))!;
            verify.Add(new JsonObject { ["card"] = signed.DeepClone(), ["jwk"] = JsonWebKey.FromPublicKey(key.PublicKey).ToNode() });
            signed["description"] = "tampered";
            verify.Add(new JsonObject { ["card"] = signed, ["jwk"] = JsonWebKey.FromPublicKey(key.PublicKey).ToNode() });
        }

        var results = NodePeer.Run("jose-a2a-card.mjs", new JsonObject { ["verify"] = verify })["verify"]!.AsArray();
        Assert.True(results[0]!["ok"]!.GetValue<bool>(), results[0]!["error"]?.ToString());
        Assert.False(results[1]!["ok"]!.GetValue<bool>());
        Assert.True(results[2]!["ok"]!.GetValue<bool>(), results[2]!["error"]?.ToString());
        Assert.False(results[3]!["ok"]!.GetValue<bool>());
    }

    [Fact]
    public void Cards_the_JS_SDK_signs_verify_here()
    {
        var card = JsonNode.Parse(A2AJson.SerializeToUtf8Bytes(SampleCards.Currency()));
        var input = new JsonObject
        {
            ["sign"] = new JsonArray
            {
                new JsonObject { ["card"] = card!.DeepClone(), ["alg"] = "EdDSA" },
                new JsonObject { ["card"] = card.DeepClone(), ["alg"] = "ES256" },
            },
        };
        var signed = NodePeer.Run("jose-a2a-card.mjs", input)["sign"]!.AsArray();
        foreach (var entry in signed)
        {
            var trust = new TrustStore();
            var jwk = entry!["jwk"]!.ToJwk();
            trust.Add("js-agent", jwk.PublicKey, jwk.KeyId);
            var bytes = Encoding.UTF8.GetBytes(entry["card"]!.ToJsonString());
            var result = new AgentCardVerifier(trust).Verify(bytes, "js-agent");
            Assert.True(result.IsVerified, result.ToString());
            Assert.Equal(jwk.KeyId, result.Key!.KeyId);
        }
    }
}
