using System.Text.Json;
using A2AGen.Protocol;
using A2AGen.Protocol.Serialization;

namespace A2AGen.Security;

/// <summary>
/// Message parts encrypted with <see cref="Jwe"/> (the encryption extension, <c>urn:a2agen:ext:encryption:v1</c>): the
/// plaintext is the original part's ProtoJSON (content, media type, filename and metadata alike), carried as a text part
/// with media type <see cref="CompactMediaType"/> (compact serialization) or a data part with <see cref="JsonMediaType"/>
/// (flattened JSON serialization). The JWE's protected <c>iss</c> names the sender and <c>aud</c> the recipient agent.
/// </summary>
public static class EncryptedParts
{
    /// <summary>The media type of a part holding a compact JWE (RFC 7516 §9.2.1).</summary>
    public const string CompactMediaType = "application/jose";

    /// <summary>The media type of a part holding a JSON-serialized JWE (RFC 7516 §9.2.2).</summary>
    public const string JsonMediaType = "application/jose+json";

    /// <summary>Whether <paramref name="part"/> is an encrypted part (by its media type).</summary>
    /// <param name="part">The part.</param>
    public static bool IsEncrypted(Part part)
    {
        ArgumentNullException.ThrowIfNull(part);
        return string.Equals(part.MediaType, CompactMediaType, StringComparison.OrdinalIgnoreCase)
            || string.Equals(part.MediaType, JsonMediaType, StringComparison.OrdinalIgnoreCase);
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

    /// <summary>Encrypts one part to <paramref name="recipient"/>.</summary>
    /// <param name="part">The plaintext part.</param>
    /// <param name="recipient">The recipient's published encryption key.</param>
    /// <param name="issuer">The sender's agent id (protected <c>iss</c>).</param>
    /// <param name="audience">The recipient's agent id (protected <c>aud</c>).</param>
    /// <param name="json">True for the flattened JSON serialization in a data part; false (default) for the compact one in a text part.</param>
    public static Part Encrypt(Part part, JweEncryptionKey recipient, string issuer, string audience, bool json = false)
    {
        ArgumentNullException.ThrowIfNull(part);
        if (IsEncrypted(part))
        {
            throw new ArgumentException("The part is already encrypted.", nameof(part));
        }

        var plaintext = A2AJson.SerializeToUtf8Bytes(part);
        if (!json)
        {
            return new Part { Text = Jwe.EncryptCompact(plaintext, recipient, issuer, audience), MediaType = CompactMediaType };
        }

        using var document = JsonDocument.Parse(Jwe.EncryptJson(plaintext, recipient, issuer, audience));
        return new Part { Data = document.RootElement.Clone(), MediaType = JsonMediaType };
    }

    /// <summary>Encrypts every part of <paramref name="parts"/> (see <see cref="Encrypt(Part, JweEncryptionKey, string, string, bool)"/>).</summary>
    /// <param name="parts">The plaintext parts.</param>
    /// <param name="recipient">The recipient's published encryption key.</param>
    /// <param name="issuer">The sender's agent id.</param>
    /// <param name="audience">The recipient's agent id.</param>
    public static Part[] EncryptAll(IReadOnlyList<Part> parts, JweEncryptionKey recipient, string issuer, string audience)
    {
        ArgumentNullException.ThrowIfNull(parts);
        var encrypted = new Part[parts.Count];
        for (var i = 0; i < encrypted.Length; i++)
        {
            encrypted[i] = Encrypt(parts[i], recipient, issuer, audience);
        }

        return encrypted;
    }

    /// <summary>
    /// Decrypts an encrypted part with the key its <c>kid</c> names among <paramref name="keys"/> (the first key when none
    /// matches, which then fails as <see cref="JweFailure.WrongRecipient"/>), and reads the original part back: it must
    /// have exactly one content member and must not itself be encrypted. Never throws for bad input.
    /// </summary>
    /// <param name="part">The encrypted part.</param>
    /// <param name="keys">The recipient's decryption keys (current and retired).</param>
    public static EncryptedPartResult Decrypt(Part part, IReadOnlyList<JweDecryptionKey> keys)
    {
        ArgumentNullException.ThrowIfNull(part);
        ArgumentNullException.ThrowIfNull(keys);
        if (keys.Count == 0)
        {
            return EncryptedPartResult.Fail(JweFailure.WrongRecipient, "The recipient has no encryption key.");
        }

        string? jwe = string.Equals(part.MediaType, CompactMediaType, StringComparison.OrdinalIgnoreCase)
            ? part.Text
            : part.Data is { ValueKind: JsonValueKind.Object } data ? data.GetRawText() : null;
        if (jwe is null || part.ContentCount != 1)
        {
            return EncryptedPartResult.Fail(JweFailure.Malformed,
                $"An encrypted part is a text part with media type {CompactMediaType} or a data part (a JSON object) with {JsonMediaType}.");
        }

        var result = Jwe.Decrypt(jwe, KeyFor(jwe, keys));
        if (!result.Succeeded)
        {
            return EncryptedPartResult.Fail(result.Failure, result.Reason);
        }

        Part? inner;
        try
        {
            inner = A2AJson.Deserialize<Part>(result.Plaintext);
        }
        catch (JsonException)
        {
            inner = null;
        }

        if (inner is null || inner.ContentCount != 1 || IsEncrypted(inner))
        {
            return EncryptedPartResult.Fail(JweFailure.Malformed, "The decrypted payload is not one part (exactly one of text, raw, url, data; not itself encrypted).");
        }

        return EncryptedPartResult.Success(inner, result.Issuer, result.Audience);
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
            string header;
            if (jwe.StartsWith('{'))
            {
                using var document = JsonDocument.Parse(jwe);
                header = document.RootElement.TryGetProperty("protected", out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : "";
            }
            else
            {
                var dot = jwe.IndexOf('.');
                header = dot < 0 ? "" : jwe[..dot];
            }

            if (header.Length is > 0 and <= 4096 && StrictBase64Url.TryDecode(header, out var bytes))
            {
                using var document = JsonDocument.Parse(bytes);
                if (document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("kid", out var kid) && kid.ValueKind == JsonValueKind.String)
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
