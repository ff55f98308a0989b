using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace A2AGen.Security;

/// <summary>
/// JWE (RFC 7516) with <c>alg</c> <c>ECDH-ES+A256KW</c> and <c>enc</c> <c>A256GCM</c> only, in compact or JSON
/// (flattened or general, one recipient) serialization. Every header parameter is protected; <c>iss</c> and
/// <c>aud</c> name the sender and recipient agents and <c>kid</c> is the recipient key's RFC 7638 thumbprint.
/// </summary>
public static class Jwe
{
    /// <summary>The only key management algorithm: <c>ECDH-ES+A256KW</c>.</summary>
    public const string KeyManagementAlgorithm = "ECDH-ES+A256KW";

    /// <summary>The only content encryption algorithm: <c>A256GCM</c>.</summary>
    public const string ContentEncryptionAlgorithm = "A256GCM";

    /// <summary>The largest JWE accepted for decryption, in characters.</summary>
    public const int MaxLength = 16 * 1024 * 1024;

    private const int MaxHeaderLength = 4096;
    private const int KeySize = 32;
    private const int IvSize = 12;
    private const int TagSize = 16;

    /// <summary>Encrypts to the compact serialization <c>header.encrypted_key.iv.ciphertext.tag</c>.</summary>
    /// <param name="plaintext">The payload.</param>
    /// <param name="recipient">The recipient's public encryption key.</param>
    /// <param name="issuer">The sender's agent id (protected <c>iss</c>).</param>
    /// <param name="audience">The recipient's agent id (protected <c>aud</c>).</param>
    public static string EncryptCompact(ReadOnlySpan<byte> plaintext, JweEncryptionKey recipient, string issuer, string audience)
    {
        var parts = Encrypt(plaintext, recipient, issuer, audience);
        return string.Join('.', parts.Header, parts.EncryptedKey, parts.Iv, parts.Ciphertext, parts.Tag);
    }

    /// <summary>Encrypts to the JSON serialization, flattened (default) or general with one recipient.</summary>
    /// <param name="plaintext">The payload.</param>
    /// <param name="recipient">The recipient's public encryption key.</param>
    /// <param name="issuer">The sender's agent id (protected <c>iss</c>).</param>
    /// <param name="audience">The recipient's agent id (protected <c>aud</c>).</param>
    /// <param name="general">True for the general form (<c>recipients</c> array).</param>
    public static string EncryptJson(ReadOnlySpan<byte> plaintext, JweEncryptionKey recipient, string issuer, string audience, bool general = false)
    {
        var parts = Encrypt(plaintext, recipient, issuer, audience);
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(parts.Ciphertext.Length + 1024);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("protected", parts.Header);
            if (general)
            {
                writer.WriteStartArray("recipients");
                writer.WriteStartObject();
                writer.WriteString("encrypted_key", parts.EncryptedKey);
                writer.WriteEndObject();
                writer.WriteEndArray();
            }
            else
            {
                writer.WriteString("encrypted_key", parts.EncryptedKey);
            }

            writer.WriteString("iv", parts.Iv);
            writer.WriteString("ciphertext", parts.Ciphertext);
            writer.WriteString("tag", parts.Tag);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Decrypts a compact or JSON JWE (a JSON one starts with <c>{</c>), checking every rule; never throws for bad input.</summary>
    /// <param name="jwe">The JWE.</param>
    /// <param name="key">The recipient's private key.</param>
    public static JweDecryptionResult Decrypt(string jwe, JweDecryptionKey key)
    {
        ArgumentNullException.ThrowIfNull(jwe);
        ArgumentNullException.ThrowIfNull(key);
        if (jwe.Length > MaxLength)
        {
            return JweDecryptionResult.Fail(JweFailure.TooLarge, $"The JWE is longer than {MaxLength} characters.");
        }

        string? error = jwe.StartsWith('{') ? SplitJson(jwe, out var parts) : SplitCompact(jwe, out parts);
        return error is not null ? JweDecryptionResult.Fail(JweFailure.Malformed, error) : DecryptParts(parts, key);
    }

    private static Parts Encrypt(ReadOnlySpan<byte> plaintext, JweEncryptionKey recipient, string issuer, string audience)
    {
        ArgumentNullException.ThrowIfNull(recipient);
        ArgumentException.ThrowIfNullOrEmpty(issuer);
        ArgumentException.ThrowIfNullOrEmpty(audience);
        using var ephemeral = JweDecryptionKey.Generate(recipient.KeyType);
        var z = KeyAgreement.Agree(ephemeral, recipient.KeyType, recipient.RawBytes)
            ?? throw new ArgumentException("The recipient key is not usable for key agreement.", nameof(recipient));
        var header = BuildHeader(ephemeral.PublicKey, recipient.Thumbprint, issuer, audience);
        Span<byte> kek = stackalloc byte[KeySize];
        var cek = new byte[KeySize];
        try
        {
            ConcatKdf.Derive(z, KeyManagementAlgorithm, default, default, kek);
            RandomNumberGenerator.Fill(cek);
            var encryptedKey = AesKeyWrap.Wrap(kek, cek);
            var iv = RandomNumberGenerator.GetBytes(IvSize);
            var ciphertext = new byte[plaintext.Length];
            var tag = new byte[TagSize];
            using (var gcm = new AesGcm(cek, TagSize))
            {
                gcm.Encrypt(iv, plaintext, ciphertext, tag, Encoding.ASCII.GetBytes(header));
            }

            return new Parts(header, StrictBase64Url.Encode(encryptedKey), StrictBase64Url.Encode(iv), StrictBase64Url.Encode(ciphertext), StrictBase64Url.Encode(tag));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(z);
            CryptographicOperations.ZeroMemory(kek);
            CryptographicOperations.ZeroMemory(cek);
        }
    }

    private static string BuildHeader(JweEncryptionKey ephemeral, string kid, string issuer, string audience)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("alg", KeyManagementAlgorithm);
            writer.WriteString("enc", ContentEncryptionAlgorithm);
            writer.WriteString("kid", kid);
            writer.WritePropertyName("epk");
            writer.WriteStartObject();
            ephemeral.WriteMembers(writer);
            writer.WriteEndObject();
            writer.WriteString("iss", issuer);
            writer.WriteString("aud", audience);
            writer.WriteEndObject();
        }

        return StrictBase64Url.Encode(buffer.WrittenSpan);
    }

