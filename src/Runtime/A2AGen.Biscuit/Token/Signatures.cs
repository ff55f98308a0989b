using System.Buffers.Binary;
using A2AGen.Biscuit.Crypto;

namespace A2AGen.Biscuit.Token;

/// <summary>
/// The signed payloads of the specification ("Signed payload generation"): block signature payloads v0 and v1,
/// the external (third-party) signature payload v1, and the seal payload.
/// </summary>
internal static class Signatures
{
    private static ReadOnlySpan<byte> BlockTag => "\0BLOCK\0"u8;

    private static ReadOnlySpan<byte> ExternalTag => "\0EXTERNAL\0"u8;

    private static ReadOnlySpan<byte> VersionTag => "\0VERSION\0"u8;

    private static ReadOnlySpan<byte> PayloadTag => "\0PAYLOAD\0"u8;

    private static ReadOnlySpan<byte> AlgorithmTag => "\0ALGORITHM\0"u8;

    private static ReadOnlySpan<byte> NextKeyTag => "\0NEXTKEY\0"u8;

    private static ReadOnlySpan<byte> PrevSigTag => "\0PREVSIG\0"u8;

    private static ReadOnlySpan<byte> ExternalSigTag => "\0EXTERNALSIG\0"u8;

    /// <summary>
    /// The payload a block's signature covers. <paramref name="previousSignature"/> is null for the authority block
    /// (v1 then has no PREVSIG section).
    /// </summary>
    public static byte[] BlockPayload(uint signatureVersion, ReadOnlySpan<byte> data, BiscuitPublicKey nextKey, ReadOnlySpan<byte> externalSignature, bool hasExternal, ReadOnlySpan<byte> previousSignature, bool isAuthority)
    {
        var buffer = new List<byte>(data.Length + 256);
        if (signatureVersion == 0)
        {
            buffer.AddRange(data);
            if (hasExternal)
            {
                buffer.AddRange(externalSignature);
            }

            AddUInt32(buffer, (uint)nextKey.Algorithm);
            buffer.AddRange(nextKey.Bytes);
            return [.. buffer];
        }

        buffer.AddRange(BlockTag);
        buffer.AddRange(VersionTag);
        AddUInt32(buffer, signatureVersion);
        buffer.AddRange(PayloadTag);
        buffer.AddRange(data);
        buffer.AddRange(AlgorithmTag);
        AddUInt32(buffer, (uint)nextKey.Algorithm);
        buffer.AddRange(NextKeyTag);
        buffer.AddRange(nextKey.Bytes);
        if (!isAuthority)
        {
            buffer.AddRange(PrevSigTag);
            buffer.AddRange(previousSignature);
            if (hasExternal)
            {
                buffer.AddRange(ExternalSigTag);
                buffer.AddRange(externalSignature);
            }
        }

        return [.. buffer];
    }

    /// <summary>The payload a third party signs (external signature payload v1).</summary>
    public static byte[] ExternalPayload(uint signatureVersion, ReadOnlySpan<byte> data, ReadOnlySpan<byte> previousSignature)
    {
        var buffer = new List<byte>(data.Length + 128);
        buffer.AddRange(ExternalTag);
        buffer.AddRange(VersionTag);
        AddUInt32(buffer, signatureVersion);
        buffer.AddRange(PayloadTag);
        buffer.AddRange(data);
        buffer.AddRange(PrevSigTag);
        buffer.AddRange(previousSignature);
        return [.. buffer];
    }

    /// <summary>The payload of a sealed token's final signature: the last block's data, next key and signature.</summary>
    public static byte[] SealPayload(ReadOnlySpan<byte> data, BiscuitPublicKey nextKey, ReadOnlySpan<byte> signature)
    {
        var buffer = new List<byte>(data.Length + 128);
        buffer.AddRange(data);
        AddUInt32(buffer, (uint)nextKey.Algorithm);
        buffer.AddRange(nextKey.Bytes);
        buffer.AddRange(signature);
        return [.. buffer];
    }

    /// <summary>True if the signature is encoded as its algorithm requires (Ed25519: 64 bytes; P-256: DER SEQUENCE of two INTEGERs).</summary>
    public static bool IsWellFormed(BiscuitAlgorithm algorithm, ReadOnlySpan<byte> signature)
    {
        if (algorithm == BiscuitAlgorithm.Ed25519)
        {
            return signature.Length == 64;
        }

        try
        {
            var reader = new System.Formats.Asn1.AsnReader(signature.ToArray(), System.Formats.Asn1.AsnEncodingRules.DER);
            var sequence = reader.ReadSequence();
            sequence.ReadInteger();
            sequence.ReadInteger();
            sequence.ThrowIfNotEmpty();
            reader.ThrowIfNotEmpty();
            return true;
        }
        catch (System.Formats.Asn1.AsnContentException)
        {
            return false;
        }
    }

    private static void AddUInt32(List<byte> buffer, uint value)
    {
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, value);
        buffer.AddRange(bytes);
    }
}
