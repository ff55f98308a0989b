using A2AGen.Biscuit.Crypto;
using A2AGen.Biscuit.Datalog;
using A2AGen.Biscuit.Format;
using A2AGen.Biscuit.Token;
using Google.Protobuf;
using Schema = global::Biscuit.Format.Schema;

namespace A2AGen.Biscuit;

/// <summary>
/// A token holder's request for a third-party block: it carries only the token's last signature, so the third party
/// never sees the token, yet the block it signs is usable with this token alone.
/// </summary>
public sealed class ThirdPartyRequest
{
    private readonly byte[] previousSignature;

    internal ThirdPartyRequest(byte[] previousSignature) => this.previousSignature = previousSignature;

    /// <summary>Reads a request from its bytes (protobuf <c>ThirdPartyBlockRequest</c>).</summary>
    /// <exception cref="BiscuitFormatException">The bytes are not a valid request.</exception>
    public static ThirdPartyRequest FromBytes(ReadOnlySpan<byte> bytes)
    {
        try
        {
            var message = Schema.ThirdPartyBlockRequest.Parser.ParseFrom(bytes);
            if (!message.HasPreviousSignature || message.LegacyPreviousKey is not null || message.LegacyPublicKeys.Count > 0)
            {
                throw new BiscuitFormatException(BiscuitFormatError.Deserialization, "the third-party request is malformed or from an outdated implementation");
            }

            return new ThirdPartyRequest(message.PreviousSignature.ToByteArray());
        }
        catch (InvalidProtocolBufferException)
        {
            throw new BiscuitFormatException(BiscuitFormatError.Deserialization, "the third-party request is not valid protobuf");
        }
    }

    /// <summary>Reads a request from base64url.</summary>
    /// <exception cref="BiscuitFormatException">The text is not a valid request.</exception>
    public static ThirdPartyRequest FromBase64(string text) => FromBytes(BiscuitToken.DecodeBase64(text, BiscuitReadOptions.Default));

    /// <summary>The request's bytes.</summary>
    public byte[] ToBytes() => new Schema.ThirdPartyBlockRequest { PreviousSignature = ByteString.CopyFrom(previousSignature) }.ToByteArray();

    /// <summary>The request as base64url.</summary>
    public string ToBase64() => Convert.ToBase64String(ToBytes()).Replace('+', '-').Replace('/', '_');

    /// <summary>The third party's side: encodes <paramref name="block"/> with its own symbol table and signs it with <paramref name="externalKey"/>.</summary>
    /// <exception cref="BiscuitFormatException">The block cannot be encoded.</exception>
    public ThirdPartyBlock CreateBlock(BiscuitKeyPair externalKey, DatalogSource block, string? context = null)
    {
        ArgumentNullException.ThrowIfNull(externalKey);
        ArgumentNullException.ThrowIfNull(block);
        if (!block.Policies.IsEmpty)
        {
            throw new BiscuitFormatException(BiscuitFormatError.InvalidBlock, "a block cannot contain policies (allow if / deny if)");
        }

        var version = Math.Max(DatalogVersion.V3_2, BlockCodec.RequiredVersion(block));
        var payload = BlockCodec.Encode(block, new SymbolTable(), version, context).ToByteArray();
        var signature = externalKey.Sign(Signatures.ExternalPayload(1, payload, previousSignature));
        return new ThirdPartyBlock(payload, externalKey.PublicKey, signature);
    }
}

/// <summary>A block signed by a third party (protobuf <c>ThirdPartyBlockContents</c>), to append with <see cref="BiscuitToken.AppendThirdPartyBlock"/>.</summary>
public sealed class ThirdPartyBlock
{
    internal ThirdPartyBlock(byte[] payload, BiscuitPublicKey externalKey, byte[] externalSignature)
    {
        Payload = payload;
        ExternalKey = externalKey;
        ExternalSignature = externalSignature;
    }

    /// <summary>The third party's key.</summary>
    public BiscuitPublicKey ExternalKey { get; }

    internal byte[] Payload { get; }

    internal byte[] ExternalSignature { get; }

    /// <summary>Reads a block from its bytes.</summary>
    /// <exception cref="BiscuitFormatException">The bytes are not a valid third-party block.</exception>
    public static ThirdPartyBlock FromBytes(ReadOnlySpan<byte> bytes)
    {
        try
        {
            var message = Schema.ThirdPartyBlockContents.Parser.ParseFrom(bytes);
            if (!message.HasPayload || message.ExternalSignature is null || !message.ExternalSignature.HasSignature)
            {
                throw new BiscuitFormatException(BiscuitFormatError.Deserialization, "the third-party block is incomplete");
            }

            return new ThirdPartyBlock(message.Payload.ToByteArray(), BlockCodec.DecodeKey(message.ExternalSignature.PublicKey), message.ExternalSignature.Signature.ToByteArray());
        }
        catch (InvalidProtocolBufferException)
        {
            throw new BiscuitFormatException(BiscuitFormatError.Deserialization, "the third-party block is not valid protobuf");
        }
    }

    /// <summary>Reads a block from base64url.</summary>
    /// <exception cref="BiscuitFormatException">The text is not a valid third-party block.</exception>
    public static ThirdPartyBlock FromBase64(string text) => FromBytes(BiscuitToken.DecodeBase64(text, BiscuitReadOptions.Default));

    /// <summary>The block's bytes.</summary>
    public byte[] ToBytes() => new Schema.ThirdPartyBlockContents
    {
        Payload = ByteString.CopyFrom(Payload),
        ExternalSignature = new Schema.ExternalSignature { PublicKey = BlockCodec.EncodeKey(ExternalKey), Signature = ByteString.CopyFrom(ExternalSignature) },
    }.ToByteArray();

    /// <summary>The block as base64url.</summary>
    public string ToBase64() => Convert.ToBase64String(ToBytes()).Replace('+', '-').Replace('/', '_');
}
