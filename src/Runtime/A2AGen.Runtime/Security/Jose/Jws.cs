using System.Buffers;
using System.Text;
using System.Text.Json;

namespace A2AGen.Security;

/// <summary>Creates JWS compact serializations (RFC 7515 §7.1), with an attached or a detached payload.</summary>
public static class Jws
{
    private static readonly JsonWriterOptions HeaderWriterOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Signs <paramref name="payload"/> into <c>header.payload.signature</c>.</summary>
    /// <param name="key">The signing key; <c>alg</c> follows from its algorithm.</param>
    /// <param name="payload">The payload (not empty: an empty payload segment means "detached").</param>
    /// <param name="options">Header contents.</param>
    public static string Sign(SigningKey key, ReadOnlySpan<byte> payload, JwsSigningOptions? options = null)
    {
        if (payload.IsEmpty)
        {
            throw new ArgumentException("An attached payload must not be empty; sign it detached instead.", nameof(payload));
        }

        return SignCore(key, payload, options, detached: false);
    }

    /// <summary>
    /// Signs <paramref name="payload"/> into <c>header..signature</c>: the signature covers the payload as usual
    /// (<c>b64</c> stays true), but the payload travels separately (RFC 7515 Appendix F).
    /// </summary>
    /// <param name="key">The signing key.</param>
    /// <param name="payload">The payload.</param>
    /// <param name="options">Header contents.</param>
    public static string SignDetached(SigningKey key, ReadOnlySpan<byte> payload, JwsSigningOptions? options = null) =>
        SignCore(key, payload, options, detached: true);

    /// <summary>The protected header JSON that <see cref="Sign"/> would write for <paramref name="key"/>.</summary>
    /// <param name="key">The signing key.</param>
    /// <param name="options">Header contents.</param>
    public static byte[] CreateProtectedHeader(SigningKey key, JwsSigningOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(key);
        var buffer = new ArrayBufferWriter<byte>(128);
        using (var writer = new Utf8JsonWriter(buffer, HeaderWriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("alg"u8, key.Algorithm.JwsAlgorithm);
            if (options?.OmitKeyId != true)
            {
                writer.WriteString("kid"u8, options?.KeyId ?? key.PublicKey.Thumbprint);
            }

            if (options?.Type is { } type)
            {
                writer.WriteString("typ"u8, type);
            }

            if (options?.JwkSetUrl is { } jku)
            {
                writer.WriteString("jku"u8, jku);
            }

            options?.WriteAdditionalParameters?.Invoke(writer);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Signs with a ready protected header: returns the base64url signature over <c>BASE64URL(header) '.' BASE64URL(payload)</c>.</summary>
    internal static string SignEncoded(SigningKey key, string encodedHeader, ReadOnlySpan<byte> payload)
    {
        int payloadLength = StrictBase64Url.GetEncodedLength(payload.Length);
        int inputLength = encodedHeader.Length + 1 + payloadLength;
        var rented = ArrayPool<byte>.Shared.Rent(inputLength);
        try
        {
            int written = Encoding.ASCII.GetBytes(encodedHeader, rented);
            rented[written++] = (byte)'.';
            written += StrictBase64Url.Encode(payload, rented.AsSpan(written));
            Span<byte> signature = stackalloc byte[key.Algorithm.SignatureSize];
            key.Algorithm.Sign(key, rented.AsSpan(0, written), signature);
            return StrictBase64Url.Encode(signature);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private static string SignCore(SigningKey key, ReadOnlySpan<byte> payload, JwsSigningOptions? options, bool detached)
    {
        ArgumentNullException.ThrowIfNull(key);
        var header = CreateProtectedHeader(key, options);
        int headerLength = StrictBase64Url.GetEncodedLength(header.Length);
        int payloadLength = StrictBase64Url.GetEncodedLength(payload.Length);
        int signatureLength = StrictBase64Url.GetEncodedLength(key.Algorithm.SignatureSize);
        int inputLength = headerLength + 1 + payloadLength;
        var rented = ArrayPool<byte>.Shared.Rent(inputLength + 1 + signatureLength);
        try
        {
            var buffer = rented.AsSpan();
            StrictBase64Url.Encode(header, buffer);
            buffer[headerLength] = (byte)'.';
            StrictBase64Url.Encode(payload, buffer[(headerLength + 1)..]);
            Span<byte> signature = stackalloc byte[key.Algorithm.SignatureSize];
            key.Algorithm.Sign(key, buffer[..inputLength], signature);

            int position = inputLength;
            if (detached)
            {
                position = headerLength + 1;
            }

            buffer[position++] = (byte)'.';
            position += StrictBase64Url.Encode(signature, buffer[position..]);
            return Encoding.ASCII.GetString(buffer[..position]);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }
}
