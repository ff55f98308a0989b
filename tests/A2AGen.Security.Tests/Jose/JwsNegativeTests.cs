using System.Text;
using A2AGen.Security.Tests.Support;

namespace A2AGen.Security.Tests.Jose;

/// <summary>Each way a JWS can be wrong is refused with the reason that names it.</summary>
public sealed class JwsNegativeTests : IDisposable
{
    private readonly SigningKey _ed = SigningKey.Create(SigningAlgorithm.Ed25519);
    private readonly SigningKey _ec = SigningKey.Create(SigningAlgorithm.EcdsaP256Sha256);
    private readonly TrustStore _trust = new();
    private readonly JwsVerifier _verifier;

    public JwsNegativeTests()
    {
        _trust.Add("alice", _ed.PublicKey);
        _trust.Add("bob", _ec.PublicKey);
        _verifier = new JwsVerifier(_trust);
    }

    public void Dispose()
    {
        _ed.Dispose();
        _ec.Dispose();
    }

    private static string B64(string text) => StrictBase64Url.Encode(Encoding.UTF8.GetBytes(text));

    private string Forge(string headerJson, string payload, SigningKey signer)
    {
        string input = B64(headerJson) + "." + B64(payload);
        return input + "." + StrictBase64Url.Encode(signer.Algorithm.Sign(signer, Encoding.ASCII.GetBytes(input)));
    }

    [Fact]
    public void Valid_tokens_of_both_algorithms_verify_and_name_their_key()
    {
        var ed = _verifier.Verify(Jws.Sign(_ed, "hello"u8));
        var ec = _verifier.Verify(Jws.Sign(_ec, "hello"u8));
        Assert.True(ed.IsValid, ed.ToString());
        Assert.True(ec.IsValid, ec.ToString());
        Assert.Equal(("alice", _ed.PublicKey.Thumbprint), (ed.Key!.AgentId, ed.Key.KeyId));
        Assert.Equal("bob", ec.Key!.AgentId);
        Assert.Equal("hello", Encoding.UTF8.GetString(ec.Payload.Span));
    }

    [Theory]
    [InlineData("none")]
    [InlineData("HS256")]
    [InlineData("RS256")]
    [InlineData("ES512")]
    [InlineData("eddsa")]
    public void Algorithms_outside_the_allow_list_are_refused(string alg)
    {
        string token = Forge($$"""{"alg":"{{alg}}","kid":"{{_ed.PublicKey.Thumbprint}}"}""", "x", _ed);
        Assert.Equal(VerificationFailure.AlgorithmNotAllowed, _verifier.Verify(token).Failure);

        // alg none with an empty signature: malformed before anything else.
        Assert.Equal(VerificationFailure.MalformedToken, _verifier.Verify(B64("""{"alg":"none"}""") + "." + B64("x") + ".").Failure);
    }

    [Fact]
    public void The_allow_list_cannot_name_none_or_HMAC()
    {
        Assert.Throws<ArgumentException>(() => new JwsVerifier(_trust, new JwsVerificationOptions { AllowedAlgorithms = ["none"] }));
        Assert.Throws<ArgumentException>(() => new JwsVerifier(_trust, new JwsVerificationOptions { AllowedAlgorithms = ["HS256"] }));
        var edOnly = new JwsVerifier(_trust, new JwsVerificationOptions { AllowedAlgorithms = ["EdDSA"] });
        Assert.Equal(VerificationFailure.AlgorithmNotAllowed, edOnly.Verify(Jws.Sign(_ec, "x"u8)).Failure);
    }

    [Fact]
    public void Alg_must_match_the_key_type()
    {
        // An EdDSA header naming the ES256 key (signed by the Ed25519 key): the key cannot do EdDSA.
        string token = Forge($$"""{"alg":"EdDSA","kid":"{{_ec.PublicKey.Thumbprint}}"}""", "x", _ed);
        var result = _verifier.Verify(token);
        Assert.Equal(VerificationFailure.AlgorithmKeyMismatch, result.Failure);
        Assert.Equal("ALGORITHM_KEY_MISMATCH", result.ReasonCode);
    }

