using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace A2AGen.Security;

/// <summary>
/// A public JWE recipient key (<c>use: "enc"</c>): <c>{"kty":"OKP","crv":"X25519","x"}</c> or
/// <c>{"kty":"EC","crv":"P-256","x","y"}</c>. P-256 points are checked to lie on the curve when parsed.
/// </summary>
public sealed class JweEncryptionKey
{
    private readonly byte[] raw;

    internal JweEncryptionKey(JweKeyType keyType, byte[] raw)
    {
        KeyType = keyType;
        this.raw = raw;
        Thumbprint = StrictBase64Url.Encode(SHA256.HashData(Encoding.UTF8.GetBytes(ThumbprintInput())));
    }

    /// <summary>The curve.</summary>
    public JweKeyType KeyType { get; }

    /// <summary>The RFC 7638 SHA-256 thumbprint (base64url); JWEs to this key carry it as <c>kid</c>.</summary>
    public string Thumbprint { get; }

    /// <summary>The raw public key: 32 bytes (X25519) or an uncompressed 65-byte point (P-256).</summary>
    internal ReadOnlySpan<byte> RawBytes => raw;

    /// <summary>Parses a public encryption JWK. <c>use</c>, if present, must be <c>enc</c>; <c>alg</c>, if present, <c>ECDH-ES+A256KW</c>.</summary>
    /// <param name="utf8Json">The JWK as UTF-8 JSON.</param>
    /// <exception cref="FormatException">The JWK is malformed, private, of another type, or not a valid point (the message says which).</exception>
    public static JweEncryptionKey Parse(ReadOnlySpan<byte> utf8Json)
    {
        using var document = StrictJson.Parse(utf8Json, "JWK");
        return Parse(document.RootElement, allowPrivate: false);
    }

    /// <summary>Writes the public JWK: <c>alg, crv, kid, kty, use:"enc", x[, y]</c>.</summary>
    public string ToJson()
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("alg", Jwe.KeyManagementAlgorithm);
            writer.WriteString("kid", Thumbprint);
            writer.WriteString("use", "enc");
            WriteMembers(writer);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <inheritdoc />
    public override string ToString() => ToJson();

    internal void WriteMembers(Utf8JsonWriter writer)
    {
        if (KeyType == JweKeyType.X25519)
        {
            writer.WriteString("crv", "X25519");
            writer.WriteString("kty", "OKP");
            writer.WriteString("x", StrictBase64Url.Encode(raw));
        }
        else
        {
            writer.WriteString("crv", "P-256");
            writer.WriteString("kty", "EC");
            writer.WriteString("x", StrictBase64Url.Encode(raw.AsSpan(1, 32)));
            writer.WriteString("y", StrictBase64Url.Encode(raw.AsSpan(33, 32)));
        }
    }

    internal static JweEncryptionKey Parse(JsonElement element, bool allowPrivate)
    {
        StrictJson.RequireObjectWithoutDuplicates(element, "JWK");
        if (!allowPrivate && element.TryGetProperty("d", out _))
        {
            throw new FormatException("The JWK contains the private member 'd'; a public key is expected.");
        }

        string kty = StrictJson.RequiredString(element, "kty", "JWK");
        string? crv = StrictJson.OptionalString(element, "crv", "JWK");
        string? use = StrictJson.OptionalString(element, "use", "JWK");
        if (use is not null && use != "enc")
        {
            throw new FormatException($"The JWK 'use' is '{CallerText.Sanitize(use)}'; only encryption keys (use \"enc\") are accepted.");
        }

        string? alg = StrictJson.OptionalString(element, "alg", "JWK");
        if (alg is not null && alg != Jwe.KeyManagementAlgorithm)
        {
            throw new FormatException($"The JWK 'alg' is '{CallerText.Sanitize(alg)}', which is not allowed for an encryption key; only '{Jwe.KeyManagementAlgorithm}' is.");
        }

        switch (kty, crv)
        {
            case ("OKP", "X25519"):
                if (element.TryGetProperty("y", out _))
                {
                    throw new FormatException("An OKP JWK has no member 'y'.");
                }

                return new JweEncryptionKey(JweKeyType.X25519, Coordinate(element, "x"));
            case ("EC", "P-256"):
                var point = new byte[65];
                point[0] = 0x04;
                Coordinate(element, "x").CopyTo(point, 1);
                Coordinate(element, "y").CopyTo(point, 33);
                if (!KeyAgreement.IsOnCurve(point))
                {
                    throw new FormatException("The JWK's P-256 point is not on the curve.");
                }

                return new JweEncryptionKey(JweKeyType.P256, point);
            default:
                throw new FormatException($"The key type '{CallerText.Sanitize(kty)}'/'{CallerText.Sanitize(crv)}' is not an encryption key; use OKP/X25519 or EC/P-256.");
        }
    }

    private static byte[] Coordinate(JsonElement element, string name)
    {
        string value = StrictJson.RequiredString(element, name, "JWK");
        if (!StrictBase64Url.TryDecode(value, out var bytes) || bytes.Length != 32)
        {
            throw new FormatException($"The JWK member '{name}' must be 32 bytes of canonical unpadded base64url.");
        }

        return bytes;
    }

    private string ThumbprintInput() => KeyType == JweKeyType.X25519
        ? $"{{\"crv\":\"X25519\",\"kty\":\"OKP\",\"x\":\"{StrictBase64Url.Encode(raw)}\"}}"
        : $"{{\"crv\":\"P-256\",\"kty\":\"EC\",\"x\":\"{StrictBase64Url.Encode(raw.AsSpan(1, 32))}\",\"y\":\"{StrictBase64Url.Encode(raw.AsSpan(33, 32))}\"}}";
}
