using System.Text.Json;
using A2AGen.Security.Tests.Support;

namespace A2AGen.Security.Tests.Cryptography;

/// <summary>ES256 through the BCL: Wycheproof P1363 vectors, RFC 7515 A.3 (high S accepted), key handling.</summary>
public sealed class EcdsaP256Tests
{
    private static readonly WycheproofFile Vectors = new("ecdsa_secp256r1_sha256_p1363_test.json");

    public static TheoryData<int> WycheproofCases() => Vectors.CaseIds();

    [Fact]
    public void Wycheproof_file_has_the_expected_262_cases() => Assert.Equal(262, WycheproofCases().Count);

    [Theory]
    [MemberData(nameof(WycheproofCases))]
    public void Wycheproof_case_gives_the_expected_result(int tcId)
    {
        var (group, test) = Vectors.Find(tcId);
        var algorithm = SigningAlgorithm.EcdsaP256Sha256;
        var point = TestData.Hex(group.GetProperty("publicKey").GetProperty("uncompressed").GetString()!);
        bool accepted = VerificationKey.TryImport(algorithm, point, KeyFormat.RawPublicKey, out var key)
            && algorithm.Verify(key, TestData.Hex(test.GetProperty("msg").GetString()!), TestData.Hex(test.GetProperty("sig").GetString()!));
        Assert.Equal(test.GetProperty("result").GetString() == "valid", accepted);
    }

    [Fact]
    public void Sign_then_verify_and_tamper()
    {
        var algorithm = SigningAlgorithm.EcdsaP256Sha256;
        using var key = SigningKey.Create(algorithm);
        var signature = algorithm.Sign(key, "hello"u8);
        Assert.Equal(64, signature.Length);
        Assert.True(algorithm.Verify(key.PublicKey, "hello"u8, signature));
        Assert.False(algorithm.Verify(key.PublicKey, "hellO"u8, signature));
        Assert.False(algorithm.Verify(key.PublicKey, "hello"u8, signature.AsSpan(0, 63)));
    }

    [Fact]
    public void Raw_private_key_round_trips_and_derives_the_public_key()
    {
        var algorithm = SigningAlgorithm.EcdsaP256Sha256;
        using var original = SigningKey.Create(algorithm, new SigningKeyOptions { ExportPolicy = SigningKeyExportPolicies.AllowPlaintextExport });
        var raw = original.Export(KeyFormat.RawPrivateKey);
        using var imported = SigningKey.Import(algorithm, raw, KeyFormat.RawPrivateKey);
        Assert.Equal(original.PublicKey, imported.PublicKey);
        Assert.True(algorithm.Verify(original.PublicKey, "x"u8, algorithm.Sign(imported, "x"u8)));
    }

    [Fact]
    public void Concurrent_verification_with_one_cached_key_is_correct()
    {
        var algorithm = SigningAlgorithm.EcdsaP256Sha256;
        using var key = SigningKey.Create(algorithm);
        var good = algorithm.Sign(key, "payload"u8);
        var bad = good.ToArray();
        bad[10] ^= 1;
        Parallel.For(0, 2000, i =>
        {
            Assert.True(algorithm.Verify(key.PublicKey, "payload"u8, good));
            Assert.False(algorithm.Verify(key.PublicKey, "payload"u8, bad));
        });
    }

    [Fact]
    public void Point_not_on_the_curve_is_refused()
    {
        var point = new byte[65];
        point[0] = 4;
        point[32] = 1;
        point[64] = 1;
        Assert.Throws<FormatException>(() => VerificationKey.Import(SigningAlgorithm.EcdsaP256Sha256, point, KeyFormat.RawPublicKey));
    }
}