    private static JweDecryptionResult DecryptParts(Parts parts, JweDecryptionKey key)
    {
        if (parts.Header.Length > MaxHeaderLength)
        {
            return JweDecryptionResult.Fail(JweFailure.TooLarge, $"The protected header is longer than {MaxHeaderLength} characters.");
        }

        if (!StrictBase64Url.TryDecode(parts.Header, out var headerBytes) || !StrictBase64Url.TryDecode(parts.EncryptedKey, out var encryptedKey)
            || !StrictBase64Url.TryDecode(parts.Iv, out var iv) || !StrictBase64Url.TryDecode(parts.Ciphertext, out var ciphertext)
            || !StrictBase64Url.TryDecode(parts.Tag, out var tag))
        {
            return JweDecryptionResult.Fail(JweFailure.Malformed, "A JWE segment is not canonical unpadded base64url.");
        }

        JsonDocument document;
        try
        {
            document = StrictJson.Parse(headerBytes, "protected header");
            StrictJson.RequireObjectWithoutDuplicates(document.RootElement, "protected header");
        }
        catch (FormatException e)
        {
            return JweDecryptionResult.Fail(JweFailure.Malformed, e.Message);
        }

        using (document)
        {
            var header = document.RootElement;
            if (header.TryGetProperty("crit", out _))
            {
                return JweDecryptionResult.Fail(JweFailure.UnknownCritical, "The header has 'crit'; no critical extension is understood.");
            }

            if (header.TryGetProperty("zip", out _))
            {
                return JweDecryptionResult.Fail(JweFailure.CompressionNotAllowed, "The header has 'zip'; compressed payloads are refused.");
            }

            string? alg, enc, kid, iss, aud;
            try
            {
                alg = StrictJson.OptionalString(header, "alg", "protected header");
                enc = StrictJson.OptionalString(header, "enc", "protected header");
                kid = StrictJson.OptionalString(header, "kid", "protected header");
                iss = StrictJson.OptionalString(header, "iss", "protected header");
                aud = StrictJson.OptionalString(header, "aud", "protected header");
            }
            catch (FormatException e)
            {
                return JweDecryptionResult.Fail(JweFailure.Malformed, e.Message);
            }

            if (alg != KeyManagementAlgorithm)
            {
                return JweDecryptionResult.Fail(JweFailure.AlgorithmNotAllowed, $"The 'alg' is '{CallerText.Sanitize(alg)}'; only '{KeyManagementAlgorithm}' is allowed.");
            }

            if (enc != ContentEncryptionAlgorithm)
            {
                return JweDecryptionResult.Fail(JweFailure.EncryptionNotAllowed, $"The 'enc' is '{CallerText.Sanitize(enc)}'; only '{ContentEncryptionAlgorithm}' is allowed.");
            }

            if (kid is null)
            {
                return JweDecryptionResult.Fail(JweFailure.Malformed, "The header has no 'kid'.");
            }

            if (kid != key.PublicKey.Thumbprint)
            {
                return JweDecryptionResult.Fail(JweFailure.WrongRecipient, "The 'kid' is not this recipient's encryption key.");
            }

            if (encryptedKey.Length != KeySize + 8 || iv.Length != IvSize || tag.Length != TagSize)
            {
                return JweDecryptionResult.Fail(JweFailure.Malformed, "The encrypted key must be 40 bytes, the IV 12 and the tag 16.");
            }

            JweEncryptionKey epk;
            try
            {
                if (!header.TryGetProperty("epk", out var epkElement))
                {
                    return JweDecryptionResult.Fail(JweFailure.InvalidEphemeralKey, "The header has no 'epk'.");
                }

                epk = JweEncryptionKey.Parse(epkElement, allowPrivate: false);
            }
            catch (FormatException e)
            {
                return JweDecryptionResult.Fail(JweFailure.InvalidEphemeralKey, $"The 'epk' is not valid: {e.Message}");
            }

            var z = KeyAgreement.Agree(key, epk.KeyType, epk.RawBytes);
            if (z is null)
            {
                return JweDecryptionResult.Fail(JweFailure.InvalidEphemeralKey, "The 'epk' is of another curve than the key, or of small order.");
            }

            Span<byte> kek = stackalloc byte[KeySize];
            var cek = new byte[KeySize];
            try
            {
                ConcatKdf.Derive(z, KeyManagementAlgorithm, Party(header, "apu"), Party(header, "apv"), kek);
                if (!AesKeyWrap.TryUnwrap(kek, encryptedKey, cek))
                {
                    return JweDecryptionResult.Fail(JweFailure.DecryptionFailed, "The content key could not be unwrapped: the JWE was altered or is for another key.");
                }

                var plaintext = new byte[ciphertext.Length];
                try
                {
                    using var gcm = new AesGcm(cek, TagSize);
                    gcm.Decrypt(iv, ciphertext, tag, plaintext, Encoding.ASCII.GetBytes(parts.Header));
                }
                catch (AuthenticationTagMismatchException)
                {
                    return JweDecryptionResult.Fail(JweFailure.DecryptionFailed, "The authentication tag does not match: the header, IV, ciphertext or tag was altered.");
                }

                return JweDecryptionResult.Success(plaintext, iss, aud);
            }
            finally
            {
                CryptographicOperations.ZeroMemory(z);
                CryptographicOperations.ZeroMemory(kek);
                CryptographicOperations.ZeroMemory(cek);
            }
        }
    }

