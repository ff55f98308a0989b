using System.Formats.Asn1;
using System.Security.Cryptography;
using A2AGen.Security.Tests.Support;

namespace A2AGen.Security.Tests.Formats;

/// <summary>PEM keys written by the openssl CLI load here, and keys written here load (and verify) in openssl.</summary>
public sealed class OpenSslInteropTests : IDisposable
{
    private readonly OpenSslCli _openssl = new();

    public void Dispose() => _openssl.Dispose();

    [Fact]
    public void Ed25519_key_from_openssl_genpkey_signs_and_openssl_verifies()
    {
        _openssl.Run("genpkey", "-algorithm", "ed25519", "-out", "k.pem");
        _openssl.Run("pkey", "-in", "k.pem", "-pubout", "-out", "pub.pem");
        using var key = SigningKey.ImportPem(_openssl.Read("k.pem"));
        Assert.Equal(SigningAlgorithm.Ed25519, key.Algorithm);
        Assert.Equal(key.PublicKey, VerificationKey.ImportPem(_openssl.Read("pub.pem")));

        var message = "signed by A2AGen, verified by openssl"u8.ToArray();
        _openssl.Write("msg.bin", message);
        _openssl.Write("sig.bin", key.Algorithm.Sign(key, message));
        string output = _openssl.Run("pkeyutl", "-verify", "-pubin", "-inkey", "pub.pem", "-rawin", "-in", "msg.bin", "-sigfile", "sig.bin");
        Assert.Contains("Signature Verified Successfully", output);
    }

    [Fact]
    public void Ed25519_signature_from_openssl_verifies_here()
    {
        _openssl.Run("genpkey", "-algorithm", "ed25519", "-out", "k.pem");
        _openssl.Run("pkey", "-in", "k.pem", "-pubout", "-out", "pub.pem");
        _openssl.Write("msg.bin", "from openssl"u8.ToArray());
        _openssl.Run("pkeyutl", "-sign", "-inkey", "k.pem", "-rawin", "-in", "msg.bin", "-out", "sig.bin");
        var signature = File.ReadAllBytes(_openssl.PathOf("sig.bin"));
        var publicKey = VerificationKey.ImportPem(_openssl.Read("pub.pem"), SigningAlgorithm.Ed25519);
        Assert.True(publicKey.Algorithm.Verify(publicKey, "from openssl"u8, signature));
    }

    [Theory]
    [InlineData("ed25519")]
    [InlineData("p256")]
    public void Key_exported_here_reads_in_openssl_plain_and_encrypted(string type)
    {
        var algorithm = type == "ed25519" ? (SigningAlgorithm)SigningAlgorithm.Ed25519 : SigningAlgorithm.EcdsaP256Sha256;
        using var key = SigningKey.Create(algorithm, new SigningKeyOptions { ExportPolicy = SigningKeyExportPolicies.AllowPlaintextExport });
        _openssl.Write("plain.pem", key.ExportPem());
        _openssl.Write("enc.pem", key.ExportPem("correct horse", iterations: 10_000));
        _openssl.Write("ours.pub.pem", key.PublicKey.ExportPem());

        string fromPlain = _openssl.Run("pkey", "-in", "plain.pem", "-pubout");
        string fromEncrypted = _openssl.Run("pkey", "-in", "enc.pem", "-passin", "pass:correct horse", "-pubout");
        string fromPublic = _openssl.Run("pkey", "-pubin", "-in", "ours.pub.pem", "-pubout");
        Assert.Equal(key.PublicKey.ExportPem(), fromPlain);
        Assert.Equal(key.PublicKey.ExportPem(), fromEncrypted);
        Assert.Equal(key.PublicKey.ExportPem(), fromPublic);

        var (code, _, error) = _openssl.TryRun("pkey", "-in", "enc.pem", "-passin", "pass:wrong", "-pubout");
        Assert.NotEqual(0, code);
        Assert.NotEmpty(error);
    }

