using System.Buffers;
using System.Text.Json;
using A2AGen.Protocol;
using A2AGen.Protocol.Serialization;

namespace A2AGen.Security;

/// <summary>
/// Encrypted message content (the encryption extension, <c>urn:a2agen:ext:encryption:v1</c>; the shape DESIGN §13
/// fixes): a message's whole <c>parts</c> array — or an answer's, an artifact's or an agent message's — becomes exactly
/// one data part with media type <see cref="MediaType"/> holding a JWE in the flattened JSON serialization, whose
/// plaintext is the RFC 8785 form of the original parts array (each part's ProtoJSON: content, media type, filename,
/// metadata). The JWE's protected <c>iss</c> names the sender and <c>aud</c> the recipient agent.
/// </summary>
public static class EncryptedParts
{
    /// <summary>The media type of the encrypted part: a JSON-serialized JWE (RFC 7516 §9.2.2).</summary>
    public const string MediaType = "application/jose+json";

    // The compact JWE media type (RFC 7516 §9.2.1) is recognised only to refuse it with a reason, not read as plaintext.
    private const string CompactMediaType = "application/jose";

    /// <summary>
    /// Whether <paramref name="part"/> claims to be encrypted, by its media type (<see cref="MediaType"/>, or
    /// <c>application/jose</c>, which <see cref="Decrypt"/> refuses: the contract carries the JSON serialization only).
    /// </summary>
    /// <param name="part">The part.</param>
    public static bool IsEncrypted(Part part)
    {
        ArgumentNullException.ThrowIfNull(part);
        return string.Equals(part.MediaType, MediaType, StringComparison.OrdinalIgnoreCase)
            || string.Equals(part.MediaType, CompactMediaType, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Whether any part of <paramref name="parts"/> is encrypted.</summary>
    /// <param name="parts">The parts.</param>
    public static bool AnyEncrypted(IReadOnlyList<Part>? parts)
    {
        if (parts is null)
        {
            return false;
        }

        foreach (var part in parts)
        {
            if (part is not null && IsEncrypted(part))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Encrypts a whole parts array to <paramref name="recipient"/> as the one encrypted part that replaces it.</summary>
    /// <param name="parts">The plaintext parts (at least one, none encrypted).</param>
    /// <param name="recipient">The recipient's published encryption key.</param>
    /// <param name="issuer">The sender's agent id (protected <c>iss</c>).</param>
    /// <param name="audience">The recipient's agent id (protected <c>aud</c>).</param>
    public static Part Encrypt(IReadOnlyList<Part> parts, JweEncryptionKey recipient, string issuer, string audience)
    {
        ArgumentNullException.ThrowIfNull(parts);
        if (parts.Count == 0)
        {
            throw new ArgumentException("There is nothing to encrypt: the parts array is empty.", nameof(parts));
        }

        if (AnyEncrypted(parts))
        {
            throw new ArgumentException("A part is already encrypted.", nameof(parts));
        }

        var plaintext = CanonicalPlaintext(parts);
        using var document = JsonDocument.Parse(Jwe.EncryptJson(plaintext, recipient, issuer, audience));
        return new Part { Data = document.RootElement.Clone(), MediaType = MediaType };
    }

    /// <summary>The JWE plaintext for <paramref name="parts"/>: the RFC 8785 form of the parts array's ProtoJSON.</summary>
    /// <param name="parts">The plaintext parts.</param>
    public static byte[] CanonicalPlaintext(IReadOnlyList<Part> parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var part in parts)
            {
                A2AJson.Serialize(writer, part);
            }

            writer.WriteEndArray();
        }

        return JsonCanonicalizer.Canonicalize(buffer.WrittenSpan);
    }

    /// <summary>
    /// Decrypts an encrypted part with the key its <c>kid</c> names among <paramref name="keys"/> (the first key when none
    /// matches, which then fails as <see cref="JweFailure.WrongRecipient"/>), and reads the original parts array back: it
    /// must be in RFC 8785 form, hold at least one part, and each part must have exactly one content member and not
    /// itself be encrypted. Never throws for bad input.
    /// </summary>
    /// <param name="part">The encrypted part.</param>
    /// <param name="keys">The recipient's decryption keys (current and retired).</param>
    public static EncryptedPartsResult Decrypt(Part part, IReadOnlyList<JweDecryptionKey> keys)
    {
        ArgumentNullException.ThrowIfNull(part);
        ArgumentNullException.ThrowIfNull(keys);
        if (keys.Count == 0)
        {
            return EncryptedPartsResult.Fail(JweFailure.WrongRecipient, "The recipient has no encryption key.");
        }

        if (!string.Equals(part.MediaType, MediaType, StringComparison.OrdinalIgnoreCase)
            || part.ContentCount != 1 || part.Data is not { ValueKind: JsonValueKind.Object } data)
        {
            return EncryptedPartsResult.Fail(JweFailure.Malformed,
                $"An encrypted part is a data part with media type {MediaType} holding a JWE in JSON serialization (a JSON object); a compact JWE in a text part is not accepted.");
        }

        var jwe = data.GetRawText();
        var result = Jwe.Decrypt(jwe, KeyFor(jwe, keys));
        if (!result.Succeeded)
        {
            return EncryptedPartsResult.Fail(result.Failure, result.Reason);
        }

        return ReadParts(result.Plaintext) is { } parts
            ? EncryptedPartsResult.Success(parts, result.Issuer, result.Audience)
            : EncryptedPartsResult.Fail(JweFailure.Malformed,
                "The decrypted payload is not the RFC 8785 form of a parts array (at least one part, each with exactly one of text, raw, url, data, none itself encrypted).");
    }

    private static Part[]? ReadParts(ReadOnlySpan<byte> plaintext)
    {
        if (!JsonCanonicalizer.IsCanonical(plaintext))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(plaintext.ToArray());
            if (document.RootElement is not { ValueKind: JsonValueKind.Array } array || array.GetArrayLength() == 0)
            {
                return null;
            }

            var parts = new Part[array.GetArrayLength()];
            var i = 0;
            foreach (var element in array.EnumerateArray())
            {
                if (element.ValueKind != JsonValueKind.Object || A2AJson.Deserialize<Part>(element) is not { ContentCount: 1 } part || IsEncrypted(part))
                {
                    return null;
                }

                parts[i++] = part;
            }

            return parts;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    // The kid is read from the protected header without trusting it: Jwe.Decrypt checks it again against the key chosen.
    private static JweDecryptionKey KeyFor(string jwe, IReadOnlyList<JweDecryptionKey> keys)
    {
        if (keys.Count == 1)
        {
            return keys[0];
        }

        try
        {
            using var document = JsonDocument.Parse(jwe);
            var header = document.RootElement.TryGetProperty("protected", out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : "";
            if (header.Length is > 0 and <= 4096 && StrictBase64Url.TryDecode(header, out var bytes))
            {
                using var headerDocument = JsonDocument.Parse(bytes);
                if (headerDocument.RootElement.ValueKind == JsonValueKind.Object && headerDocument.RootElement.TryGetProperty("kid", out var kid) && kid.ValueKind == JsonValueKind.String)
                {
                    foreach (var key in keys)
                    {
                        if (kid.ValueEquals(key.PublicKey.Thumbprint))
                        {
                            return key;
                        }
                    }
                }
            }
        }
        catch (JsonException)
        {
            // Jwe.Decrypt reports the malformed JWE with its reason.
        }

        return keys[0];
    }
}