    [Fact]
    public void Tampered_header_payload_or_signature_is_refused()
    {
        string token = Jws.Sign(_ed, "{\"amount\":10}"u8);
        var parts = token.Split('.');

        string otherHeader = B64($$"""{"alg":"EdDSA","kid":"{{_ed.PublicKey.Thumbprint}}","typ":"x"}""");
        Assert.Equal(VerificationFailure.SignatureInvalid, _verifier.Verify($"{otherHeader}.{parts[1]}.{parts[2]}").Failure);
        Assert.Equal(VerificationFailure.SignatureInvalid, _verifier.Verify($"{parts[0]}.{B64("{\"amount\":99}")}.{parts[2]}").Failure);

        var signature = StrictBase64Url.Decode(parts[2]);
        signature[5] ^= 0x01;
        Assert.Equal(VerificationFailure.SignatureInvalid, _verifier.Verify($"{parts[0]}.{parts[1]}.{StrictBase64Url.Encode(signature)}").Failure);
        Assert.Equal(VerificationFailure.SignatureInvalid, _verifier.Verify($"{parts[0]}.{parts[1]}.{StrictBase64Url.Encode(signature[..63])}").Failure);
    }

    [Fact]
    public void Padded_or_non_canonical_base64url_is_refused()
    {
        string token = Jws.Sign(_ec, "ab"u8); // "YWI": 2 bytes, so the segment has spare bits and padding would be "="
        var parts = token.Split('.');
        Assert.Equal("YWI", parts[1]);

        Assert.Equal(VerificationFailure.MalformedBase64Url, _verifier.Verify($"{parts[0]}.YWI=.{parts[2]}").Failure);
        Assert.Equal(VerificationFailure.MalformedBase64Url, _verifier.Verify($"{parts[0]}.YWJ.{parts[2]}").Failure); // same bytes, non-zero trailing bits
        Assert.Equal(VerificationFailure.MalformedBase64Url, _verifier.Verify($"{parts[0]}.YW+.{parts[2]}").Failure);
        Assert.Equal(VerificationFailure.MalformedBase64Url, _verifier.Verify($"{parts[0]}.YWI.{parts[2]}=").Failure);
        Assert.Equal(VerificationFailure.MalformedBase64Url, _verifier.Verify($"{parts[0]} .YWI.{parts[2]}").Failure);
        Assert.Equal(VerificationFailure.MalformedBase64Url, _verifier.Verify($"{parts[0]}.Y.{parts[2]}").Failure);
        Assert.True(_verifier.Verify(token).IsValid);
    }

    [Fact]
    public void Unknown_kid_and_wrong_issuer_give_KEY_NOT_FOUND()
    {
        using var stranger = SigningKey.Create(SigningAlgorithm.Ed25519);
        Assert.Equal(VerificationFailure.KeyNotFound, _verifier.Verify(Jws.Sign(stranger, "x"u8)).Failure);
        Assert.Equal(VerificationFailure.KeyNotFound, _verifier.Verify(Jws.Sign(_ed, "x"u8), issuer: "bob").Failure);
        Assert.True(_verifier.Verify(Jws.Sign(_ed, "x"u8), issuer: "alice").IsValid);
    }

    [Fact]
    public void A_key_carried_in_the_token_is_never_used()
    {
        using var attacker = SigningKey.Create(SigningAlgorithm.Ed25519);
        string jwk = JsonWebKey.FromPublicKey(attacker.PublicKey, _ed.PublicKey.Thumbprint).ToJson();
        string token = Forge($$"""{"alg":"EdDSA","kid":"{{_ed.PublicKey.Thumbprint}}","jwk":{{jwk}}}""", "x", attacker);
        Assert.Equal(VerificationFailure.SignatureInvalid, _verifier.Verify(token).Failure);
    }

    [Fact]
    public void Unknown_crit_and_b64_are_refused_and_known_crit_is_allowed()
    {
        string kid = _ed.PublicKey.Thumbprint;
        Assert.Equal(VerificationFailure.CritUnsupported, _verifier.Verify(Forge($$"""{"alg":"EdDSA","kid":"{{kid}}","crit":["exp"],"exp":1}""", "x", _ed)).Failure);
        Assert.Equal(VerificationFailure.CritUnsupported, _verifier.Verify(Forge($$"""{"alg":"EdDSA","kid":"{{kid}}","b64":false,"crit":["b64"]}""", "x", _ed)).Failure);
        Assert.Equal(VerificationFailure.MalformedHeader, _verifier.Verify(Forge($$"""{"alg":"EdDSA","kid":"{{kid}}","crit":[]}""", "x", _ed)).Failure);

        var lenient = new JwsVerifier(_trust, new JwsVerificationOptions { SupportedCriticalParameters = ["exp"] });
        Assert.True(lenient.Verify(Forge($$"""{"alg":"EdDSA","kid":"{{kid}}","crit":["exp"],"exp":1}""", "x", _ed)).IsValid);
    }

    [Theory]
    [InlineData("""[1]""")]
    [InlineData("""{"alg":"EdDSA","alg":"EdDSA","kid":"K"}""")]
    [InlineData("""{"alg":5,"kid":"K"}""")]
    [InlineData("""{"kid":"K"}""")]
    [InlineData("""{"alg":"EdDSA","kid":"K"} {}""")]
    [InlineData("""{"alg":"EdDSA","kid":"K",}""")]
    public void Malformed_headers_are_refused(string header)
    {
        string token = Forge(header.Replace("\"K\"", $"\"{_ed.PublicKey.Thumbprint}\""), "x", _ed);
        Assert.Equal(VerificationFailure.MalformedHeader, _verifier.Verify(token).Failure);
    }

    [Theory]
    [InlineData("a.b")]
    [InlineData("a.b.c.d")]
    [InlineData("a.b.c.d.e")]
    [InlineData(".YQ.YQ")]
    [InlineData("")]
    public void Wrong_shapes_are_MALFORMED_TOKEN(string token) =>
        Assert.Equal(VerificationFailure.MalformedToken, _verifier.Verify(token).Failure);

    [Fact]
    public void Typ_is_checked_when_expected()
    {
        var verifier = new JwsVerifier(_trust, new JwsVerificationOptions { ExpectedType = "a2a-request+jwt" });
        Assert.True(verifier.Verify(Jws.Sign(_ed, "x"u8, new JwsSigningOptions { Type = "A2A-Request+JWT" })).IsValid);
        Assert.True(verifier.Verify(Jws.Sign(_ed, "x"u8, new JwsSigningOptions { Type = "application/a2a-request+jwt" })).IsValid);
        Assert.Equal(VerificationFailure.TypeMismatch, verifier.Verify(Jws.Sign(_ed, "x"u8, new JwsSigningOptions { Type = "a2a-passport+jws" })).Failure);
        Assert.Equal(VerificationFailure.TypeMismatch, verifier.Verify(Jws.Sign(_ed, "x"u8)).Failure);
    }

    [Fact]
    public void Size_limits_are_enforced()
    {
        var verifier = new JwsVerifier(_trust, new JwsVerificationOptions { MaxTokenLength = 400, MaxHeaderLength = 120, MaxPayloadLength = 100 });
        Assert.Equal(VerificationFailure.TokenTooLarge, verifier.Verify(new string('a', 401)).Failure);
        Assert.Equal(VerificationFailure.PayloadTooLarge, verifier.Verify(Jws.Sign(_ed, new byte[101])).Failure);
        Assert.Equal(VerificationFailure.PayloadTooLarge, verifier.VerifyDetached(Jws.SignDetached(_ed, new byte[101]), new byte[101]).Failure);
        Assert.Equal(VerificationFailure.HeaderTooLarge, verifier.Verify(Jws.Sign(_ed, "x"u8, new JwsSigningOptions { Type = new string('t', 60) })).Failure);
        Assert.True(verifier.Verify(Jws.Sign(_ed, new byte[100])).IsValid);
    }

    [Fact]
    public void Detached_payload_round_trips_and_mismatches_are_refused()
    {
        var payload = "{\"clientId\":\"alice\"}"u8.ToArray();
        string token = Jws.SignDetached(_ed, payload);
        Assert.Contains("..", token);

        var result = _verifier.VerifyDetached(token, payload);
        Assert.True(result.IsValid, result.ToString());
        Assert.Equal(payload, result.Payload.ToArray());

        Assert.Equal(VerificationFailure.SignatureInvalid, _verifier.VerifyDetached(token, "{\"clientId\":\"mallory\"}"u8).Failure);
        Assert.Equal(VerificationFailure.PayloadMissing, _verifier.Verify(token).Failure);
        Assert.Equal(VerificationFailure.PayloadNotDetached, _verifier.VerifyDetached(Jws.Sign(_ed, payload), payload).Failure);
        Assert.Throws<ArgumentException>(() => Jws.Sign(_ed, ReadOnlySpan<byte>.Empty));
        Assert.True(_verifier.VerifyDetached(Jws.SignDetached(_ed, []), []).IsValid);
    }

    [Fact]
    public void Every_reason_code_is_stable_upper_snake()
    {
        foreach (var failure in Enum.GetValues<VerificationFailure>())
        {
            Assert.Matches("^[A-Z][A-Z0-9_]*$", failure.ToReasonCode());
        }

        Assert.Equal("SIGNATURE_INVALID", VerificationFailure.SignatureInvalid.ToReasonCode());
        Assert.Equal("MALFORMED_BASE64URL", VerificationFailure.MalformedBase64Url.ToReasonCode());
        Assert.Equal("CRIT_UNSUPPORTED", VerificationFailure.CritUnsupported.ToReasonCode());
        Assert.Equal("KEY_NOT_FOUND", VerificationFailure.KeyNotFound.ToReasonCode());
        Assert.Equal(Enum.GetValues<VerificationFailure>().Length, Enum.GetValues<VerificationFailure>().Select(f => f.ToReasonCode()).Distinct().Count());
    }
}
