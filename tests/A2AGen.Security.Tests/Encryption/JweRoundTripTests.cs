using System.Text;
using System.Text.Json.Nodes;

namespace A2AGen.Security.Tests.Encryption;

/// <summary>A2AGen encrypts and decrypts its own JWEs for both key types and every serialization.</summary>
public sealed class JweRoundTripTests
{
    public static TheoryData<JweKeyType, string> Cases() => new()
    {
        { JweKeyType.X25519, "compact" }, { JweKeyType.X25519, "flattened" }, { JweKeyType.X25519, "general" },
        { JweKeyType.P256, "compact" }, { JweKeyType.P256, "flattened" }, { JweKeyType.P256, "general" },
    };

    internal static string Encrypt(string form, byte[] plaintext, JweEncryptionKey recipient) => form switch
    {
        "compact" => Jwe.EncryptCompact(plaintext, recipient, "agent://sender", "agent://recipient"),
        "flattened" => Jwe.EncryptJson(plaintext, recipient, "agent://sender", "agent://recipient"),
        _ => Jwe.EncryptJson(plaintext, recipient, "agent://sender", "agent://recipient", general: true),
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Round_trip_returns_the_plaintext_and_the_protected_issuer_and_audience(JweKeyType keyType, string form)
    {
        using var key = JweDecryptionKey.Generate(keyType);
        var plaintext = Encoding.UTF8.GetBytes("{\"parts\":[{\"text\":\"secret é\"}]}");
        string jwe = Encrypt(form, plaintext, key.PublicKey);

        var result = Jwe.Decrypt(jwe, key);
        Assert.True(result.Succeeded, result.Reason);
        Assert.Equal(plaintext, result.Plaintext);
        Assert.Equal("agent://sender", result.Issuer);
        Assert.Equal("agent://recipient", result.Audience);
        Assert.DoesNotContain("secret", jwe);
    }

    [Theory]
    [InlineData(JweKeyType.X25519, "OKP", "X25519")]
    [InlineData(JweKeyType.P256, "EC", "P-256")]
    public void The_header_carries_alg_enc_kid_epk_iss_aud_and_nothing_is_unprotected(JweKeyType keyType, string kty, string crv)
    {
        using var key = JweDecryptionKey.Generate(keyType);
        var json = JsonNode.Parse(Jwe.EncryptJson([1, 2, 3], key.PublicKey, "a", "b"))!.AsObject();
        Assert.Equal(["protected", "encrypted_key", "iv", "ciphertext", "tag"], json.Select(p => p.Key));

        var header = JsonNode.Parse(StrictBase64Url.Decode(json["protected"]!.GetValue<string>()))!;
        Assert.Equal("ECDH-ES+A256KW", header["alg"]!.GetValue<string>());
        Assert.Equal("A256GCM", header["enc"]!.GetValue<string>());
        Assert.Equal(key.PublicKey.Thumbprint, header["kid"]!.GetValue<string>());
        Assert.Equal(kty, header["epk"]!["kty"]!.GetValue<string>());
        Assert.Equal(crv, header["epk"]!["crv"]!.GetValue<string>());
        Assert.Null(header["epk"]!["d"]);
        Assert.Equal("a", header["iss"]!.GetValue<string>());
        Assert.Equal("b", header["aud"]!.GetValue<string>());
    }

    [Theory]
    [InlineData(JweKeyType.X25519)]
    [InlineData(JweKeyType.P256)]
    public void Keys_round_trip_through_their_JWKs(JweKeyType keyType)
    {
        using var key = JweDecryptionKey.Generate(keyType, allowExport: true);
        var publicKey = JweEncryptionKey.Parse(Encoding.UTF8.GetBytes(key.PublicKey.ToJson()));
        Assert.Equal(key.PublicKey.Thumbprint, publicKey.Thumbprint);
        Assert.Contains("\"use\":\"enc\"", key.PublicKey.ToJson());

        using var imported = JweDecryptionKey.ImportPrivateJwk(Encoding.UTF8.GetBytes(key.ExportPrivateJwk()));
        Assert.True(Jwe.Decrypt(Jwe.EncryptCompact([7], publicKey, "a", "b"), imported).Succeeded);
        Assert.Throws<InvalidOperationException>(() => imported.ExportPrivateJwk());
    }

    [Theory]
    [InlineData(JweKeyType.X25519)]
    [InlineData(JweKeyType.P256)]
    public void A_private_JWK_whose_public_members_belong_to_another_key_is_refused(JweKeyType keyType)
    {
        using var one = JweDecryptionKey.Generate(keyType, allowExport: true);
        using var other = JweDecryptionKey.Generate(keyType, allowExport: true);
        var mixed = JsonNode.Parse(one.ExportPrivateJwk())!.AsObject();
        mixed["d"] = JsonNode.Parse(other.ExportPrivateJwk())!["d"]!.GetValue<string>();

        var error = Assert.Throws<FormatException>(() => JweDecryptionKey.ImportPrivateJwk(Encoding.UTF8.GetBytes(mixed.ToJsonString())));
        Assert.Contains("do not belong", error.Message);
        Assert.DoesNotContain(mixed["d"]!.GetValue<string>(), error.Message);
    }

    [Fact]
    public void Public_JWK_parsing_refuses_signature_keys_private_members_and_points_off_the_curve()
    {
        using var key = JweDecryptionKey.Generate(JweKeyType.P256, allowExport: true);
        var jwk = JsonNode.Parse(key.PublicKey.ToJson())!.AsObject();

        FormatException Refuse(JsonObject node) => Assert.Throws<FormatException>(() => JweEncryptionKey.Parse(Encoding.UTF8.GetBytes(node.ToJsonString())));

        var sig = jwk.DeepClone().AsObject();
        sig["use"] = "sig";
        Assert.Contains("use", Refuse(sig).Message);

        Assert.Contains("private", Refuse(JsonNode.Parse(key.ExportPrivateJwk())!.AsObject()).Message);

        var offCurve = jwk.DeepClone().AsObject();
        offCurve["y"] = offCurve["x"]!.GetValue<string>();
        Assert.Contains("not on the curve", Refuse(offCurve).Message);

        var ed = new JsonObject { ["kty"] = "OKP", ["crv"] = "Ed25519", ["x"] = jwk["x"]!.GetValue<string>() };
        Assert.Contains("not an encryption key", Refuse(ed).Message);
    }
}
