using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Text;

namespace A2AGen.Security;

/// <summary>
/// PKCS#8 <c>EncryptedPrivateKeyInfo</c> with PBES2 (RFC 8018): PBKDF2 with HMAC-SHA1/256/384/512 and AES-CBC, which
/// is what <c>openssl pkcs8 -topk8</c> and <c>openssl genpkey -aes256</c> write. Decrypted bytes go into pinned arrays
/// the caller zeroes.
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
    private const string HmacSha1Oid = "1.2.840.113549.2.7";
    private const string HmacSha256Oid = "1.2.840.113549.2.9";
    private const string HmacSha384Oid = "1.2.840.113549.2.10";
    private const string HmacSha512Oid = "1.2.840.113549.2.11";
    private const string Aes128CbcOid = "2.16.840.1.101.3.4.1.2";
    private const string Aes192CbcOid = "2.16.840.1.101.3.4.1.22";
    private const string Aes256CbcOid = "2.16.840.1.101.3.4.1.42";

    /// <summary>Decrypts to the inner DER <c>PrivateKeyInfo</c>.</summary>
    /// <exception cref="FormatException">The structure is malformed or uses a scheme A2AGen does not support.</exception>
    /// <exception cref="CryptographicException">The password is wrong (or the file is corrupted).</exception>
    public static byte[] Decrypt(ReadOnlyMemory<byte> der, ReadOnlySpan<char> password)
    {
        string prfOid;
        string cipherOid;
        byte[] salt;
        int iterations;
        int? keyLength;
        byte[] iv;
        byte[] encrypted;
        try
        {
            var outer = new AsnReader(der, AsnEncodingRules.DER);
            var info = outer.ReadSequence();
            outer.ThrowIfNotEmpty();

            var algorithm = info.ReadSequence();
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
            salt = pbkdf2.ReadOctetString();
            if (!pbkdf2.TryReadInt32(out iterations) || iterations < 1 || iterations > MaxIterations)
            {
                throw new FormatException($"The PBKDF2 iteration count must be between 1 and {MaxIterations}.");
            }

            keyLength = null;
            if (pbkdf2.HasData && pbkdf2.PeekTag() == Asn1Tag.Integer)
            {
                if (!pbkdf2.TryReadInt32(out int length))
                {
                    throw new FormatException("The PBKDF2 key length is invalid.");
                }

                keyLength = length;
            }

            prfOid = HmacSha1Oid;
            if (pbkdf2.HasData)
            {
                var prf = pbkdf2.ReadSequence();
                prfOid = prf.ReadObjectIdentifier();
                if (prf.HasData)
                {
                    prf.ReadNull();
                }

                prf.ThrowIfNotEmpty();
            }

            pbkdf2.ThrowIfNotEmpty();
            var cipher = parameters.ReadSequence();
            cipherOid = cipher.ReadObjectIdentifier();
            iv = cipher.ReadOctetString();
            cipher.ThrowIfNotEmpty();
            parameters.ThrowIfNotEmpty();
            algorithm.ThrowIfNotEmpty();
            encrypted = info.ReadOctetString();
            info.ThrowIfNotEmpty();
        }
        catch (AsnContentException e)
        {
            throw new FormatException("The encrypted private key is not valid PKCS#8 DER.", e);
        }

        var hash = prfOid switch
        {
            HmacSha1Oid => HashAlgorithmName.SHA1,
            HmacSha256Oid => HashAlgorithmName.SHA256,
            HmacSha384Oid => HashAlgorithmName.SHA384,
            HmacSha512Oid => HashAlgorithmName.SHA512,
            _ => throw new FormatException($"The PBKDF2 pseudo-random function {prfOid} is not supported (HMAC-SHA1/256/384/512 are)."),
        };
        int aesKeyLength = cipherOid switch
        {
            Aes128CbcOid => 16,
            Aes192CbcOid => 24,
            Aes256CbcOid => 32,
            _ => throw new FormatException(
                $"The private key is encrypted with cipher {cipherOid}; only AES-CBC is supported. Re-encrypt it: openssl pkcs8 -topk8 -v2 aes-256-cbc."),
        };
        if (keyLength is { } declared && declared != aesKeyLength)
        {
            throw new FormatException("The PBKDF2 key length does not match the cipher.");
        }

        if (iv.Length != 16)
        {
            throw new FormatException("The AES-CBC IV must be 16 bytes.");
        }

        var key = GC.AllocateArray<byte>(aesKeyLength, pinned: true);
        var passwordBytes = PasswordBytes(password);
        try
        {
            Rfc2898DeriveBytes.Pbkdf2(passwordBytes, salt, key, iterations, hash);
            using var aes = Aes.Create();
            aes.Key = key;
            var plain = GC.AllocateArray<byte>(encrypted.Length, pinned: true);
            int written;
            try
            {
                written = aes.DecryptCbc(encrypted, iv, plain, PaddingMode.PKCS7);
            }
            catch (CryptographicException)
            {
                CryptographicOperations.ZeroMemory(plain);
                throw WrongPassword();
            }

            var result = GC.AllocateArray<byte>(written, pinned: true);
            plain.AsSpan(0, written).CopyTo(result);
            CryptographicOperations.ZeroMemory(plain);
            return result;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
            CryptographicOperations.ZeroMemory(passwordBytes);
        }
    }

    /// <summary>Encrypts a DER <c>PrivateKeyInfo</c> with PBES2 (PBKDF2-HMAC-SHA256, AES-256-CBC, 16-byte salt).</summary>
    public static byte[] Encrypt(ReadOnlySpan<byte> privateKeyInfo, ReadOnlySpan<char> password, int iterations)
    {
        if (iterations < 1 || iterations > MaxIterations)
        {
            throw new ArgumentOutOfRangeException(nameof(iterations), $"Use between 1 and {MaxIterations} iterations.");
        }

        Span<byte> salt = stackalloc byte[16];
        Span<byte> iv = stackalloc byte[16];
        RandomNumberGenerator.Fill(salt);
        RandomNumberGenerator.Fill(iv);
        var key = GC.AllocateArray<byte>(32, pinned: true);
        var passwordBytes = PasswordBytes(password);
        byte[] encrypted;
        try
        {
            Rfc2898DeriveBytes.Pbkdf2(passwordBytes, salt, key, iterations, HashAlgorithmName.SHA256);
            using var aes = Aes.Create();
            aes.Key = key;
            encrypted = aes.EncryptCbc(privateKeyInfo, iv, PaddingMode.PKCS7);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
            CryptographicOperations.ZeroMemory(passwordBytes);
        }

        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            using (writer.PushSequence())
            {
                writer.WriteObjectIdentifier(Pbes2Oid);
                using (writer.PushSequence())
                {
                    using (writer.PushSequence())
                    {
                        writer.WriteObjectIdentifier(Pbkdf2Oid);
                        using (writer.PushSequence())
                        {
                            writer.WriteOctetString(salt);
                            writer.WriteInteger(iterations);
                            using (writer.PushSequence())
                            {
                                writer.WriteObjectIdentifier(HmacSha256Oid);
                                writer.WriteNull();
                            }
                        }
                    }

                    using (writer.PushSequence())
                    {
                        writer.WriteObjectIdentifier(Aes256CbcOid);
                        writer.WriteOctetString(iv);
                    }
                }
            }

            writer.WriteOctetString(encrypted);
        }

        return writer.Encode();
    }

    private static CryptographicException WrongPassword() =>
        new("The private key could not be decrypted: the password is wrong (or the file is damaged).");

    // PKCS#5 passwords are octet strings; OpenSSL uses the bytes as typed, which is UTF-8 on Linux.
    private static byte[] PasswordBytes(ReadOnlySpan<char> password)
    {
        var bytes = GC.AllocateArray<byte>(Encoding.UTF8.GetByteCount(password), pinned: true);
        Encoding.UTF8.GetBytes(password, bytes);
        return bytes;
    }
}
