using A2AGen.Biscuit.Crypto;
using A2AGen.Biscuit.Datalog;

namespace A2AGen.Biscuit;

/// <summary>One block of a token, decoded: its Datalog, version and, for a third-party block, the key that signed it.</summary>
public sealed class BiscuitBlock
{
    internal BiscuitBlock(int index, DatalogSource source, uint version, string? context, BiscuitPublicKey? externalKey, IReadOnlyList<string> symbols, IReadOnlyList<BiscuitPublicKey> publicKeys, byte[] signature)
    {
        Index = index;
        Source = source;
        Version = version;
        Context = context;
        ExternalKey = externalKey;
        Symbols = symbols;
        PublicKeys = publicKeys;
        RevocationId = signature;
    }

    /// <summary>0 for the authority block, then 1, 2, ...</summary>
    public int Index { get; }

    /// <summary>The block's facts, rules, checks and block-level scopes.</summary>
    public DatalogSource Source { get; }

    /// <summary>The Datalog version (3 = v3.0 ... 6 = v3.3).</summary>
    public uint Version { get; }

    /// <summary>The free-form context string, if any.</summary>
    public string? Context { get; }

    /// <summary>For a third-party block, the key whose signature it carries.</summary>
    public BiscuitPublicKey? ExternalKey { get; }

    /// <summary>The symbols this block added to the table.</summary>
    public IReadOnlyList<string> Symbols { get; }

    /// <summary>The public keys this block added to the key table.</summary>
    public IReadOnlyList<BiscuitPublicKey> PublicKeys { get; }

    /// <summary>The block's revocation id: its signature.</summary>
    public ReadOnlyMemory<byte> RevocationId { get; }

    /// <summary>The block's Datalog as text.</summary>
    public override string ToString() => Source.ToString();
}
