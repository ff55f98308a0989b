using System.Text;

namespace A2AGen.Security.Tests.Cryptography;

/// <summary>
/// Signatures stay byte-identical across Ed25519 implementations: the expected bytes were computed with
/// <c>openssl pkeyutl -sign -rawin</c> (OpenSSL 3.0) and matched by the libsodium/OpenSSL binding A2AGen had before it
/// moved to NSec. Each seed is SHA-256 of <c>"a2agen pinned signature key N"</c> (test keys, nothing else uses them).
/// </summary>
public sealed class Ed25519PinnedSignatureTests
{
    public static TheoryData<string, string, string, string> Cases() => new()
    {
        {
            "f592be14e3a83d1b6647ae5d44d829f7e59a70e3635728fbc8340cbf2319fd77",
            "A2AGen",
            "7bf281bfaaa3d513f904a243c3c393389af98a48a9e6b93d73c3ec538446cf6d",
            "a9d201223bf3e10efe7422411ece913e3f6666eaadc90e88c62985cd54d0fdcd5c6507eb92eff7b918a203967e7ff87347759b9d63966c4e8151e628fa55ae0a"
        },
        {
            "8bf246c8834213c8a3c168fef18e77032b5f5a3edfdfcea837cd880955d00a24",
            "eyJhbGciOiJFZERTQSIsImtpZCI6InBpbiJ9.eyJpc3MiOiJhZ2VudDovL3BpbiJ9",
            "ee766e469152b66f2ccaf2490b7ad31add5aa9793062a66c2f602a7bd5fb6b80",
            "22d2ef7b5ed9f13270428fa84e699b3c35294bc914d9d033c4ff972f26b8744e1af4ba4e8deb4ef7348d356c9bc45af2cd1e67ed51d952f071ba5276ae89260d"
        },
        {
            "a1f59f2263efab43c37b826d09a743e67c16989f6d37261119c08652df8a1cf9",
            new string('x', 1000),
            "b6c8f503a240eb69fb59fc5ac6d1941fad220560d23efe38cb8ee04d368553ef",
            "76890f8a533aa9093b91e59e99320c26b43ff7aaa78b90aca4cd6725ef76cad85c04ddf0e3adbaa8593eb3f2b9a0773ac2a9bfe26ff867fcbab0c003ef438002"
        },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Signature_and_public_key_match_the_pinned_bytes(string seedHex, string message, string publicKeyHex, string signatureHex)
    {
        using var key = SigningKey.Import(SigningAlgorithm.Ed25519, Convert.FromHexString(seedHex), KeyFormat.RawPrivateKey);
        byte[] data = Encoding.UTF8.GetBytes(message);

        byte[] signature = SigningAlgorithm.Ed25519.Sign(key, data);

        Assert.Equal(publicKeyHex, Convert.ToHexStringLower(key.PublicKey.Export(KeyFormat.RawPublicKey)));
        Assert.Equal(signatureHex, Convert.ToHexStringLower(signature));
        Assert.True(SigningAlgorithm.Ed25519.Verify(key.PublicKey, data, signature));
    }
}