    [Fact]
    public void Encrypted_Ed25519_key_from_openssl_needs_the_right_password()
    {
        _openssl.Run("genpkey", "-algorithm", "ed25519", "-aes-256-cbc", "-pass", "pass:s3cret", "-out", "enc.pem");
        string pem = _openssl.Read("enc.pem");
        Assert.Contains("ENCRYPTED PRIVATE KEY", pem);

        using var key = SigningKey.ImportPem(pem, "s3cret");
        string expected = _openssl.Run("pkey", "-in", "enc.pem", "-passin", "pass:s3cret", "-pubout");
        Assert.Equal(expected, key.PublicKey.ExportPem());

        var wrong = Assert.Throws<CryptographicException>(() => SigningKey.ImportPem(pem, "S3cret"));
        Assert.Contains("password is wrong", wrong.Message);
        var missing = Assert.Throws<CryptographicException>(() => SigningKey.ImportPem(pem));
        Assert.Contains("no password", missing.Message);
    }

    [Theory]
    [InlineData("aes-128-cbc", "hmacWithSHA1")]
    [InlineData("aes-192-cbc", "hmacWithSHA384")]
    [InlineData("aes-256-cbc", "hmacWithSHA512")]
    [InlineData("aes-256-cbc", "hmacWithSHA256")]
    public void Pkcs8_topk8_with_PBES2_variants_reads(string cipher, string prf)
    {
        _openssl.Run("genpkey", "-algorithm", "ed25519", "-out", "k.pem");
        _openssl.Run("pkcs8", "-topk8", "-in", "k.pem", "-v2", cipher, "-v2prf", prf, "-passout", "pass:pw", "-out", "enc.pem");
        using var plain = SigningKey.ImportPem(_openssl.Read("k.pem"));
        using var decrypted = SigningKey.ImportPem(_openssl.Read("enc.pem"), "pw");
        Assert.Equal(plain.PublicKey, decrypted.PublicKey);
    }

    [Fact]
    public void Unsupported_encryption_schemes_are_refused_with_what_to_do()
    {
        _openssl.Run("genpkey", "-algorithm", "ed25519", "-out", "k.pem");
        _openssl.Run("pkcs8", "-topk8", "-in", "k.pem", "-scrypt", "-passout", "pass:pw", "-out", "scrypt.pem");
        var scrypt = Assert.Throws<FormatException>(() => SigningKey.ImportPem(_openssl.Read("scrypt.pem"), "pw"));
        Assert.Contains("scrypt", scrypt.Message);
        Assert.Contains("openssl pkcs8 -topk8 -v2 aes-256-cbc", scrypt.Message);

        _openssl.Run("pkcs8", "-topk8", "-in", "k.pem", "-v2", "des3", "-passout", "pass:pw", "-out", "des3.pem");
        var des3 = Assert.Throws<FormatException>(() => SigningKey.ImportPem(_openssl.Read("des3.pem"), "pw"));
        Assert.Contains("only AES-CBC", des3.Message);
    }

    [Fact]
    public void P256_key_from_openssl_ecparam_in_SEC1_and_PKCS8_forms_signs_and_openssl_verifies()
    {
        _openssl.Run("ecparam", "-genkey", "-name", "prime256v1", "-out", "ec.pem");
        _openssl.Run("pkcs8", "-topk8", "-nocrypt", "-in", "ec.pem", "-out", "ec.p8.pem");
        _openssl.Run("pkcs8", "-topk8", "-in", "ec.pem", "-passout", "pass:pw", "-out", "ec.enc.pem");
        _openssl.Run("pkey", "-in", "ec.pem", "-pubout", "-out", "pub.pem");
        Assert.Contains("EC PARAMETERS", _openssl.Read("ec.pem"));

        using var sec1 = SigningKey.ImportPem(_openssl.Read("ec.pem"));
        using var pkcs8 = SigningKey.ImportPem(_openssl.Read("ec.p8.pem"));
        using var encrypted = SigningKey.ImportPem(_openssl.Read("ec.enc.pem"), "pw");
        var publicKey = VerificationKey.ImportPem(_openssl.Read("pub.pem"));
        Assert.Equal(SigningAlgorithm.EcdsaP256Sha256, sec1.Algorithm);
        Assert.Equal(publicKey, sec1.PublicKey);
        Assert.Equal(publicKey, pkcs8.PublicKey);
        Assert.Equal(publicKey, encrypted.PublicKey);

        var message = "ES256 interop"u8.ToArray();
        _openssl.Write("msg.bin", message);
        _openssl.Write("sig.der", P1363ToDer(sec1.Algorithm.Sign(sec1, message)));
        Assert.Contains("Verified OK", _openssl.Run("dgst", "-sha256", "-verify", "pub.pem", "-signature", "sig.der", "msg.bin"));
    }

