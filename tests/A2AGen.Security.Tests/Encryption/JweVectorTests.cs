using System.Security.Cryptography;
using System.Text;
using A2AGen.Security.Tests.Support;

namespace A2AGen.Security.Tests.Encryption;

/// <summary>The JWE building blocks against their RFC vectors (tests/TestData/rfc/jwe_examples.json).</summary>
public sealed class JweVectorTests
{
    [Fact]
    public void Aes_key_wrap_matches_RFC_3394_section_4_6_and_unwraps_back()
    {
        using var data = TestData.Json("rfc", "jwe_examples.json");
        var vector = data.RootElement.GetProperty("rfc3394_4_6");
        var kek = TestData.Hex(vector.GetProperty("kek").GetString()!);
        var keyData = TestData.Hex(vector.GetProperty("keyData").GetString()!);
        var expected = TestData.Hex(vector.GetProperty("ciphertext").GetString()!);

        Assert.Equal(expected, AesKeyWrap.Wrap(kek, keyData));
        var unwrapped = new byte[keyData.Length];
        Assert.True(AesKeyWrap.TryUnwrap(kek, expected, unwrapped));
        Assert.Equal(keyData, unwrapped);

        expected[5] ^= 1;
        Assert.False(AesKeyWrap.TryUnwrap(kek, expected, unwrapped));
        Assert.All(unwrapped, b => Assert.Equal(0, b));
    }

    [Fact]
    public void Concat_KDF_derives_the_RFC_7518_appendix_C_key_from_the_ECDH_shared_secret()
    {
        using var data = TestData.Json("rfc", "jwe_examples.json");
        var vector = data.RootElement.GetProperty("rfc7518_appendix_c");
        using var bob = JweDecryptionKey.ImportPrivateJwk(Encoding.UTF8.GetBytes(vector.GetProperty("bob").GetRawText()));
        using var alice = JweDecryptionKey.ImportPrivateJwk(Encoding.UTF8.GetBytes(vector.GetProperty("alice_ephemeral").GetRawText()));

        // Both sides reach the same Z through A2AGen's key agreement.
        var z = KeyAgreement.Agree(bob, JweKeyType.P256, alice.PublicKey.RawBytes)!;
        Assert.Equal(z, KeyAgreement.Agree(alice, JweKeyType.P256, bob.PublicKey.RawBytes));

        var derived = new byte[16];
        ConcatKdf.Derive(
            z,
            vector.GetProperty("algorithmId").GetString()!,
            StrictBase64Url.Decode(vector.GetProperty("apu").GetString()),
            StrictBase64Url.Decode(vector.GetProperty("apv").GetString()),
            derived);
        Assert.Equal(vector.GetProperty("derivedKey").GetString(), StrictBase64Url.Encode(derived));
    }

    [Fact]
    public void Concat_KDF_runs_more_than_one_SHA_256_round_for_long_keys()
    {
        var z = RandomNumberGenerator.GetBytes(32);
        var longKey = new byte[48];
        var shortKey = new byte[32];
        ConcatKdf.Derive(z, "X", default, default, longKey);
        ConcatKdf.Derive(z, "X", default, default, shortKey);

        // keydatalen is part of the input, so the 48-byte key does not start with the 32-byte one.
        Assert.NotEqual(shortKey, longKey[..32]);
        Assert.NotEqual(longKey[..16], longKey[32..]);
    }
}
