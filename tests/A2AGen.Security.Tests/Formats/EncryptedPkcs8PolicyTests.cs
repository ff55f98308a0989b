using System.Formats.Asn1;

namespace A2AGen.Security.Tests.Formats;

/// <summary>
/// The checks A2AGen makes before the BCL decrypts an <c>ENCRYPTED PRIVATE KEY</c>: a hostile iteration count and
/// schemes other than PBES2 are refused with a message, without deriving anything.
/// </summary>
public sealed class EncryptedPkcs8PolicyTests
{
    [Fact]
    public void An_iteration_count_above_ten_million_is_refused_before_any_work()
    {
        string pem = PemOf(Pbes2(iterations: int.MaxValue));

        var error = Assert.Throws<FormatException>(() => SigningKey.ImportPem(pem, "pw"));
        Assert.Equal("The PBKDF2 iteration count must be between 1 and 10000000.", error.Message);
    }

    [Fact]
    public void A_scheme_other_than_PBES2_is_refused_with_what_to_do()
    {
        // pbeWithSHA1And3-KeyTripleDES-CBC (PKCS#12), which openssl writes with -v1.
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            using (writer.PushSequence())
            {
                writer.WriteObjectIdentifier("1.2.840.113549.1.12.1.3");
                using (writer.PushSequence())
                {
                    writer.WriteOctetString(new byte[8]);
                    writer.WriteInteger(2048);
                }
            }

            writer.WriteOctetString(new byte[48]);
        }

        var error = Assert.Throws<FormatException>(() => SigningKey.ImportPem(PemOf(writer.Encode()), "pw"));
        Assert.Contains("only PBES2", error.Message);
        Assert.Contains("openssl pkcs8 -topk8 -v2 aes-256-cbc", error.Message);
    }

    [Fact]
    public void A_key_encrypted_here_decrypts_only_with_its_password()
    {
        using var key = SigningKey.Create(SigningAlgorithm.Ed25519, new SigningKeyOptions { ExportPolicy = SigningKeyExportPolicies.AllowPlaintextExport });
        string pem = key.ExportPem("right", iterations: 1000);

        using var back = SigningKey.ImportPem(pem, "right");
        Assert.Equal(key.PublicKey, back.PublicKey);
        var wrong = Assert.Throws<System.Security.Cryptography.CryptographicException>(() => SigningKey.ImportPem(pem, "wrong"));
        Assert.Equal("The private key could not be decrypted: the password is wrong (or the file is damaged).", wrong.Message);
    }

    private static byte[] Pbes2(int iterations)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            using (writer.PushSequence())
            {
                writer.WriteObjectIdentifier("1.2.840.113549.1.5.13");
                using (writer.PushSequence())
                {
                    using (writer.PushSequence())
                    {
                        writer.WriteObjectIdentifier("1.2.840.113549.1.5.12");
                        using (writer.PushSequence())
                        {
                            writer.WriteOctetString(new byte[16]);
                            writer.WriteInteger(iterations);
                        }
                    }

                    using (writer.PushSequence())
                    {
                        writer.WriteObjectIdentifier("2.16.840.1.101.3.4.1.42");
                        writer.WriteOctetString(new byte[16]);
                    }
                }
            }

            writer.WriteOctetString(new byte[48]);
        }

        return writer.Encode();
    }

    private static string PemOf(byte[] der) => new(System.Security.Cryptography.PemEncoding.Write("ENCRYPTED PRIVATE KEY", der));
}
