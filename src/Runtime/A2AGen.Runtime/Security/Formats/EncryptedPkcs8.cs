using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;

namespace A2AGen.Security;

/// <summary>
/// PKCS#8 <c>EncryptedPrivateKeyInfo</c> through the BCL (<see cref="Pkcs8PrivateKeyInfo"/>): PBES2 with PBKDF2 and
/// AES-CBC, which is what <c>openssl genpkey -aes-256-cbc</c> and <c>openssl pkcs8 -topk8</c> write. Before the BCL
/// decrypts, a short look at the algorithm identifiers enforces A2AGen's policy — AES-CBC only, a bounded iteration
/// count — and says what to do about anything else. Decrypted bytes go into pinned arrays the caller zeroes.
/// </summary>
internal static class EncryptedPkcs8
{
    /// <summary>PBKDF2 iterations used when A2AGen encrypts a key (OWASP 2023 guidance for PBKDF2-HMAC-SHA256).</summary>
    public const int DefaultIterations = 600_000;

    // A hostile file must not make startup spin for minutes.
    private const int MaxIterations = 10_000_000;

    private const string Pbes2Oid = "1.2.840.113549.1.5.13";
    private const string Pbkdf2Oid = "1.2.840.113549.1.5.12";
    private const string ScryptOid = "1.3.6.1.4.1.11591.4.11";
    private const string Aes128CbcOid = "2.16.840.1.101.3.4.1.2";
    private const string Aes192CbcOid = "2.16.840.1.101.3.4.1.22";
    private const string Aes256CbcOid = "2.16.840.1.101.3.4.1.42";

    /// <summary>Decrypts to the inner DER <c>PrivateKeyInfo</c>.</summary>
    /// <exception cref="FormatException">The structure is malformed or uses a scheme A2AGen does not accept.</exception>
    /// <exception cref="CryptographicException">The password is wrong (or the file is damaged).</exception>
    public static byte[] Decrypt(ReadOnlyMemory<byte> der, ReadOnlySpan<char> password)
    {
        CheckScheme(der);
        Pkcs8PrivateKeyInfo info;
        try
        {
            info = Pkcs8PrivateKeyInfo.DecryptAndDecode(password, der, out int read);
            if (read != der.Length)
            {
                throw new FormatException("The encrypted private key has trailing data.");
            }
        }
        catch (CryptographicException)
        {
            // A wrong password fails the padding check, or (about 1 in 256) decrypts to bytes that are not PKCS#8.
            throw WrongPassword();
        }

        var encoded = info.Encode();
        var result = GC.AllocateArray<byte>(encoded.Length, pinned: true);
        encoded.CopyTo(result, 0);
        CryptographicOperations.ZeroMemory(encoded);
        return result;
    }

    /// <summary>Encrypts a DER <c>PrivateKeyInfo</c> with PBES2 (PBKDF2-HMAC-SHA256, AES-256-CBC).</summary>
    public static byte[] Encrypt(ReadOnlyMemory<byte> privateKeyInfo, ReadOnlySpan<char> password, int iterations)
    {
        if (iterations < 1 || iterations > MaxIterations)
        {
            throw new ArgumentOutOfRangeException(nameof(iterations), $"Use between 1 and {MaxIterations} iterations.");
        }

        var info = Pkcs8PrivateKeyInfo.Decode(privateKeyInfo, out _, skipCopy: true);
        return info.Encrypt(password, new PbeParameters(PbeEncryptionAlgorithm.Aes256Cbc, HashAlgorithmName.SHA256, iterations));
    }

    // Policy, not cryptography: which schemes A2AGen accepts and how much work a file may ask for.
    private static void CheckScheme(ReadOnlyMemory<byte> der)
    {
        try
        {
            var outer = new AsnReader(der, AsnEncodingRules.DER);
            var algorithm = outer.ReadSequence().ReadSequence();
            string scheme = algorithm.ReadObjectIdentifier();
            if (scheme != Pbes2Oid)
            {
                throw new FormatException(
                    $"The private key is encrypted with scheme {scheme}; only PBES2 (PBKDF2 + AES-CBC) is supported. Re-encrypt it: openssl pkcs8 -topk8 -v2 aes-256-cbc.");
            }

            var parameters = algorithm.ReadSequence();
            var kdf = parameters.ReadSequence();
            string kdfOid = kdf.ReadObjectIdentifier();
            if (kdfOid != Pbkdf2Oid)
            {
                throw new FormatException(kdfOid == ScryptOid
                    ? "The private key is encrypted with scrypt; only PBKDF2 is supported. Re-encrypt it: openssl pkcs8 -topk8 -v2 aes-256-cbc."
                    : $"The private key uses key derivation {kdfOid}; only PBKDF2 is supported.");
            }

            var pbkdf2 = kdf.ReadSequence();
            pbkdf2.ReadOctetString();
            if (!pbkdf2.TryReadInt32(out int iterations) || iterations < 1 || iterations > MaxIterations)
            {
                throw new FormatException($"The PBKDF2 iteration count must be between 1 and {MaxIterations}.");
            }

            string cipherOid = parameters.ReadSequence().ReadObjectIdentifier();
            if (cipherOid is not (Aes128CbcOid or Aes192CbcOid or Aes256CbcOid))
            {
                throw new FormatException(
                    $"The private key is encrypted with cipher {cipherOid}; only AES-CBC is supported. Re-encrypt it: openssl pkcs8 -topk8 -v2 aes-256-cbc.");
            }
        }
        catch (AsnContentException e)
        {
            throw new FormatException("The encrypted private key is not valid PKCS#8 DER.", e);
        }
    }

    private static CryptographicException WrongPassword() =>
        new("The private key could not be decrypted: the password is wrong (or the file is damaged).");
}
