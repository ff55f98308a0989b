using System.Text;
using System.Text.Json.Nodes;

namespace A2AGen.Security.Tests.Encryption;

/// <summary>Each way a JWE can be wrong is refused with the <see cref="JweFailure"/> that names it.</summary>
public sealed class JweRefusalTests : IDisposable
{
    private readonly JweDecryptionKey _x25519 = JweDecryptionKey.Generate(JweKeyType.X25519);
    private readonly JweDecryptionKey _p256 = JweDecryptionKey.Generate(JweKeyType.P256);

    public void Dispose()
    {
        _x25519.Dispose();
        _p256.Dispose();
    }

    private static readonly byte[] Plaintext = Encoding.UTF8.GetBytes("{\"text\":\"hello\"}");

    private JweDecryptionKey Key(JweKeyType type) => type == JweKeyType.X25519 ? _x25519 : _p256;

    private static string[] Segments(JweDecryptionKey key) => Jwe.EncryptCompact(Plaintext, key.PublicKey, "a", "b").Split('.');

    /// <summary>Rewrites the protected header of a fresh compact JWE (its tag then no longer matches).</summary>
    private static string WithHeader(JweDecryptionKey key, Action<JsonObject> edit)
    {
        var segments = Segments(key);
        var header = JsonNode.Parse(StrictBase64Url.Decode(segments[0]))!.AsObject();
        edit(header);
        segments[0] = StrictBase64Url.Encode(Encoding.UTF8.GetBytes(header.ToJsonString()));
        return string.Join('.', segments);
    }

    private static void AssertRefused(JweFailure expected, JweDecryptionResult result)
    {
        Assert.False(result.Succeeded);
        Assert.Equal(expected, result.Failure);
        Assert.Null(result.Plaintext);
        Assert.NotEmpty(result.Reason);
        Assert.DoesNotContain("Exception", result.Reason);
    }

    [Theory]
    [InlineData(JweKeyType.X25519, "ECDH-ES")]
    [InlineData(JweKeyType.P256, "RSA-OAEP")]
    [InlineData(JweKeyType.P256, "dir")]
    [InlineData(JweKeyType.P256, "none")]
    public void Another_alg_is_refused(JweKeyType type, string alg) =>
        AssertRefused(JweFailure.AlgorithmNotAllowed, Jwe.Decrypt(WithHeader(Key(type), h => h["alg"] = alg), Key(type)));

    [Theory]
    [InlineData("A128GCM")]
    [InlineData("A256CBC-HS512")]
    public void Another_enc_is_refused(string enc) =>
        AssertRefused(JweFailure.EncryptionNotAllowed, Jwe.Decrypt(WithHeader(_x25519, h => h["enc"] = enc), _x25519));

    [Fact]
    public void Any_zip_is_refused() =>
        AssertRefused(JweFailure.CompressionNotAllowed, Jwe.Decrypt(WithHeader(_p256, h => h["zip"] = "DEF"), _p256));

    [Fact]
    public void Any_crit_is_refused() =>
        AssertRefused(JweFailure.UnknownCritical, Jwe.Decrypt(WithHeader(_x25519, h => { h["crit"] = new JsonArray("exp"); h["exp"] = 1; }), _x25519));

    [Theory]
    [InlineData(JweKeyType.X25519)]
    [InlineData(JweKeyType.P256)]
    public void A_JWE_for_another_key_is_refused_as_another_recipients(JweKeyType type)
    {
        using var other = JweDecryptionKey.Generate(type);
        AssertRefused(JweFailure.WrongRecipient, Jwe.Decrypt(string.Join('.', Segments(Key(type))), other));

        // Even with the kid rewritten to the other key's, the wrapped key does not open.
        AssertRefused(JweFailure.DecryptionFailed, Jwe.Decrypt(WithHeader(Key(type), h => h["kid"] = other.PublicKey.Thumbprint), other));
    }

    [Theory]
    [InlineData(JweKeyType.X25519, 1)]
    [InlineData(JweKeyType.X25519, 2)]
    [InlineData(JweKeyType.X25519, 3)]
    [InlineData(JweKeyType.X25519, 4)]
    [InlineData(JweKeyType.P256, 1)]
    [InlineData(JweKeyType.P256, 2)]
    [InlineData(JweKeyType.P256, 3)]
    [InlineData(JweKeyType.P256, 4)]
    public void A_flipped_bit_in_the_wrapped_key_iv_ciphertext_or_tag_is_refused(JweKeyType type, int segment)
    {
        var segments = Segments(Key(type));
        var bytes = StrictBase64Url.Decode(segments[segment]);
        bytes[0] ^= 1;
        segments[segment] = StrictBase64Url.Encode(bytes);
        AssertRefused(JweFailure.DecryptionFailed, Jwe.Decrypt(string.Join('.', segments), Key(type)));
    }

    [Fact]
    public void An_altered_header_member_fails_the_tag() =>
        AssertRefused(JweFailure.DecryptionFailed, Jwe.Decrypt(WithHeader(_x25519, h => h["iss"] = "mallory"), _x25519));