    // apu/apv are protected and authenticated through the tag; a malformed one only yields a wrong key.
    private static byte[] Party(JsonElement header, string name) =>
        header.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && StrictBase64Url.TryDecode(value.GetString(), out var bytes) ? bytes : [];

    private static string? SplitCompact(string jwe, out Parts parts)
    {
        parts = default;
        var segments = jwe.Split('.');
        if (segments.Length != 5)
        {
            return "A compact JWE has five dot-separated segments.";
        }

        parts = new Parts(segments[0], segments[1], segments[2], segments[3], segments[4]);
        return null;
    }

    private static string? SplitJson(string jwe, out Parts parts)
    {
        parts = default;
        try
        {
            using var document = StrictJson.Parse(Encoding.UTF8.GetBytes(jwe), "JWE");
            var root = document.RootElement;
            StrictJson.RequireObjectWithoutDuplicates(root, "JWE");
            foreach (var member in root.EnumerateObject())
            {
                if (member.Name is not ("protected" or "encrypted_key" or "recipients" or "iv" or "ciphertext" or "tag"))
                {
                    return $"The JWE member '{CallerText.Sanitize(member.Name)}' is not allowed; every header parameter must be protected and no 'aad' is used.";
                }
            }

            string? encryptedKey = StrictJson.OptionalString(root, "encrypted_key", "JWE");
            if (root.TryGetProperty("recipients", out var recipients))
            {
                if (encryptedKey is not null || recipients.ValueKind != JsonValueKind.Array || recipients.GetArrayLength() != 1)
                {
                    return "A general JWE must have exactly one recipient and no top-level 'encrypted_key'.";
                }

                var recipient = recipients[0];
                StrictJson.RequireObjectWithoutDuplicates(recipient, "JWE recipient");
                foreach (var member in recipient.EnumerateObject())
                {
                    if (member.Name != "encrypted_key")
                    {
                        return $"The JWE recipient member '{CallerText.Sanitize(member.Name)}' is not allowed; every header parameter must be protected.";
                    }
                }

                encryptedKey = StrictJson.OptionalString(recipient, "encrypted_key", "JWE recipient");
            }

            parts = new Parts(
                StrictJson.RequiredString(root, "protected", "JWE"),
                encryptedKey ?? throw new FormatException("The JWE has no 'encrypted_key'."),
                StrictJson.RequiredString(root, "iv", "JWE"),
                StrictJson.RequiredString(root, "ciphertext", "JWE"),
                StrictJson.RequiredString(root, "tag", "JWE"));
            return null;
        }
        catch (FormatException e)
        {
            return e.Message;
        }
        catch (InvalidOperationException)
        {
            return "The JWE recipient must be a JSON object.";
        }
    }

    private readonly record struct Parts(string Header, string EncryptedKey, string Iv, string Ciphertext, string Tag);
}
