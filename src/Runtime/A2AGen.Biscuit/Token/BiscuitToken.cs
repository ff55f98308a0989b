using A2AGen.Biscuit.Crypto;
using A2AGen.Biscuit.Datalog;
using A2AGen.Biscuit.Format;
using A2AGen.Biscuit.Token;
using Google.Protobuf;
using Schema = global::Biscuit.Format.Schema;

namespace A2AGen.Biscuit;

/// <summary>Limits applied when reading a token.</summary>
public sealed record BiscuitReadOptions
{
    /// <summary>The largest token accepted, in bytes (after base64 decoding). Default 64 KiB.</summary>
    public int MaxTokenBytes { get; init; } = 64 * 1024;

    /// <summary>The most blocks accepted, authority included. Default and maximum 63.</summary>
    public int MaxBlocks { get; init; } = Origins.MaxBlocks;

    /// <summary>Revocation ids (lowercase hex) that are refused with <see cref="BiscuitFormatError.Revoked"/>.</summary>
    public IReadOnlySet<string>? RevokedIds { get; init; }

    /// <summary>The defaults.</summary>
    public static BiscuitReadOptions Default { get; } = new();
}

/// <summary>
/// A Biscuit v3 token: an authority block and attenuation blocks, each signed in a chain (Ed25519 or P-256), ending in
/// either the secret of the next key (attenuable) or a final signature (sealed). Immutable: attenuating or sealing
/// returns a new token.
/// </summary>
public sealed class BiscuitToken
{
    private readonly List<SignedBlock> signed;
    private readonly byte[]? nextSecret;
    private readonly byte[]? finalSignature;
    private readonly SymbolTable symbols;

    private BiscuitToken(uint? rootKeyId, List<SignedBlock> signed, byte[]? nextSecret, byte[]? finalSignature, List<BiscuitBlock> blocks, SymbolTable symbols, bool verified)
    {
        RootKeyId = rootKeyId;
        this.signed = signed;
        this.nextSecret = nextSecret;
        this.finalSignature = finalSignature;
        Blocks = blocks;
        this.symbols = symbols;
        IsVerified = verified;
    }

    /// <summary>The root key id hint, if the token carries one.</summary>
    public uint? RootKeyId { get; }

    /// <summary>The blocks, authority first.</summary>
    public IReadOnlyList<BiscuitBlock> Blocks { get; }

    /// <summary>True once the signature chain was checked against a root key (tokens parsed with <see cref="ParseUnverified(ReadOnlySpan{byte}, BiscuitReadOptions?)"/> are not).</summary>
    public bool IsVerified { get; }

    /// <summary>True if the token is sealed (cannot be attenuated).</summary>
    public bool IsSealed => finalSignature is not null;

    /// <summary>The revocation ids: each block's signature, authority first.</summary>
    public IReadOnlyList<ReadOnlyMemory<byte>> RevocationIds => [.. signed.Select(s => (ReadOnlyMemory<byte>)s.Signature)];

    /// <summary>The revocation ids as lowercase hex.</summary>
    public IReadOnlyList<string> RevocationIdsHex => [.. signed.Select(s => Convert.ToHexStringLower(s.Signature))];

