using System.Security.Cryptography;
using A2AGen.Security.Interop;
using A2AGen.Security.Tests.Support;

namespace A2AGen.Security.Tests.Cryptography;

/// <summary>The two backends agree byte for byte, and both refuse the inputs OpenSSL alone would accept.</summary>
public sealed class Ed25519BackendTests
{
    [Fact]
    public void Libsodium_and_OpenSsl_give_identical_signatures_for_1000_random_keys_and_messages()
    {
        var libsodium = Backends.Get(Ed25519Backend.Libsodium);
        var openSsl = Backends.Get(Ed25519Backend.OpenSsl);
        var random = new Random(20261121);
        var seed = new byte[32];
        for (int i = 0; i < 1000; i++)
        {
            RandomNumberGenerator.Fill(seed);
            var message = new byte[random.Next(0, 2048)];
            random.NextBytes(message);

            using var a = Key.Import(libsodium, seed, KeyBlobFormat.RawPrivateKey);
            using var b = Key.Import(openSsl, seed, KeyBlobFormat.RawPrivateKey);
            Assert.Equal(a.PublicKey, b.PublicKey);
            var signatureA = libsodium.Sign(a, message);
            var signatureB = openSsl.Sign(b, message);
            Assert.Equal(signatureA, signatureB);

            // Each backend verifies the other's signature, and both reject a one-bit change.
            Assert.True(openSsl.Verify(a.PublicKey, message, signatureA));
            Assert.True(libsodium.Verify(b.PublicKey, message, signatureB));
            signatureA[i % 64] ^= (byte)(1 << (i % 8));
            Assert.False(libsodium.Verify(a.PublicKey, message, signatureA));
            Assert.False(openSsl.Verify(a.PublicKey, message, signatureA));
        }
    }

    public static TheoryData<Ed25519Backend, string> SmallOrderCases()
    {
        var data = new TheoryData<Ed25519Backend, string>();
        foreach (var backend in Backends.All)
        {
            foreach (string key in TestData.SmallOrderKeys())
            {
                data.Add(backend, key);
            }
        }

        return data;
    }

    [Fact]
    public void The_list_holds_the_14_small_order_encodings() => Assert.Equal(14, TestData.SmallOrderKeys().Count());

    [Theory]
    [MemberData(nameof(SmallOrderCases))]
    public void Small_order_public_key_is_refused_at_import(Ed25519Backend backend, string hex)
    {
        var algorithm = Backends.Get(backend);
        var raw = TestData.Hex(hex);

        var error = Assert.Throws<FormatException>(() => PublicKey.Import(algorithm, raw, KeyBlobFormat.RawPublicKey));
        Assert.Matches("small order|not canonically encoded", error.Message);
        Assert.False(PublicKey.TryImport(algorithm, raw, KeyBlobFormat.RawPublicKey, out _));

        // The same key in SPKI and JWK form is refused too.
        var spki = Pkcs8.WritePublicKey(KeyKind.Ed25519, raw);
        Assert.Throws<FormatException>(() => PublicKey.Import(algorithm, spki, KeyBlobFormat.PkixPublicKey));
        var jwk = $$"""{"kty":"OKP","crv":"Ed25519","x":"{{StrictBase64Url.Encode(raw)}}"}""";
        Assert.Throws<FormatException>(() => JsonWebKey.Parse(System.Text.Encoding.UTF8.GetBytes(jwk)));
    }

    [Fact]
    public void OpenSsl_on_its_own_accepts_a_forged_signature_for_the_identity_key_which_is_why_import_checks()
    {
        var provider = Ed25519Provider.TryLoad(Ed25519Backend.OpenSsl, out string? failure);
        Assert.True(provider is not null, failure);
        var identity = TestData.Hex("0100000000000000000000000000000000000000000000000000000000000000");
        var forged = new byte[64];
        forged[0] = 1; // R = identity, S = 0

        var unchecked_ = new PublicKey(Backends.Get(Ed25519Backend.OpenSsl), identity);
        Assert.True(provider.Verify(unchecked_, "any message"u8, forged));

        // Through the algorithm, the signature shape check (R of small order) refuses it even for an unchecked key.
        Assert.False(Backends.Get(Ed25519Backend.OpenSsl).Verify(unchecked_, "any message"u8, forged));
    }

