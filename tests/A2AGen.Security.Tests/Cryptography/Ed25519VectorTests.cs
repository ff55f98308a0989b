using System.Text.Json;
using A2AGen.Security.Tests.Support;

namespace A2AGen.Security.Tests.Cryptography;

/// <summary>RFC 8032 §7.1 and Wycheproof <c>ed25519_test.json</c>.</summary>
public sealed class Ed25519VectorTests
{
    [Theory]
    [InlineData("TEST 1")]
    [InlineData("TEST 2")]
    [InlineData("TEST 3")]
    public void Rfc8032_vector_is_reproduced_byte_for_byte(string name)
    {
        using var json = TestData.Json("rfc", "jose_examples.json");
        var vector = json.RootElement.GetProperty("rfc8032_ed25519").EnumerateArray().Single(v => v.GetProperty("name").GetString() == name);
        var algorithm = SigningAlgorithm.Ed25519;

        using var key = SigningKey.Import(algorithm, TestData.Hex(vector.GetProperty("secretKey").GetString()!), KeyFormat.RawPrivateKey);
        var message = TestData.Hex(vector.GetProperty("message").GetString()!);
        var signature = algorithm.Sign(key, message);

        Assert.Equal(vector.GetProperty("publicKey").GetString(), Convert.ToHexStringLower(key.PublicKey.Export(KeyFormat.RawPublicKey)));
        Assert.Equal(vector.GetProperty("signature").GetString(), Convert.ToHexStringLower(signature));
        Assert.True(algorithm.Verify(key.PublicKey, message, signature));
    }

    private static readonly WycheproofFile Vectors = new("ed25519_test.json");

    public static TheoryData<int> WycheproofCases() => new(Vectors.Cases().Select(c => WycheproofFile.TcId(c.Test)));

    [Fact]
    public void Wycheproof_file_has_the_expected_151_cases()
    {
        Assert.Equal(151, Vectors.Root.GetProperty("numberOfTests").GetInt32());
        Assert.Equal(151, WycheproofCases().Count);
    }

    [Theory]
    [MemberData(nameof(WycheproofCases))]
    public void Wycheproof_case_gives_the_expected_result(int tcId)
    {
        var (group, test) = Vectors.Find(tcId);
        var algorithm = SigningAlgorithm.Ed25519;
        string expected = test.GetProperty("result").GetString()!;

        var rawKey = TestData.Hex(group.GetProperty("publicKey").GetProperty("pk").GetString()!);
        bool accepted = VerificationKey.TryImport(algorithm, rawKey, KeyFormat.RawPublicKey, out var publicKey)
            && algorithm.Verify(
                publicKey,
                TestData.Hex(test.GetProperty("msg").GetString()!),
                TestData.Hex(test.GetProperty("sig").GetString()!));

        Assert.Equal(expected == "valid", accepted);
    }
}