    [Fact]
    public void Keys_of_other_types_are_refused_by_name()
    {
        _openssl.Run("ecparam", "-genkey", "-name", "secp384r1", "-noout", "-out", "p384.pem");
        _openssl.Run("pkey", "-in", "p384.pem", "-pubout", "-out", "p384.pub.pem");
        _openssl.Run("genpkey", "-algorithm", "ed448", "-out", "ed448.pem");
        _openssl.Run("genpkey", "-algorithm", "rsa", "-pkeyopt", "rsa_keygen_bits:1024", "-out", "rsa.pem");

        Assert.Contains("only P-256", Assert.Throws<FormatException>(() => SigningKey.ImportPem(_openssl.Read("p384.pem"))).Message);
        Assert.Contains("only P-256", Assert.Throws<FormatException>(() => VerificationKey.ImportPem(_openssl.Read("p384.pub.pem"))).Message);
        Assert.Contains("Ed448", Assert.Throws<FormatException>(() => SigningKey.ImportPem(_openssl.Read("ed448.pem"))).Message);
        Assert.Contains("RSA", Assert.Throws<FormatException>(() => SigningKey.ImportPem(_openssl.Read("rsa.pem"))).Message);
    }

    [Fact]
    public void A_private_key_where_a_public_key_is_expected_is_refused()
    {
        _openssl.Run("genpkey", "-algorithm", "ed25519", "-out", "k.pem");
        var error = Assert.Throws<FormatException>(() => VerificationKey.ImportPem(_openssl.Read("k.pem")));
        Assert.Contains("private key", error.Message);
    }

    [Fact]
    public void Pkcs8_v2_with_a_mismatched_public_key_is_refused()
    {
        using var a = SigningKey.Create(SigningAlgorithm.Ed25519, new SigningKeyOptions { ExportPolicy = SigningKeyExportPolicies.AllowPlaintextExport });
        using var b = SigningKey.Create(SigningAlgorithm.Ed25519);
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            writer.WriteInteger(1);
            using (writer.PushSequence())
            {
                writer.WriteObjectIdentifier("1.3.101.112");
            }

            var inner = new AsnWriter(AsnEncodingRules.DER);
            inner.WriteOctetString(a.Export(KeyFormat.RawPrivateKey));
            writer.WriteOctetString(inner.Encode());
            writer.WriteBitString(b.PublicKey.Export(KeyFormat.RawPublicKey), tag: new Asn1Tag(TagClass.ContextSpecific, 1));
        }

        var error = Assert.Throws<FormatException>(() => SigningKey.Import(SigningAlgorithm.Ed25519, writer.Encode(), KeyFormat.PkixPrivateKey));
        Assert.Contains("does not belong", error.Message);

        // openssl reads the matching v2 form.
        var good = new AsnWriter(AsnEncodingRules.DER);
        using (good.PushSequence())
        {
            good.WriteInteger(1);
            using (good.PushSequence())
            {
                good.WriteObjectIdentifier("1.3.101.112");
            }

            var inner = new AsnWriter(AsnEncodingRules.DER);
            inner.WriteOctetString(a.Export(KeyFormat.RawPrivateKey));
            good.WriteOctetString(inner.Encode());
            good.WriteBitString(a.PublicKey.Export(KeyFormat.RawPublicKey), tag: new Asn1Tag(TagClass.ContextSpecific, 1));
        }

        using var v2 = SigningKey.Import(SigningAlgorithm.Ed25519, good.Encode(), KeyFormat.PkixPrivateKey);
        Assert.Equal(a.PublicKey, v2.PublicKey);
    }

    private static byte[] P1363ToDer(byte[] signature)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            writer.WriteIntegerUnsigned(signature.AsSpan(0, 32));
            writer.WriteIntegerUnsigned(signature.AsSpan(32, 32));
        }

        return writer.Encode();
    }
}