    /// <summary>Mints a token whose authority block is <paramref name="authority"/>, signed by <paramref name="root"/>.</summary>
    /// <exception cref="BiscuitFormatException">The block cannot be encoded.</exception>
    public static BiscuitToken Create(BiscuitKeyPair root, DatalogSource authority, uint? rootKeyId = null, string? context = null, BiscuitAlgorithm nextKeyAlgorithm = BiscuitAlgorithm.Ed25519)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(authority);
        RefusePolicies(authority);
        var table = new SymbolTable();
        var version = BlockCodec.RequiredVersion(authority);
        var data = BlockCodec.Encode(authority, table, version, context).ToByteArray();
        using var next = BiscuitKeyPair.Create(nextKeyAlgorithm);
        var signatureVersion = SignatureVersion(root, next.PublicKey, external: false, version, []);
        var signature = root.Sign(Signatures.BlockPayload(signatureVersion, data, next.PublicKey, default, false, default, isAuthority: true));
        var block = new SignedBlock(data, next.PublicKey, signature, null, null, signatureVersion);
        return Build(rootKeyId, [block], next.ExportPrivateKey(), null, verified: true);
    }

    /// <summary>Mints a token from Datalog text.</summary>
    /// <exception cref="DatalogParseException">The text is invalid.</exception>
    public static BiscuitToken Create(BiscuitKeyPair root, string authorityDatalog, uint? rootKeyId = null) =>
        Create(root, DatalogParser.ParseBlock(authorityDatalog), rootKeyId);

    /// <summary>Reads and verifies a token against <paramref name="root"/>.</summary>
    /// <exception cref="BiscuitFormatException">The token is malformed, too large, wrongly signed or revoked.</exception>
    public static BiscuitToken FromBytes(ReadOnlySpan<byte> bytes, BiscuitPublicKey root, BiscuitReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(root);
        return FromBytes(bytes, _ => root, options);
    }

    /// <summary>Reads and verifies a token; <paramref name="rootKeys"/> picks the root key from the token's root key id (it may return null to refuse).</summary>
    /// <exception cref="BiscuitFormatException">The token is malformed, too large, wrongly signed, from an unknown root, or revoked.</exception>
    public static BiscuitToken FromBytes(ReadOnlySpan<byte> bytes, Func<uint?, BiscuitPublicKey?> rootKeys, BiscuitReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(rootKeys);
        options ??= BiscuitReadOptions.Default;
        var (rootKeyId, blocks, secret, seal) = Deserialize(bytes, options);
        var root = rootKeys(rootKeyId) ?? throw new BiscuitFormatException(BiscuitFormatError.InvalidSignature, "the token's root key is not trusted");
        Verify(blocks, secret, seal, root);
        var token = Build(rootKeyId, blocks, secret, seal, verified: true);
        if (options.RevokedIds is { Count: > 0 } revoked && token.RevocationIdsHex.Any(revoked.Contains))
        {
            throw new BiscuitFormatException(BiscuitFormatError.Revoked, "the token has been revoked");
        }

        return token;
    }

    /// <summary>Reads and verifies a token from its base64url text (as the reference implementation prints it; a <c>biscuit:</c> prefix and missing padding are accepted).</summary>
    /// <exception cref="BiscuitFormatException">The text is not base64, or the token is refused.</exception>
    public static BiscuitToken FromBase64(string text, BiscuitPublicKey root, BiscuitReadOptions? options = null) =>
        FromBytes(DecodeBase64(text, options ?? BiscuitReadOptions.Default), root, options);

    /// <summary>Reads and verifies a token from base64url text, choosing the root key by id.</summary>
    /// <exception cref="BiscuitFormatException">The text is not base64, or the token is refused.</exception>
    public static BiscuitToken FromBase64(string text, Func<uint?, BiscuitPublicKey?> rootKeys, BiscuitReadOptions? options = null) =>
        FromBytes(DecodeBase64(text, options ?? BiscuitReadOptions.Default), rootKeys, options);

    /// <summary>Reads a token WITHOUT checking its signatures (for inspection and attenuation only; it cannot be authorized).</summary>
    /// <exception cref="BiscuitFormatException">The token is malformed.</exception>
    public static BiscuitToken ParseUnverified(ReadOnlySpan<byte> bytes, BiscuitReadOptions? options = null)
    {
        var (rootKeyId, blocks, secret, seal) = Deserialize(bytes, options ?? BiscuitReadOptions.Default);
        return Build(rootKeyId, blocks, secret, seal, verified: false);
    }

    /// <summary>Reads base64url text WITHOUT checking signatures (see <see cref="ParseUnverified(ReadOnlySpan{byte}, BiscuitReadOptions?)"/>).</summary>
    /// <exception cref="BiscuitFormatException">The token is malformed.</exception>
    public static BiscuitToken ParseUnverified(string base64, BiscuitReadOptions? options = null) =>
        ParseUnverified(DecodeBase64(base64, options ?? BiscuitReadOptions.Default), options);

    /// <summary>Appends a block (attenuation): its checks restrict what the new token allows.</summary>
    /// <exception cref="BiscuitFormatException">The token is sealed, or the block cannot be encoded.</exception>
    public BiscuitToken Attenuate(DatalogSource block, string? context = null, BiscuitAlgorithm nextKeyAlgorithm = BiscuitAlgorithm.Ed25519)
    {
        ArgumentNullException.ThrowIfNull(block);
        RefusePolicies(block);
        using var key = CurrentKey();
        var table = symbols.Clone();
        var version = BlockCodec.RequiredVersion(block);
        var data = BlockCodec.Encode(block, table, version, context).ToByteArray();
        return Append(key, data, version, null, null, nextKeyAlgorithm);
    }

    /// <summary>Appends a block given as Datalog text.</summary>
    /// <exception cref="DatalogParseException">The text is invalid.</exception>
    /// <exception cref="BiscuitFormatException">The token is sealed.</exception>
    public BiscuitToken Attenuate(string blockDatalog) => Attenuate(DatalogParser.ParseBlock(blockDatalog));

    /// <summary>Seals the token: no block can be appended any more.</summary>
    /// <exception cref="BiscuitFormatException">The token is already sealed.</exception>
    public BiscuitToken Seal()
    {
        using var key = CurrentKey();
        var last = signed[^1];
        var signature = key.Sign(Signatures.SealPayload(last.Data, last.NextKey, last.Signature));
        return new BiscuitToken(RootKeyId, signed, null, signature, [.. Blocks], symbols, IsVerified);
    }

    /// <summary>A request for a third-party block bound to this token (carries the last block's signature).</summary>
    /// <exception cref="BiscuitFormatException">The token is sealed.</exception>
    public ThirdPartyRequest CreateThirdPartyRequest()
    {
        if (IsSealed)
        {
            throw new BiscuitFormatException(BiscuitFormatError.Sealed, "a sealed token cannot be attenuated");
        }

        return new ThirdPartyRequest(signed[^1].Signature);
    }

    /// <summary>Appends a block signed by a third party (from <see cref="ThirdPartyRequest.CreateBlock"/>).</summary>
    /// <exception cref="BiscuitFormatException">The token is sealed, or the block is malformed or not signed for this token.</exception>
    public BiscuitToken AppendThirdPartyBlock(ThirdPartyBlock block, BiscuitAlgorithm nextKeyAlgorithm = BiscuitAlgorithm.Ed25519)
    {
        ArgumentNullException.ThrowIfNull(block);
        using var key = CurrentKey();
        var payload = Signatures.ExternalPayload(1, block.Payload, signed[^1].Signature);
        if (!block.ExternalKey.Verify(payload, block.ExternalSignature))
        {
            throw new BiscuitFormatException(BiscuitFormatError.InvalidSignature, "the third-party block is not signed for this token");
        }

        BlockCodec.RequireValidUtf8(block.Payload);
        Schema.Block decoded;
        try
        {
            decoded = Schema.Block.Parser.ParseFrom(block.Payload);
        }
        catch (InvalidProtocolBufferException)
        {
            throw new BiscuitFormatException(BiscuitFormatError.BlockDeserialization, "the third-party block is not a valid Datalog block (protobuf)");
        }

        return Append(key, block.Payload, decoded.Version, block.ExternalKey, block.ExternalSignature, nextKeyAlgorithm);
    }

    /// <summary>The token's bytes (protobuf).</summary>
    public byte[] ToBytes()
    {
        var message = new Schema.Biscuit { Authority = ToProto(signed[0]), Proof = new Schema.Proof() };
        if (RootKeyId is { } id)
        {
            message.RootKeyId = id;
        }

        message.Blocks.AddRange(signed.Skip(1).Select(ToProto));
        if (finalSignature is not null)
        {
            message.Proof.FinalSignature = ByteString.CopyFrom(finalSignature);
        }
        else
        {
            message.Proof.NextSecret = ByteString.CopyFrom(nextSecret);
        }

        return message.ToByteArray();
    }

    /// <summary>The token as base64url text with padding (the reference implementation's form).</summary>
    public string ToBase64() => Convert.ToBase64String(ToBytes()).Replace('+', '-').Replace('/', '_');

    /// <summary>All blocks as Datalog text, for inspection.</summary>
    public override string ToString() => string.Join("\n", Blocks.Select(b => $"// block {b.Index}{(b.ExternalKey is null ? string.Empty : $" (third party: {b.ExternalKey})")}\n{b.Source}"));

    internal static byte[] DecodeBase64(string text, BiscuitReadOptions options)
    {
        ArgumentNullException.ThrowIfNull(text);
        var t = text.Trim();
        if (t.StartsWith("biscuit:", StringComparison.Ordinal))
        {
            t = t["biscuit:".Length..];
        }

        if (t.Length > ((long)options.MaxTokenBytes * 4 / 3) + 8)
        {
            throw new BiscuitFormatException(BiscuitFormatError.TooLarge, "the token is larger than the limit");
        }

        t = t.Replace('-', '+').Replace('_', '/').TrimEnd('=');
        t += (t.Length % 4) switch { 2 => "==", 3 => "=", _ => string.Empty };
        try
        {
            return Convert.FromBase64String(t);
        }
        catch (FormatException)
        {
            throw new BiscuitFormatException(BiscuitFormatError.Deserialization, "the token is not valid base64url");
        }
    }

    private static void RefusePolicies(DatalogSource source)
    {
        if (!source.Policies.IsEmpty)
        {
            throw new BiscuitFormatException(BiscuitFormatError.InvalidBlock, "a block cannot contain policies (allow if / deny if)");
        }
    }

    private BiscuitKeyPair CurrentKey()
    {
        if (nextSecret is null)
        {
            throw new BiscuitFormatException(BiscuitFormatError.Sealed, "a sealed token cannot be attenuated");
        }

        return BiscuitKeyPair.FromPrivateKey(signed[^1].NextKey.Algorithm, nextSecret);
    }

    private BiscuitToken Append(BiscuitKeyPair key, byte[] data, uint datalogVersion, BiscuitPublicKey? externalKey, byte[]? externalSignature, BiscuitAlgorithm nextKeyAlgorithm)
    {
        if (signed.Count >= Origins.MaxBlocks)
        {
            throw new BiscuitFormatException(BiscuitFormatError.TooLarge, $"a token holds at most {Origins.MaxBlocks} blocks");
        }

        using var next = BiscuitKeyPair.Create(nextKeyAlgorithm);
        var signatureVersion = SignatureVersion(key, next.PublicKey, externalKey is not null, datalogVersion, signed.Select(s => s.SignatureVersion));
        var previous = signed[^1].Signature;
        var signature = key.Sign(Signatures.BlockPayload(signatureVersion, data, next.PublicKey, externalSignature, externalSignature is not null, previous, isAuthority: false));
        var blocks = new List<SignedBlock>(signed) { new(data, next.PublicKey, signature, externalKey, externalSignature, signatureVersion) };
        return Build(RootKeyId, blocks, next.ExportPrivateKey(), null, IsVerified);
    }

    // The reference implementation's choice: v1 for third-party blocks, v3.3 Datalog or any non-Ed25519 key; otherwise
    // the highest version already in the token (v0 for an all-Ed25519 v3.0–v3.2 token, which older verifiers accept).
    private static uint SignatureVersion(BiscuitKeyPair signer, BiscuitPublicKey next, bool external, uint datalogVersion, IEnumerable<uint> previous)
    {
        if (external || datalogVersion >= DatalogVersion.V3_3 || signer.Algorithm != BiscuitAlgorithm.Ed25519 || next.Algorithm != BiscuitAlgorithm.Ed25519)
        {
            return 1;
        }

        return previous.DefaultIfEmpty(0u).Max();
    }

    private static Schema.SignedBlock ToProto(SignedBlock block)
    {
        var proto = new Schema.SignedBlock
        {
            Block = ByteString.CopyFrom(block.Data),
            NextKey = BlockCodec.EncodeKey(block.NextKey),
            Signature = ByteString.CopyFrom(block.Signature),
        };
        if (block.ExternalKey is not null)
        {
            proto.ExternalSignature = new Schema.ExternalSignature { PublicKey = BlockCodec.EncodeKey(block.ExternalKey), Signature = ByteString.CopyFrom(block.ExternalSignature) };
        }

        if (block.SignatureVersion > 0)
        {
            proto.Version = block.SignatureVersion;
        }

        return proto;
    }

    private static (uint? RootKeyId, List<SignedBlock> Blocks, byte[]? Secret, byte[]? Seal) Deserialize(ReadOnlySpan<byte> bytes, BiscuitReadOptions options)
    {
        if (bytes.Length > options.MaxTokenBytes)
        {
            throw new BiscuitFormatException(BiscuitFormatError.TooLarge, "the token is larger than the limit");
        }

        Schema.Biscuit message;
        try
        {
            message = Schema.Biscuit.Parser.ParseFrom(bytes);
        }
        catch (InvalidProtocolBufferException)
        {
            throw new BiscuitFormatException(BiscuitFormatError.Deserialization, "the token is not a valid Biscuit (protobuf)");
        }

        if (message.Authority is null || message.Proof is null)
        {
            throw new BiscuitFormatException(BiscuitFormatError.Deserialization, "the token has no authority block or no proof");
        }

        if (message.Blocks.Count + 1 > Math.Min(options.MaxBlocks, Origins.MaxBlocks))
        {
            throw new BiscuitFormatException(BiscuitFormatError.TooLarge, "the token has more blocks than the limit");
        }

        var blocks = new List<SignedBlock>();
        foreach (var (proto, index) in message.Blocks.Prepend(message.Authority).Select((b, i) => (b, i)))
        {
            if (!proto.HasBlock || !proto.HasSignature || proto.NextKey is null)
            {
                throw new BiscuitFormatException(BiscuitFormatError.Deserialization, "a signed block is incomplete");
            }

            BiscuitPublicKey? externalKey = null;
            byte[]? externalSignature = null;
            if (proto.ExternalSignature is { } external)
            {
                if (index == 0)
                {
                    throw new BiscuitFormatException(BiscuitFormatError.Deserialization, "the authority block must not contain an external signature");
                }

                if (proto.Version != 1)
                {
                    throw new BiscuitFormatException(BiscuitFormatError.Deserialization, "unsupported third party block version");
                }

                externalKey = BlockCodec.DecodeKey(external.PublicKey);
                externalSignature = external.Signature.ToByteArray();
            }

            if (proto.Version > 1)
            {
                throw new BiscuitFormatException(BiscuitFormatError.UnsupportedVersion, $"unsupported block signature version {proto.Version}");
            }

            blocks.Add(new SignedBlock(proto.Block.ToByteArray(), BlockCodec.DecodeKey(proto.NextKey), proto.Signature.ToByteArray(), externalKey, externalSignature, proto.Version));
        }

        return message.Proof.ContentCase switch
        {
            Schema.Proof.ContentOneofCase.NextSecret => (message.HasRootKeyId ? message.RootKeyId : null, blocks, CheckSecret(message.Proof.NextSecret.ToByteArray(), blocks[^1].NextKey), null),
            Schema.Proof.ContentOneofCase.FinalSignature => (message.HasRootKeyId ? message.RootKeyId : null, blocks, null, message.Proof.FinalSignature.ToByteArray()),
            _ => throw new BiscuitFormatException(BiscuitFormatError.Deserialization, "the token has no proof"),
        };
    }

    private static byte[] CheckSecret(byte[] secret, BiscuitPublicKey nextKey)
    {
        // Only the form here: whether it is the last key's secret is checked in Verify (one key derivation, not two).
        if (secret.Length != 32)
        {
            throw new BiscuitFormatException(BiscuitFormatError.InvalidKey, $"the proof is not a {nextKey.Algorithm} private key");
        }

        return secret;
    }

    private static void Verify(List<SignedBlock> blocks, byte[]? secret, byte[]? seal, BiscuitPublicKey root)
    {
        var current = root;
        byte[] previous = [];
        for (var i = 0; i < blocks.Count; i++)
        {
            var b = blocks[i];
            if (!Signatures.IsWellFormed(current.Algorithm, b.Signature))
            {
                throw new BiscuitFormatException(BiscuitFormatError.InvalidSignatureSize, "a block signature is malformed");
            }

            var payload = Signatures.BlockPayload(b.SignatureVersion, b.Data, b.NextKey, b.ExternalSignature, b.ExternalSignature is not null, previous, isAuthority: i == 0);
            if (!current.Verify(payload, b.Signature))
            {
                throw new BiscuitFormatException(BiscuitFormatError.InvalidSignature, i == 0 ? "the authority block signature does not verify with the root key" : $"the signature of block {i} does not verify");
            }

            if (b.ExternalKey is not null)
            {
                var external = Signatures.ExternalPayload(b.SignatureVersion, b.Data, previous);
                if (!Signatures.IsWellFormed(b.ExternalKey.Algorithm, b.ExternalSignature) || !b.ExternalKey.Verify(external, b.ExternalSignature))
                {
                    throw new BiscuitFormatException(BiscuitFormatError.InvalidSignature, $"the third-party signature of block {i} does not verify");
                }
            }

            current = b.NextKey;
            previous = b.Signature;
        }

        if (secret is not null)
        {
            using var key = BiscuitKeyPair.FromPrivateKey(current.Algorithm, secret);
            if (!key.PublicKey.Equals(current))
            {
                throw new BiscuitFormatException(BiscuitFormatError.InvalidSignature, "the last public key does not match the private key");
            }
        }
        else
        {
            var last = blocks[^1];
            if (!Signatures.IsWellFormed(current.Algorithm, seal) || !current.Verify(Signatures.SealPayload(last.Data, last.NextKey, last.Signature), seal))
            {
                throw new BiscuitFormatException(BiscuitFormatError.InvalidSignature, "the seal signature does not verify");
            }
        }
    }

    private static BiscuitToken Build(uint? rootKeyId, List<SignedBlock> signedBlocks, byte[]? secret, byte[]? seal, bool verified)
    {
        var table = new SymbolTable();
        var protos = new List<Schema.Block>();
        foreach (var (b, i) in signedBlocks.Select((b, i) => (b, i)))
        {
            Schema.Block proto;
            BlockCodec.RequireValidUtf8(b.Data);
            try
            {
                proto = Schema.Block.Parser.ParseFrom(b.Data);
            }
            catch (InvalidProtocolBufferException)
            {
                throw new BiscuitFormatException(BiscuitFormatError.BlockDeserialization, $"block {i} is not a valid Datalog block (protobuf)");
            }

            protos.Add(proto);
            if (b.ExternalKey is null)
            {
                table.Extend(proto.Symbols);
                table.ExtendKeys(proto.PublicKeys.Select(BlockCodec.DecodeKey));
            }
        }

        var blocks = new List<BiscuitBlock>();
        for (var i = 0; i < protos.Count; i++)
        {
            var proto = protos[i];
            var b = signedBlocks[i];
            var version = proto.HasVersion ? proto.Version : 0;
            if (version < DatalogVersion.Minimum || version > DatalogVersion.Maximum)
            {
                throw new BiscuitFormatException(BiscuitFormatError.UnsupportedVersion, $"block {i} has Datalog version {version}; supported: {DatalogVersion.Minimum} to {DatalogVersion.Maximum} (v3.0 to v3.3)");
            }

            if (b.ExternalKey is not null && version < DatalogVersion.V3_2)
            {
                throw new BiscuitFormatException(BiscuitFormatError.BlockDeserialization, "third-party blocks are only supported in datalog v3.2+");
            }

            var blockTable = table;
            if (b.ExternalKey is not null)
            {
                blockTable = new SymbolTable();
                blockTable.Extend(proto.Symbols);
                blockTable.ExtendKeys(proto.PublicKeys.Select(BlockCodec.DecodeKey));
            }

            var source = BlockCodec.Decode(proto, blockTable, version);
            BlockCodec.CheckVersionCompatibility(source, version);
            blocks.Add(new BiscuitBlock(i, source, version, proto.HasContext ? proto.Context : null, b.ExternalKey, [.. proto.Symbols], [.. proto.PublicKeys.Select(BlockCodec.DecodeKey)], b.Signature));
        }

        return new BiscuitToken(rootKeyId, signedBlocks, secret, seal, blocks, table, verified);
    }

    private sealed record SignedBlock(byte[] Data, BiscuitPublicKey NextKey, byte[] Signature, BiscuitPublicKey? ExternalKey, byte[]? ExternalSignature, uint SignatureVersion);
}
