using A2AGen.Biscuit.Crypto;

namespace A2AGen.Biscuit.Format;

/// <summary>
/// Interned strings and public keys of a token: the specification's default symbols at 0–27, the blocks' own symbols
/// from 1024 on, and a table of public keys used in <c>trusting</c> annotations.
/// </summary>
internal sealed class SymbolTable
{
    internal const ulong Offset = 1024;

    internal static readonly string[] Defaults =
    [
        "read", "write", "resource", "operation", "right", "time", "role", "owner", "tenant", "namespace", "user", "team",
        "service", "admin", "email", "group", "member", "ip_address", "client", "client_ip", "domain", "path", "version",
        "cluster", "node", "hostname", "nonce", "query",
    ];

    private static readonly Dictionary<string, ulong> DefaultIndex = Defaults.Select((s, i) => (s, i)).ToDictionary(p => p.s, p => (ulong)p.i, StringComparer.Ordinal);

    private readonly List<string> symbols;
    private readonly Dictionary<string, ulong> index;
    private readonly List<BiscuitPublicKey> keys;

    public SymbolTable()
    {
        symbols = [];
        index = new Dictionary<string, ulong>(StringComparer.Ordinal);
        keys = [];
    }

    private SymbolTable(SymbolTable other)
    {
        symbols = [.. other.symbols];
        index = new Dictionary<string, ulong>(other.index, StringComparer.Ordinal);
        keys = [.. other.keys];
    }

    public int SymbolCount => symbols.Count;

    public int KeyCount => keys.Count;

    public IReadOnlyList<string> Symbols => symbols;

    public IReadOnlyList<BiscuitPublicKey> Keys => keys;

    public SymbolTable Clone() => new(this);

    /// <summary>Appends a block's symbols; a symbol already known is a malformed token.</summary>
    public void Extend(IEnumerable<string> blockSymbols)
    {
        foreach (var s in blockSymbols)
        {
            if (DefaultIndex.ContainsKey(s) || index.ContainsKey(s))
            {
                throw new BiscuitFormatException(BiscuitFormatError.UnknownSymbol, "a block repeats a symbol already in the token's symbol table");
            }

            index[s] = Offset + (ulong)symbols.Count;
            symbols.Add(s);
        }
    }

    public void ExtendKeys(IEnumerable<BiscuitPublicKey> blockKeys)
    {
        foreach (var k in blockKeys)
        {
            if (keys.Contains(k))
            {
                throw new BiscuitFormatException(BiscuitFormatError.UnknownSymbol, "a block repeats a public key already in the token's key table");
            }

            keys.Add(k);
        }
    }

    public string Get(ulong id)
    {
        if (id < (ulong)Defaults.Length)
        {
            return Defaults[id];
        }

        if (id >= Offset && id - Offset < (ulong)symbols.Count)
        {
            return symbols[(int)(id - Offset)];
        }

        throw new BiscuitFormatException(BiscuitFormatError.UnknownSymbol, $"unknown symbol index {id}");
    }

    public BiscuitPublicKey GetKey(long id) =>
        id >= 0 && id < keys.Count ? keys[(int)id] : throw new BiscuitFormatException(BiscuitFormatError.UnknownSymbol, $"unknown public key index {id}");

    public ulong Insert(string symbol)
    {
        if (DefaultIndex.TryGetValue(symbol, out var id) || index.TryGetValue(symbol, out id))
        {
            return id;
        }

        id = Offset + (ulong)symbols.Count;
        symbols.Add(symbol);
        index[symbol] = id;
        return id;
    }

    public long InsertKey(BiscuitPublicKey key)
    {
        var i = keys.IndexOf(key);
        if (i >= 0)
        {
            return i;
        }

        keys.Add(key);
        return keys.Count - 1;
    }
}
