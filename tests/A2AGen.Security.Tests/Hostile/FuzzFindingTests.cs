using System.Text;

namespace A2AGen.Security.Tests.Hostile;

/// <summary>
/// Inputs found by fuzzing (tests/Fuzz, docs/fuzzing.md): each made a security parser throw an exception it does not
/// document, or put caller text into a refusal unescaped. Each is refused now with the parser's own error, in words
/// safe to log.
/// </summary>
public sealed class FuzzFindingTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);
    private readonly SigningKey _key = SigningKey.Create(SigningAlgorithm.Ed25519);
    private readonly TrustStore _trust = new();

    public FuzzFindingTests() => _trust.Add("caller", _key.PublicKey, "k1");

    public void Dispose() => _key.Dispose();

    // jcs target: System.Text.Json's message, which quotes the input (escape sequences, CR LF and all), was the refusal.
    [Theory]
    [InlineData("[tr\u001b[31mFORGED\r\nwarn: x]")]
    [InlineData("{\"a\":nul\u0000FORGED\u2028}")]
    [InlineData("[1,\n  fals\u007fFORGED]")]
    public void A_canonicalization_refusal_does_not_quote_the_input(string json)
    {
        var error = Assert.Throws<FormatException>(() => JsonCanonicalizer.Canonicalize(Encoding.UTF8.GetBytes(json)));

        Assert.StartsWith("The JSON is invalid: ", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("FORGED", error.Message, StringComparison.Ordinal);
        AssertSafe(error.Message);
    }

    // jcs target (the 10-minute run): the duplicate-member refusal quoted the member name unescaped.
    [Theory]
    [InlineData("{\"\\r\\nwarn: x\":1,\"\\r\\nwarn: x\":2}")]
    [InlineData("{\"\u0080\\u001b[2J\":1,\"\u0080\\u001b[2J\":2}")]
    public void A_duplicate_member_refusal_escapes_the_name(string json)
    {
        var error = Assert.Throws<FormatException>(() => JsonCanonicalizer.Canonicalize(Encoding.UTF8.GetBytes(json)));

        Assert.Contains("more than once", error.Message, StringComparison.Ordinal);
        AssertSafe(error.Message);
    }

    [Fact]
    public void A_number_beyond_the_double_range_is_quoted_short()
    {
        var error = Assert.Throws<FormatException>(() => JsonCanonicalizer.Canonicalize(Encoding.ASCII.GetBytes(new string('9', 5000) + "e400")));

        Assert.Contains("outside the range", error.Message, StringComparison.Ordinal);
        Assert.True(error.Message.Length < 200, error.Message);
    }

    // jws target: JwtClaims accepted strings that are not valid Unicode, then TryGetString (htm, htu, bh of a signed
    // request) threw InvalidOperationException behind a valid signature.
    [Theory]
    [InlineData("\"htm\":\"\\udc00\"", "claims.htm")]
    [InlineData("\"htu\":\"http://a/\\ud800\"", "claims.htu")]
    [InlineData("\"x\":{\"\\udfff\":1}", "claims.x")]
    public void Signed_claims_that_are_not_valid_Unicode_are_malformed(string member, string path)
    {
        var token = Jws.Sign(_key, Encoding.UTF8.GetBytes($"{{\"iss\":\"caller\",\"aud\":\"a\",\"iat\":{Now.ToUnixTimeSeconds()},\"exp\":{Now.ToUnixTimeSeconds() + 60},{member}}}"), new JwsSigningOptions { KeyId = "k1" });

        var result = new JwsVerifier(_trust).VerifyJwt(token, new JwtValidationParameters { ExpectedAudiences = ["a"], TimeProvider = new FakeTimeProvider(Now) });

        Assert.Equal(VerificationFailure.MalformedClaims, result.Failure);
        Assert.Contains(path, result.Detail, StringComparison.Ordinal);
        Assert.Contains("not valid Unicode", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Claims_with_bytes_that_are_not_UTF8_are_malformed()
    {
        byte[] claims = [.. "{\"iss\":\"caller\",\"bh\":\""u8, 0xC3, 0x28, .. "\"}"u8];

        Assert.False(JwtClaims.TryParse(claims, out _, out var problem));
        Assert.Contains("claims.bh", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_protected_header_with_a_lone_surrogate_is_malformed()
    {
        var header = StrictBase64Url.Encode("{\"alg\":\"EdDSA\",\"kid\":\"k1\",\"x5u\":\"\\udc00\"}"u8);
        var token = $"{header}.{StrictBase64Url.Encode("{}"u8)}.{Jws.SignEncoded(_key, header, "{}"u8)}";

        var result = new JwsVerifier(_trust).Verify(token);

        Assert.Equal(VerificationFailure.MalformedHeader, result.Failure);
        Assert.Contains("header.x5u", result.Detail, StringComparison.Ordinal);
    }

    // jwk target: a JWK (or a JWK Set, as a peer serves it) with a string that is not valid Unicode threw
    // InvalidOperationException instead of the documented FormatException; refusals quoted crv/kty/alg/use and the
    // JSON parser's message unescaped.
    [Theory]
    [InlineData("{\"kty\":\"OKP\",\"crv\":\"Ed2551\\u007f\\u001b[2J\",\"x\":\"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo\"}")]
    [InlineData("{\"kty\":\"RSA\\r\\nwarn: forged\"}")]
    [InlineData("{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo\",\"use\":\"enc\\u0085\"}")]
    [InlineData("{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo\",\"alg\":\"\\u2028ES256\"}")]
    [InlineData("{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo\",\"key_ops\":[\"\\r\",\"\\r\"]}")]
    [InlineData("{\"kty\":\"OKP\",\u0000\"crv\":\"Ed25519\"}")]
    public void A_JWK_refusal_escapes_what_the_key_said(string json)
    {
        var error = Assert.Throws<FormatException>(() => JsonWebKeySet.Parse(Encoding.UTF8.GetBytes("{\"keys\":[" + json + "]}")));

        AssertSafe(error.Message);
    }

    private static void AssertSafe(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
                continue;
            }

            var unsafeChar = c < 0x20 || c is >= '\u007f' and <= '\u009f' || c is '\u2028' or '\u2029' || char.IsSurrogate(c);
            Assert.False(unsafeChar, $"U+{(int)c:X4} at {i} in: {text}");
        }
    }
}