    [Theory]
    [InlineData("edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f")] // y = p
    [InlineData("f0ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f")] // y = p + 3
    [InlineData("ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff")] // y = 2^255 - 1, sign set
    public void Non_canonical_encodings_are_refused(string hex)
    {
        foreach (var backend in Backends.All)
        {
            var error = Assert.Throws<FormatException>(() => PublicKey.Import(Backends.Get(backend), TestData.Hex(hex), KeyBlobFormat.RawPublicKey));
            Assert.Contains("not canonically encoded", error.Message);
        }
    }

    [Fact]
    public void A_y_without_a_point_on_the_curve_is_refused()
    {
        // y = 2 is not the y-coordinate of any point of edwards25519.
        var raw = new byte[32];
        raw[0] = 2;
        var error = Assert.Throws<FormatException>(() => PublicKey.Import(SignatureAlgorithm.Ed25519, raw, KeyBlobFormat.RawPublicKey));
        Assert.Contains("not a point", error.Message);
    }

    [Fact]
    public void Signature_with_S_not_below_the_group_order_is_rejected_on_both_backends()
    {
        foreach (var backend in Backends.All)
        {
            var algorithm = Backends.Get(backend);
            using var key = Key.Create(algorithm);
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
    }

    [Fact]
    public void Default_instance_names_its_backend_and_prefers_libsodium()
    {
        var chosen = SignatureAlgorithm.Ed25519;
        Assert.True(chosen.IsSupported);
        string? forced = Environment.GetEnvironmentVariable(Ed25519SignatureAlgorithm.BackendVariable);
        if (string.IsNullOrEmpty(forced))
        {
            Assert.Equal(Ed25519Backend.Libsodium, chosen.Backend);
        }
        else
        {
            Assert.Equal(forced.Equals("openssl", StringComparison.OrdinalIgnoreCase) ? Ed25519Backend.OpenSsl : Ed25519Backend.Libsodium, chosen.Backend);
        }
    }

    [Fact]
    public void A_key_signs_only_with_its_own_backend_instance_but_public_keys_verify_anywhere()
    {
        var libsodium = Backends.Get(Ed25519Backend.Libsodium);
        var openSsl = Backends.Get(Ed25519Backend.OpenSsl);
        using var key = Key.Create(libsodium);
        Assert.Throws<ArgumentException>(() => openSsl.Sign(key, "x"u8));
        Assert.True(openSsl.Verify(key.PublicKey, "x"u8, libsodium.Sign(key, "x"u8)));
        Assert.Throws<ArgumentException>(() => SignatureAlgorithm.EcdsaP256Sha256.Verify(key.PublicKey, "x"u8, new byte[64]));
    }

    [Theory]
    [InlineData("openssl", Ed25519Backend.OpenSsl)]
    [InlineData("OpenSSL", Ed25519Backend.OpenSsl)]
    [InlineData("libsodium", Ed25519Backend.Libsodium)]
    [InlineData(null, Ed25519Backend.Libsodium)]
    [InlineData("", Ed25519Backend.Libsodium)]
    public void The_backend_variable_chooses_the_backend(string? value, Ed25519Backend expected)
    {
        var chosen = Ed25519SignatureAlgorithm.Choose(value);
        Assert.True(chosen.IsSupported);
        Assert.Equal(expected, chosen.Backend);
        Assert.Same(Ed25519SignatureAlgorithm.ForBackend(expected), chosen);
    }

    [Fact]
    public void An_unusable_backend_reports_IsSupported_false_and_throws_PlatformNotSupportedException()
    {
        var broken = Ed25519SignatureAlgorithm.Choose("bogus");
        Assert.False(broken.IsSupported);
        Assert.Contains("A2AGEN_ED25519_BACKEND='bogus'", broken.UnsupportedReason);

        var error = Assert.Throws<PlatformNotSupportedException>(() => Key.Create(broken));
        Assert.Contains("use 'libsodium' or 'openssl'", error.Message);
        Assert.Throws<PlatformNotSupportedException>(() => PublicKey.Import(broken, new byte[32], KeyBlobFormat.RawPublicKey));
        using var key = Key.Create(SignatureAlgorithm.Ed25519);
        Assert.Throws<PlatformNotSupportedException>(() => broken.Verify(key.PublicKey, "x"u8, new byte[64]));
    }
}
