using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace A2AGen.Security;

/// <summary>
/// The Concat KDF of NIST SP 800-56A §5.8.1 with SHA-256, as RFC 7518 §4.6.2 uses it for ECDH-ES: not HKDF.
/// </summary>
internal static class ConcatKdf
{
    /// <summary>Derives <paramref name="destination"/>.Length bytes from the shared secret <paramref name="z"/>.</summary>
    public static void Derive(ReadOnlySpan<byte> z, string algorithmId, ReadOnlySpan<byte> partyUInfo, ReadOnlySpan<byte> partyVInfo, Span<byte> destination)
    {
        byte[] algorithm = Encoding.ASCII.GetBytes(algorithmId);
        // counter || Z || len(alg) alg || len(apu) apu || len(apv) apv || keydatalen (bits)
        byte[] input = new byte[4 + z.Length + 4 + algorithm.Length + 4 + partyUInfo.Length + 4 + partyVInfo.Length + 4];
        try
        {
            var span = input.AsSpan();
            int offset = 4;
            z.CopyTo(span[offset..]);
            offset += z.Length;
            offset = WriteLengthPrefixed(span, offset, algorithm);
            offset = WriteLengthPrefixed(span, offset, partyUInfo);
            offset = WriteLengthPrefixed(span, offset, partyVInfo);
            BinaryPrimitives.WriteInt32BigEndian(span[offset..], checked(destination.Length * 8));

            Span<byte> round = stackalloc byte[SHA256.HashSizeInBytes];
            for (int counter = 1, written = 0; written < destination.Length; counter++)
            {
                BinaryPrimitives.WriteInt32BigEndian(span, counter);
                SHA256.HashData(span, round);
                int take = Math.Min(round.Length, destination.Length - written);
                round[..take].CopyTo(destination[written..]);
                written += take;
            }

            CryptographicOperations.ZeroMemory(round);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(input);
        }
    }

    private static int WriteLengthPrefixed(Span<byte> span, int offset, ReadOnlySpan<byte> value)
    {
        BinaryPrimitives.WriteInt32BigEndian(span[offset..], value.Length);
        value.CopyTo(span[(offset + 4)..]);
        return offset + 4 + value.Length;
    }
}
