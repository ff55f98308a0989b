using System.Buffers.Binary;
using System.Security.Cryptography;

namespace A2AGen.Security;

/// <summary>AES key wrap (RFC 3394 §2.2, default IV A6A6A6A6A6A6A6A6), which A256KW uses; the BCL has only the padded RFC 5649 form.</summary>
internal static class AesKeyWrap
{
    private const ulong DefaultIv = 0xA6A6A6A6A6A6A6A6;

    /// <summary>Wraps <paramref name="key"/> (a multiple of 8 bytes, at least 16) under <paramref name="kek"/>.</summary>
    public static byte[] Wrap(ReadOnlySpan<byte> kek, ReadOnlySpan<byte> key)
    {
        if (key.Length < 16 || key.Length % 8 != 0)
        {
            throw new ArgumentException("The key to wrap must be a multiple of 8 bytes, at least 16.", nameof(key));
        }

        int n = key.Length / 8;
        var output = new byte[key.Length + 8];
        key.CopyTo(output.AsSpan(8));
        ulong a = DefaultIv;
        var block = new byte[16];
        using var aes = CreateEcb(kek);

        // One transform for all 6n blocks: a one-shot EncryptEcb per block sets up a cipher context each time.
        using (var encryptor = aes.CreateEncryptor())
        {
            for (int j = 0; j <= 5; j++)
            {
                for (int i = 1; i <= n; i++)
                {
                    BinaryPrimitives.WriteUInt64BigEndian(block, a);
                    output.AsSpan(8 * i, 8).CopyTo(block.AsSpan(8));
                    encryptor.TransformBlock(block, 0, 16, block, 0);
                    a = BinaryPrimitives.ReadUInt64BigEndian(block) ^ (ulong)((n * j) + i);
                    block.AsSpan(8).CopyTo(output.AsSpan(8 * i, 8));
                }
            }
        }

        BinaryPrimitives.WriteUInt64BigEndian(output, a);
        CryptographicOperations.ZeroMemory(block);
        return output;
    }

    /// <summary>Unwraps into <paramref name="key"/>; false when the integrity check fails (wrong KEK or altered input).</summary>
    public static bool TryUnwrap(ReadOnlySpan<byte> kek, ReadOnlySpan<byte> wrapped, Span<byte> key)
    {
        if (wrapped.Length < 24 || wrapped.Length % 8 != 0 || key.Length != wrapped.Length - 8)
        {
            return false;
        }

        int n = key.Length / 8;
        wrapped[8..].CopyTo(key);
        ulong a = BinaryPrimitives.ReadUInt64BigEndian(wrapped);
        var block = new byte[16];
        using var aes = CreateEcb(kek);
        using (var decryptor = aes.CreateDecryptor())
        {
            for (int j = 5; j >= 0; j--)
            {
                for (int i = n; i >= 1; i--)
                {
                    BinaryPrimitives.WriteUInt64BigEndian(block, a ^ (ulong)((n * j) + i));
                    key.Slice(8 * (i - 1), 8).CopyTo(block.AsSpan(8));
                    decryptor.TransformBlock(block, 0, 16, block, 0);
                    a = BinaryPrimitives.ReadUInt64BigEndian(block);
                    block.AsSpan(8).CopyTo(key.Slice(8 * (i - 1), 8));
                }
            }
        }

        CryptographicOperations.ZeroMemory(block);
        Span<byte> expected = stackalloc byte[8];
        Span<byte> actual = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64BigEndian(expected, DefaultIv);
        BinaryPrimitives.WriteUInt64BigEndian(actual, a);
        if (!CryptographicOperations.FixedTimeEquals(expected, actual))
        {
            CryptographicOperations.ZeroMemory(key);
            return false;
        }

        return true;
    }

    private static Aes CreateEcb(ReadOnlySpan<byte> kek)
    {
        var aes = Aes.Create();
        var copy = kek.ToArray();
        try
        {
            aes.Key = copy;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(copy);
        }

        aes.Mode = CipherMode.ECB;
        aes.Padding = PaddingMode.None;
        return aes;
    }
}
