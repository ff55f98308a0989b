using A2AGen.Security.Tests.Support;
using NSecBlobFormat = NSec.Cryptography.KeyBlobFormat;
using NSecPublicKey = NSec.Cryptography.PublicKey;
using NSecSignatureAlgorithm = NSec.Cryptography.SignatureAlgorithm;

namespace A2AGen.Security.Tests.Cryptography;

/// <summary>Public keys of small order or non-canonical encoding are refused at import; malleable signatures are rejected.</summary>
public sealed class Ed25519KeyCheckTests
{
    public static TheoryData<string> SmallOrderCases() => new(TestData.SmallOrderKeys());

    [Fact]
    public void The_list_holds_the_14_small_order_encodings() => Assert.Equal(14, TestData.SmallOrderKeys().Count());

    [Theory]
    [MemberData(nameof(SmallOrderCases))]
    public void Small_order_public_key_is_refused_at_import(string hex)
    {
        var algorithm = SigningAlgorithm.Ed25519;
        var raw = TestData.Hex(hex);

        var error = Assert.Throws<FormatException>(() => VerificationKey.Import(algorithm, raw, KeyFormat.RawPublicKey));
        Assert.Matches("small order|not canonically encoded", error.Message);
        Assert.False(VerificationKey.TryImport(algorithm, raw, KeyFormat.RawPublicKey, out _));

        // The same key in SPKI and JWK form is refused too.
        var spki = Pkcs8.WritePublicKey(KeyKind.Ed25519, raw);
        Assert.Throws<FormatException>(() => VerificationKey.Import(algorithm, spki, KeyFormat.PkixPublicKey));
        var jwk = $$"""{"kty":"OKP","crv":"Ed25519","x":"{{StrictBase64Url.Encode(raw)}}"}""";
        Assert.Throws<FormatException>(() => JsonWebKey.Parse(System.Text.Encoding.UTF8.GetBytes(jwk)));
    }

    [Fact]
    public void NSec_on_its_own_imports_the_identity_key_which_is_why_A2AGen_checks_at_import()
    {
        // NSec accepts the key and (through libsodium) refuses to verify with it; A2AGen refuses it up front, saying why.
        var identity = TestData.Hex("0100000000000000000000000000000000000000000000000000000000000000");
        var forged = new byte[64];
        forged[0] = 1; // R = identity, S = 0
        var native = NSecPublicKey.Import(NSecSignatureAlgorithm.Ed25519, identity, NSecBlobFormat.RawPublicKey);
        Assert.False(NSecSignatureAlgorithm.Ed25519.Verify(native, "any message"u8, forged));

        var error = Assert.Throws<FormatException>(() => VerificationKey.Import(SigningAlgorithm.Ed25519, identity, KeyFormat.RawPublicKey));
        Assert.Equal("The Ed25519 public key is a point of small order.", error.Message);
    }

    [Fact]
    public void A_signature_with_R_of_small_order_is_rejected_even_for_an_unchecked_key()
    {
        using var key = SigningKey.Create(SigningAlgorithm.Ed25519);
        var forged = new byte[64];
        forged[0] = 1; // R = identity, S = 0
        Assert.False(SigningAlgorithm.Ed25519.Verify(key.PublicKey, "any message"u8, forged));

        // The internal constructor skips the import check: libsodium still refuses the forgery for the identity key.
        var unchecked_ = new VerificationKey(SigningAlgorithm.Ed25519, TestData.Hex("0100000000000000000000000000000000000000000000000000000000000000"));
        Assert.False(SigningAlgorithm.Ed25519.Verify(unchecked_, "any message"u8, forged));
    }

    [Theory]
    [InlineData("edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f")] // y = p
    [InlineData("f0ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f")] // y = p + 3
    [InlineData("ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff")] // y = 2^255 - 1, sign set
    public void Non_canonical_encodings_are_refused(string hex)
    {
        var error = Assert.Throws<FormatException>(() => VerificationKey.Import(SigningAlgorithm.Ed25519, TestData.Hex(hex), KeyFormat.RawPublicKey));
        Assert.Contains("not canonically encoded", error.Message);
    }

    [Fact]
    public void A_y_without_a_point_on_the_curve_is_refused()
    {
        // y = 2 is not the y-coordinate of any point of edwards25519.
        var raw = new byte[32];
        raw[0] = 2;
        var error = Assert.Throws<FormatException>(() => VerificationKey.Import(SigningAlgorithm.Ed25519, raw, KeyFormat.RawPublicKey));
        Assert.Contains("not a point", error.Message);
    }

    [Fact]
    public void Signature_with_S_not_below_the_group_order_is_rejected()
    {
        var algorithm = SigningAlgorithm.Ed25519;
        using var key = SigningKey.Create(algorithm);
        var signature = algorithm.Sign(key, "m"u8);

        // S + L has the same value mod L: malleable unless S < L is enforced.
        var order = System.Numerics.BigInteger.Pow(2, 252) + System.Numerics.BigInteger.Parse("27742317777372353535851937790883648493");
        var s = new System.Numerics.BigInteger(signature.AsSpan(32), isUnsigned: true) + order;
        var sBytes = s.ToByteArray(isUnsigned: true);
        Assert.True(sBytes.Length <= 32);
        var malleated = signature.ToArray();
        Array.Clear(malleated, 32, 32);
        sBytes.CopyTo(malleated, 32);
        Assert.False(algorithm.Verify(key.PublicKey, "m"u8, malleated));
    }

    [Fact]
    public void Ed25519_is_supported_and_public_keys_verify_only_under_their_own_type()
    {
        Assert.True(SigningAlgorithm.Ed25519.IsSupported);
        using var key = SigningKey.Create(SigningAlgorithm.Ed25519);
        Assert.True(SigningAlgorithm.Ed25519.Verify(key.PublicKey, "x"u8, SigningAlgorithm.Ed25519.Sign(key, "x"u8)));
        Assert.Throws<ArgumentException>(() => SigningAlgorithm.EcdsaP256Sha256.Verify(key.PublicKey, "x"u8, new byte[64]));
        Assert.Throws<ArgumentException>(() => SigningAlgorithm.EcdsaP256Sha256.Sign(key, "x"u8));
    }
}
