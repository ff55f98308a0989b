using System.Text;
using System.Text.Json;
using A2AGen.Security.Tests.Support;

namespace A2AGen.Security.Tests.Jose;

/// <summary>RFC 8037 Appendix A (byte-exact) and RFC 7515 A.3 (verifies, high S included).</summary>
public sealed class RfcExampleTests
{
    private static JsonElement Examples(string name)
    {
        using var json = TestData.Json("rfc", "jose_examples.json");
        return json.RootElement.GetProperty(name).Clone();
    }

    [Fact]
    public void Rfc8037_A4_compact_JWS_is_reproduced_byte_for_byte()
    {
        var example = Examples("rfc8037_appendix_a");
        var jwk = Encoding.UTF8.GetBytes(example.GetProperty("privateJwk").GetRawText());
        using var key = JsonWebKey.ImportPrivateKey(jwk, SigningAlgorithm.Ed25519);

        string token = Jws.Sign(key, Encoding.UTF8.GetBytes(example.GetProperty("payload").GetString()!), new JwsSigningOptions { OmitKeyId = true });

        Assert.Equal(example.GetProperty("compactJws").GetString(), token);
        Assert.Equal(example.GetProperty("protectedHeader").GetString(), Encoding.UTF8.GetString(Jws.CreateProtectedHeader(key, new JwsSigningOptions { OmitKeyId = true })));
    }

    [Fact]
    public void Rfc8037_A3_thumbprint_and_A4_verification()
    {
        var example = Examples("rfc8037_appendix_a");
        var jwk = JsonWebKey.Parse(Encoding.UTF8.GetBytes(example.GetProperty("publicJwk").GetRawText()));
        Assert.Equal(example.GetProperty("thumbprintSha256").GetString(), jwk.Thumbprint);
        Assert.Equal(jwk.Thumbprint, jwk.KeyId);

        var trust = new TrustStore();
        trust.Add("rfc8037", jwk.PublicKey);
        var verifier = new JwsVerifier(trust, new JwsVerificationOptions { RequireKeyId = false });
        var result = verifier.Verify(example.GetProperty("compactJws").GetString(), issuer: "rfc8037");
        Assert.True(result.IsValid, result.ToString());
        Assert.Equal("Example of Ed25519 signing", Encoding.UTF8.GetString(result.Payload.Span));
        Assert.Equal("rfc8037", result.Key!.AgentId);

        // Without a kid, a verifier that requires one refuses.
        var strict = new JwsVerifier(trust).Verify(example.GetProperty("compactJws").GetString(), issuer: "rfc8037");
        Assert.Equal(VerificationFailure.KeyIdMissing, strict.Failure);
    }

    [Fact]
    public void Rfc8037_private_JWK_with_a_foreign_x_is_refused()
    {
        var example = Examples("rfc8037_appendix_a");
        string json = example.GetProperty("privateJwk").GetRawText().Replace("11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo", "PUAXw-hDiVqStwqnTRt-vJyYLM8uxJaMwM1V8Sr0Zgw");
        var error = Assert.Throws<FormatException>(() => JsonWebKey.ImportPrivateKey(Encoding.UTF8.GetBytes(json)));
        Assert.Contains("do not belong", error.Message);
    }

    [Fact]
    public void Rfc7515_A3_ES256_example_verifies_although_its_S_is_high()
    {
        var example = Examples("rfc7515_appendix_a3_es256");
        var jwk = JsonWebKey.Parse(Encoding.UTF8.GetBytes(example.GetProperty("publicJwk").GetRawText()));
        var trust = new TrustStore();
        trust.Add("joe", jwk.PublicKey);
        var verifier = new JwsVerifier(trust, new JwsVerificationOptions { RequireKeyId = false });

        var result = verifier.Verify(example.GetProperty("compactJws").GetString(), issuer: "joe");
        Assert.True(result.IsValid, result.ToString());
        Assert.Contains("\r\n", Encoding.UTF8.GetString(result.Payload.Span));

        // The private JWK signs tokens the public key verifies.
        using var key = JsonWebKey.ImportPrivateKey(Encoding.UTF8.GetBytes(example.GetProperty("privateJwk").GetRawText()));
        var own = verifier.Verify(Jws.Sign(key, "{}"u8, new JwsSigningOptions { OmitKeyId = true }), issuer: "joe");
        Assert.True(own.IsValid, own.ToString());
    }
}