    [Theory]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")] // 0: all-zero shared secret
    [InlineData("AQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")] // 1
    [InlineData("4Ot6fDtBuK4WVuP68Z_EatoJjeucMrH9hmIFFl9JuAA")] // e0eb7a7c…b800, a point of order 8 (RFC 7748 §6.1)
    public void A_small_order_X25519_epk_is_refused(string x) =>
        AssertRefused(JweFailure.InvalidEphemeralKey, Jwe.Decrypt(WithHeader(_x25519, h => h["epk"]!["x"] = x), _x25519));

    [Fact]
    public void A_P256_epk_off_the_curve_or_of_the_other_curve_is_refused()
    {
        AssertRefused(JweFailure.InvalidEphemeralKey, Jwe.Decrypt(WithHeader(_p256, h => h["epk"]!["y"] = h["epk"]!["x"]!.GetValue<string>()), _p256));

        var x25519Epk = JsonNode.Parse(StrictBase64Url.Decode(Segments(_x25519)[0]))!["epk"]!.ToJsonString();
        AssertRefused(JweFailure.InvalidEphemeralKey, Jwe.Decrypt(WithHeader(_p256, h => h["epk"] = JsonNode.Parse(x25519Epk)), _p256));
        AssertRefused(JweFailure.InvalidEphemeralKey, Jwe.Decrypt(WithHeader(_p256, h => h.Remove("epk")), _p256));
    }

    [Fact]
    public void Malformed_input_is_refused_without_throwing()
    {
        var segments = Segments(_x25519);
        AssertRefused(JweFailure.Malformed, Jwe.Decrypt(string.Join('.', segments[..4]), _x25519));
        AssertRefused(JweFailure.Malformed, Jwe.Decrypt(segments[0] + "=." + string.Join('.', segments[1..]), _x25519));
        AssertRefused(JweFailure.Malformed, Jwe.Decrypt("{", _x25519));
        AssertRefused(JweFailure.Malformed, Jwe.Decrypt("..." + ".", _x25519));
        AssertRefused(JweFailure.Malformed, Jwe.Decrypt(WithHeader(_x25519, h => h.Remove("kid")), _x25519));
        AssertRefused(JweFailure.Malformed, Jwe.Decrypt(WithHeader(_x25519, h => h["alg"] = 5), _x25519));

        // A 16-byte IV instead of 12.
        var longIv = (string[])segments.Clone();
        longIv[2] = StrictBase64Url.Encode(new byte[16]);
        AssertRefused(JweFailure.Malformed, Jwe.Decrypt(string.Join('.', longIv), _x25519));
    }

    [Fact]
    public void JSON_with_unprotected_headers_aad_or_two_recipients_is_refused()
    {
        JsonObject Flattened() => JsonNode.Parse(Jwe.EncryptJson(Plaintext, _p256.PublicKey, "a", "b"))!.AsObject();

        var unprotected = Flattened();
        unprotected["unprotected"] = new JsonObject { ["alg"] = "dir" };
        AssertRefused(JweFailure.Malformed, Jwe.Decrypt(unprotected.ToJsonString(), _p256));

        var aad = Flattened();
        aad["aad"] = "eA";
        AssertRefused(JweFailure.Malformed, Jwe.Decrypt(aad.ToJsonString(), _p256));

        var general = JsonNode.Parse(Jwe.EncryptJson(Plaintext, _p256.PublicKey, "a", "b", general: true))!.AsObject();
        general["recipients"]!.AsArray().Add(general["recipients"]![0]!.DeepClone());
        AssertRefused(JweFailure.Malformed, Jwe.Decrypt(general.ToJsonString(), _p256));

        var recipientHeader = JsonNode.Parse(Jwe.EncryptJson(Plaintext, _p256.PublicKey, "a", "b", general: true))!.AsObject();
        recipientHeader["recipients"]![0]!["header"] = new JsonObject { ["kid"] = "x" };
        AssertRefused(JweFailure.Malformed, Jwe.Decrypt(recipientHeader.ToJsonString(), _p256));

        var duplicate = Flattened().ToJsonString().Replace("{\"protected\"", "{\"iv\":\"AAAA\",\"protected\"", StringComparison.Ordinal);
        AssertRefused(JweFailure.Malformed, Jwe.Decrypt(duplicate, _p256));
    }

    [Fact]
    public void Every_failure_has_a_distinct_upper_snake_reason_code()
    {
        var codes = Enum.GetValues<JweFailure>().Select(f => f.ToReasonCode()).ToList();
        Assert.Equal(codes.Count, codes.Distinct().Count());
        Assert.All(codes, c => Assert.Matches("^[A-Z_]+$", c));
        Assert.Equal("COMPRESSION_NOT_ALLOWED", JweFailure.CompressionNotAllowed.ToReasonCode());
    }

    [Fact]
    public void Oversized_input_and_headers_are_refused()
    {
        AssertRefused(JweFailure.TooLarge, Jwe.Decrypt(new string('A', Jwe.MaxLength + 1), _x25519));
        AssertRefused(JweFailure.TooLarge, Jwe.Decrypt(WithHeader(_x25519, h => h["pad"] = new string('x', 5000)), _x25519));
    }
}
