using System.Buffers;
using System.Security.Cryptography;
using System.Text;

namespace A2AGen.Security;

/// <summary>
/// The key a replay cache stores for a token id: SHA-256 of <c>issuer ‖ 0x00 ‖ jti</c>. Scoping by issuer keeps one
/// caller's ids from colliding with another's; hashing gives fixed-size keys free of caller-chosen characters.
/// </summary>
public static class ReplayKey
{
    /// <summary>The first 128 bits of the hash (for in-memory tables).</summary>
    public static UInt128 Compute(string issuer, string tokenId)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        Hash(issuer, tokenId, hash);
        return System.Buffers.Binary.BinaryPrimitives.ReadUInt128LittleEndian(hash);
    }

    /// <summary>The whole hash as base64url (for shared stores).</summary>
    public static string ComputeText(string issuer, string tokenId)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        Hash(issuer, tokenId, hash);
        return StrictBase64Url.Encode(hash);
    }

    private static void Hash(string issuer, string tokenId, Span<byte> hash)
    {
        int length = Encoding.UTF8.GetMaxByteCount(issuer.Length + tokenId.Length) + 1;
        byte[]? rented = length > 1024 ? ArrayPool<byte>.Shared.Rent(length) : null;
        Span<byte> input = rented ?? stackalloc byte[1024];
        try
        {
            int written = Encoding.UTF8.GetBytes(issuer, input);
            input[written++] = 0;
            written += Encoding.UTF8.GetBytes(tokenId, input[written..]);
            SHA256.HashData(input[..written], hash);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }
}
