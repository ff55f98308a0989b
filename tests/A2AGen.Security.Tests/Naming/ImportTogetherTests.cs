using System.Security.Cryptography;
using A2AGen.Security;
using NSec.Cryptography;

// Outside A2AGen.Security on purpose: inside it the facade's names would win over the imports and hide a clash.
namespace A2AGen.Tests.Naming;

/// <summary>
/// A file can import <c>A2AGen.Security</c>, <c>NSec.Cryptography</c> and <c>System.Security.Cryptography</c> together:
/// this file compiles with all three and names the facade's, NSec's and the BCL's key types unqualified.
/// </summary>
public sealed class ImportTogetherTests
{
    [Fact]
    public void Facade_NSec_and_BCL_key_types_are_used_side_by_side_without_qualification()
    {
        byte[] seed = Convert.FromHexString("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");
        byte[] message = "side by side"u8.ToArray();

        SigningAlgorithm facadeAlgorithm = SigningAlgorithm.Ed25519;
        using SigningKey facadeKey = SigningKey.Import(facadeAlgorithm, seed, KeyFormat.RawPrivateKey, new SigningKeyOptions { ExportPolicy = SigningKeyExportPolicies.None });
        VerificationKey facadeVerificationKey = facadeKey.PublicKey;

        SignatureAlgorithm nsecAlgorithm = SignatureAlgorithm.Ed25519;
        using Key nsecKey = Key.Import(nsecAlgorithm, seed, KeyBlobFormat.RawPrivateKey, new KeyCreationParameters { ExportPolicy = KeyExportPolicies.None });
        PublicKey nsecPublicKey = nsecKey.PublicKey;

        using ECDsa bclKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        byte[] bclSignature = bclKey.SignData(message, HashAlgorithmName.SHA256);

        // One function under two names: the same bytes from the facade and from NSec.
        byte[] fromFacade = facadeAlgorithm.Sign(facadeKey, message);
        Assert.Equal(nsecAlgorithm.Sign(nsecKey, message), fromFacade);
        Assert.True(nsecAlgorithm.Verify(nsecPublicKey, message, fromFacade));
        Assert.True(facadeAlgorithm.Verify(facadeVerificationKey, message, fromFacade));
        Assert.True(bclKey.VerifyData(message, bclSignature, HashAlgorithmName.SHA256));
    }

    [Fact]
    public void No_public_type_of_A2AGen_Security_shares_a_name_with_NSec_or_the_BCL_cryptography_namespaces()
    {
        var ours = typeof(SigningKey).Assembly.GetExportedTypes().Where(t => t.Namespace == "A2AGen.Security").Select(t => t.Name).ToHashSet();
        var theirs = new[] { typeof(Key).Assembly, typeof(ECDsa).Assembly, typeof(System.Security.Cryptography.Pkcs.Pkcs8PrivateKeyInfo).Assembly }
            .SelectMany(a => a.GetExportedTypes())
            .Where(t => t.Namespace is "NSec.Cryptography" || t.Namespace?.StartsWith("System.Security.Cryptography", StringComparison.Ordinal) == true)
            .Select(t => t.Name);

        Assert.Contains("VerificationKey", ours);
        Assert.Empty(ours.Intersect(theirs).Order());
    }
}
