using System.Buffers;
using System.Diagnostics.CodeAnalysis;

namespace A2AGen.Security;

/// <summary>
/// Base64url (RFC 4648 §5) as JOSE uses it, strictly: no padding, no whitespace, only the URL-safe alphabet, and the
/// unused low bits of the last character must be zero, so every byte string has exactly one accepted encoding.
/// </summary>
internal static class StrictBase64Url
{
    private static readonly SearchValues<char> AlphabetChars =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_");

    private static readonly SearchValues<byte> AlphabetBytes =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"u8);

    /// <summary>The encoded length of <paramref name="byteCount"/> bytes.</summary>
    /// <param name="byteCount">Bytes to encode.</param>
    public static int GetEncodedLength(int byteCount) => System.Buffers.Text.Base64Url.GetEncodedLength(byteCount);

    /// <summary>The decoded length of a canonical encoding of <paramref name="encodedLength"/> characters, or -1 when no canonical encoding has that length.</summary>
    /// <param name="encodedLength">Characters to decode.</param>
    public static int GetDecodedLength(int encodedLength) =>
        (encodedLength & 3) == 1 || encodedLength < 0 ? -1 : (encodedLength / 4 * 3) + (encodedLength % 4 == 0 ? 0 : (encodedLength % 4) - 1);

    /// <summary>Encodes without padding.</summary>
    /// <param name="data">The bytes.</param>
    public static string Encode(ReadOnlySpan<byte> data) => System.Buffers.Text.Base64Url.EncodeToString(data);

    /// <summary>Encodes without padding into UTF-8; returns the number of bytes written.</summary>
    /// <param name="data">The bytes.</param>
    /// <param name="utf8Destination">At least <see cref="GetEncodedLength"/> bytes.</param>
    public static int Encode(ReadOnlySpan<byte> data, Span<byte> utf8Destination) =>
        System.Buffers.Text.Base64Url.EncodeToUtf8(data, utf8Destination);

    /// <summary>Decodes a canonical encoding.</summary>
    /// <param name="text">The encoded text.</param>
    /// <exception cref="FormatException">Not canonical unpadded base64url.</exception>
    public static byte[] Decode(ReadOnlySpan<char> text)
    {
        if (!TryDecode(text, out var bytes))
        {
            throw new FormatException("The value is not canonical unpadded base64url.");
        }

        return bytes;
    }

    /// <summary>Decodes a canonical encoding, or returns false.</summary>
    /// <param name="text">The encoded text.</param>
    /// <param name="bytes">The decoded bytes.</param>
    public static bool TryDecode(ReadOnlySpan<char> text, [NotNullWhen(true)] out byte[]? bytes)
    {
        int length = GetDecodedLength(text.Length);
        if (length < 0 || !IsCanonical(text))
        {
            bytes = null;
            return false;
        }

        bytes = new byte[length];
        return System.Buffers.Text.Base64Url.TryDecodeFromChars(text, bytes, out int written) && written == length;
    }

    /// <summary>Decodes a canonical encoding into <paramref name="destination"/> (exactly <see cref="GetDecodedLength"/> bytes needed).</summary>
    /// <param name="text">The encoded text.</param>
    /// <param name="destination">Receives the bytes.</param>
    /// <param name="written">Bytes written.</param>
    public static bool TryDecode(ReadOnlySpan<char> text, Span<byte> destination, out int written)
    {
        int length = GetDecodedLength(text.Length);
        written = 0;
        if (length < 0 || length > destination.Length || !IsCanonical(text))
        {
            return false;
        }

        return System.Buffers.Text.Base64Url.TryDecodeFromChars(text, destination, out written) && written == length;
    }

    /// <summary>Decodes canonical UTF-8 base64url into <paramref name="destination"/>.</summary>
    /// <param name="utf8">The encoded text as UTF-8.</param>
    /// <param name="destination">Receives the bytes.</param>
    /// <param name="written">Bytes written.</param>
    public static bool TryDecode(ReadOnlySpan<byte> utf8, Span<byte> destination, out int written)
    {
        int length = GetDecodedLength(utf8.Length);
        written = 0;
        if (length < 0 || length > destination.Length || !IsCanonical(utf8))
        {
            return false;
        }

        return System.Buffers.Text.Base64Url.DecodeFromUtf8(utf8, destination, out _, out written) == OperationStatus.Done && written == length;
    }

    /// <summary>Whether <paramref name="text"/> is canonical unpadded base64url (alphabet, length, zero trailing bits).</summary>
    /// <param name="text">The encoded text.</param>
    public static bool IsCanonical(ReadOnlySpan<char> text)
    {
        if ((text.Length & 3) == 1 || text.IndexOfAnyExcept(AlphabetChars) >= 0)
        {
            return false;
        }

        return text.Length % 4 == 0 || HasZeroTrailingBits(Value(text[^1]), text.Length % 4);
    }

    /// <summary>Whether UTF-8 <paramref name="utf8"/> is canonical unpadded base64url.</summary>
    /// <param name="utf8">The encoded text.</param>
    public static bool IsCanonical(ReadOnlySpan<byte> utf8)
    {
        if ((utf8.Length & 3) == 1 || utf8.IndexOfAnyExcept(AlphabetBytes) >= 0)
        {
            return false;
        }

        return utf8.Length % 4 == 0 || HasZeroTrailingBits(Value((char)utf8[^1]), utf8.Length % 4);
    }

    // Two characters carry 12 bits for 8 (4 spare), three carry 18 for 16 (2 spare).
    private static bool HasZeroTrailingBits(int lastValue, int remainder) =>
        (lastValue & (remainder == 2 ? 0x0f : 0x03)) == 0;

    private static int Value(char c) => c switch
    {
        >= 'A' and <= 'Z' => c - 'A',
        >= 'a' and <= 'z' => c - 'a' + 26,
        >= '0' and <= '9' => c - '0' + 52,
        '-' => 62,
        _ => 63,
    };
}
