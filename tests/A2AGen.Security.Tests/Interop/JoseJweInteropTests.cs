using System.Text;
using System.Text.Json.Nodes;
using A2AGen.Security.Tests.Encryption;
using A2AGen.Security.Tests.Support;

namespace A2AGen.Security.Tests.Interop;

/// <summary>JWE cross-checks with jose 6 under Node: jose decrypts A2AGen's JWEs and A2AGen decrypts jose's (X25519 and P-256, compact and JSON).</summary>
public sealed class JoseJweInteropTests
{
    private static readonly string[] Forms = ["compact", "flattened", "general"];

    [Fact]
    public void Jose_decrypts_what_A2AGen_encrypts()
    {
        using var x25519 = JweDecryptionKey.Generate(JweKeyType.X25519, allowExport: true);
        using var p256 = JweDecryptionKey.Generate(JweKeyType.P256, allowExport: true);
        var requests = new JsonArray();
        var expected = new List<string>();
        foreach (var key in new[] { x25519, p256 })
        {
            foreach (string form in Forms)
            {
                string plaintext = $"{{\"to\":\"jose\",\"key\":\"{key.KeyType}\",\"form\":\"{form}\",\"text\":\"é\"}}";
                expected.Add(plaintext);
                string jwe = JweRoundTripTests.Encrypt(form, Encoding.UTF8.GetBytes(plaintext), key.PublicKey);
                requests.Add(new JsonObject
                {
                    ["op"] = "decrypt",
                    ["jwk"] = JsonNode.Parse(key.ExportPrivateJwk()),
                    ["jwe"] = form == "compact" ? jwe : JsonNode.Parse(jwe),
                });
            }
        }

        var results = NodePeer.Run("jose-jwe.mjs", requests).AsArray();
        Assert.Equal(requests.Count, results.Count);
        for (int i = 0; i < results.Count; i++)
        {
            Assert.True(results[i]!["ok"]!.GetValue<bool>(), $"#{i}: {results[i]}");
            Assert.Equal(expected[i], results[i]!["plaintext"]!.GetValue<string>());
            Assert.Equal("agent://sender", results[i]!["header"]!["iss"]!.GetValue<string>());
            Assert.Equal("agent://recipient", results[i]!["header"]!["aud"]!.GetValue<string>());
        }
    }

    [Fact]
    public void A2AGen_decrypts_what_jose_encrypts_and_refuses_it_for_another_key()
    {
        using var x25519 = JweDecryptionKey.Generate(JweKeyType.X25519);
        using var p256 = JweDecryptionKey.Generate(JweKeyType.P256);
        var keys = new List<JweDecryptionKey>();
        var requests = new JsonArray();
        foreach (var key in new[] { x25519, p256 })
        {
            foreach (string form in Forms)
            {
                keys.Add(key);
                requests.Add(new JsonObject
                {
                    ["op"] = "encrypt",
                    ["jwk"] = JsonNode.Parse(key.PublicKey.ToJson()),
                    ["form"] = form,
                    ["plaintext"] = $"from jose {key.KeyType} {form} é",
                    ["header"] = new JsonObject { ["kid"] = key.PublicKey.Thumbprint, ["iss"] = "agent://jose", ["aud"] = "agent://a2agen" },
                });
            }
        }

        var results = NodePeer.Run("jose-jwe.mjs", requests).AsArray();
        Assert.Equal(requests.Count, results.Count);
        for (int i = 0; i < results.Count; i++)
        {
            Assert.True(results[i]!["ok"]!.GetValue<bool>(), $"#{i}: {results[i]}");
            string jwe = results[i]!["jwe"]!.GetValue<string>();
            var result = Jwe.Decrypt(jwe, keys[i]);
            Assert.True(result.Succeeded, $"#{i}: {result.Failure} {result.Reason}");
            Assert.Equal(requests[i]!["plaintext"]!.GetValue<string>(), Encoding.UTF8.GetString(result.Plaintext!));
            Assert.Equal("agent://jose", result.Issuer);
            Assert.Equal("agent://a2agen", result.Audience);

            using var other = JweDecryptionKey.Generate(keys[i].KeyType);
            Assert.Equal(JweFailure.WrongRecipient, Jwe.Decrypt(jwe, other).Failure);
        }
    }
}
