using System.Collections.ObjectModel;

namespace A2AGen.Security;

/// <summary>
/// The public keys this process trusts, by agent id (DESIGN §7). Several keys per agent allow rotation: all verify
/// until removed. A <c>kid</c> (and a key) belongs to one agent only, so a signature can never be attributed to two
/// identities. Reads are lock-free snapshots; writes are serialized. Thread-safe.
/// </summary>
public sealed class TrustStore : IJwsKeyResolver
{
    private static readonly IReadOnlyList<TrustedKey> None = [];
    private readonly Lock _writeGate = new();
    private volatile Snapshot _snapshot = Snapshot.Empty;

    // Encryption keys (use "enc") by agent: whom answers are encrypted to. Kept apart from the signing keys so that a
    // key published for one purpose is never used for the other; the same one-key-one-agent rule applies.
    private volatile Dictionary<string, IReadOnlyList<JweEncryptionKey>> _encryption = new(StringComparer.Ordinal);

    /// <summary>The agent ids with at least one trusted key.</summary>
    public IReadOnlyCollection<string> AgentIds => _snapshot.ByAgent.Keys;

    /// <summary>All trusted keys.</summary>
    public IReadOnlyCollection<TrustedKey> Keys => _snapshot.ByKeyId.Values.Select(v => v[0]).ToList();

    /// <summary>Trusts <paramref name="publicKey"/> for <paramref name="agentId"/> under <paramref name="keyId"/> (default: its thumbprint).</summary>
    /// <param name="agentId">A valid agent id.</param>
    /// <param name="publicKey">The key.</param>
    /// <param name="keyId">The <c>kid</c> its signatures carry.</param>
    /// <exception cref="InvalidOperationException">The <c>kid</c> or the key is already trusted for another agent.</exception>
    public TrustedKey Add(string agentId, VerificationKey publicKey, string? keyId = null)
    {
        AgentId.Validate(agentId);
        ArgumentNullException.ThrowIfNull(publicKey);
        var key = new TrustedKey(agentId, keyId ?? publicKey.Thumbprint, publicKey);
        lock (_writeGate)
        {
            _snapshot = _snapshot.With([key], replaceAgent: null);
        }

        return key;
    }

    /// <summary>Trusts every key of <paramref name="keySet"/> for <paramref name="agentId"/>.</summary>
    /// <param name="agentId">A valid agent id.</param>
    /// <param name="keySet">The agent's public keys.</param>
    public void Add(string agentId, JsonWebKeySet keySet)
    {
        AgentId.Validate(agentId);
        ArgumentNullException.ThrowIfNull(keySet);
        var keys = keySet.Keys.Select(k => new TrustedKey(agentId, k.KeyId, k.PublicKey)).ToList();
        lock (_writeGate)
        {
            var encryption = WithEncryptionKeys(agentId, keySet.EncryptionKeys, replace: false);
            _snapshot = _snapshot.With(keys, replaceAgent: null);
            _encryption = encryption;
        }
    }

    /// <summary>Trusts <paramref name="key"/> as an encryption key of <paramref name="agentId"/> (answers to it are encrypted to its newest key).</summary>
    /// <param name="agentId">A valid agent id.</param>
    /// <param name="key">The public encryption key.</param>
    /// <exception cref="InvalidOperationException">The key is already trusted for another agent.</exception>
    public void AddEncryptionKey(string agentId, JweEncryptionKey key)
    {
        AgentId.Validate(agentId);
        ArgumentNullException.ThrowIfNull(key);
        lock (_writeGate)
        {
            _encryption = WithEncryptionKeys(agentId, [key], replace: false);
        }
    }

    /// <summary>The encryption keys trusted for <paramref name="agentId"/>, newest last (empty when none).</summary>
    /// <param name="agentId">The agent.</param>
    public IReadOnlyList<JweEncryptionKey> GetEncryptionKeys(string agentId) =>
        _encryption.TryGetValue(agentId, out var keys) ? keys : [];

    /// <summary>Makes <paramref name="keySet"/> the complete set of keys trusted for <paramref name="agentId"/> (keys not in it stop verifying).</summary>
    /// <param name="agentId">A valid agent id.</param>
    /// <param name="keySet">The agent's public keys.</param>
    public void Replace(string agentId, JsonWebKeySet keySet)
    {
        AgentId.Validate(agentId);
        ArgumentNullException.ThrowIfNull(keySet);
        var keys = keySet.Keys.Select(k => new TrustedKey(agentId, k.KeyId, k.PublicKey)).ToList();
        lock (_writeGate)
        {
            var encryption = WithEncryptionKeys(agentId, keySet.EncryptionKeys, replace: true);
            _snapshot = _snapshot.With(keys, replaceAgent: agentId);
            _encryption = encryption;
        }
    }

    /// <summary>Stops trusting one key.</summary>
    /// <param name="agentId">The agent.</param>
    /// <param name="keyId">The key's <c>kid</c>.</param>
    public bool Remove(string agentId, string keyId)
    {
        lock (_writeGate)
        {
            var snapshot = _snapshot;
            if (!snapshot.ByKeyId.TryGetValue(keyId, out var entry) || entry[0].AgentId != agentId)
            {
                return false;
            }

            var remaining = snapshot.ByAgent[agentId].Where(k => k.KeyId != keyId).ToList();
            _snapshot = snapshot.With(remaining, replaceAgent: agentId);
            return true;
        }
    }

    /// <summary>Stops trusting every key of <paramref name="agentId"/>.</summary>
    /// <param name="agentId">The agent.</param>
    public bool RemoveAgent(string agentId)
    {
        lock (_writeGate)
        {
            var hadEncryption = _encryption.ContainsKey(agentId);
            if (hadEncryption)
            {
                _encryption = WithEncryptionKeys(agentId, [], replace: true);
            }

            if (!_snapshot.ByAgent.ContainsKey(agentId))
            {
                return hadEncryption;
            }

            _snapshot = _snapshot.With([], replaceAgent: agentId);
            return true;
        }
    }

    /// <summary>The keys trusted for <paramref name="agentId"/> (empty when none).</summary>
    /// <param name="agentId">The agent.</param>
    public IReadOnlyList<TrustedKey> GetKeys(string agentId) =>
        _snapshot.ByAgent.TryGetValue(agentId, out var keys) ? keys : None;

    /// <summary>The key with <paramref name="keyId"/>, with its agent id, if trusted.</summary>
    /// <param name="keyId">The <c>kid</c>.</param>
    public TrustedKey? FindByKeyId(string keyId) =>
        _snapshot.ByKeyId.TryGetValue(keyId, out var entry) ? entry[0] : null;

    /// <summary>The trusted keys of <paramref name="agentId"/> as a public JWK Set.</summary>
    /// <param name="agentId">The agent.</param>
    public JsonWebKeySet ToJsonWebKeySet(string agentId) =>
        JsonWebKeySet.Create(GetKeys(agentId).Select(k => JsonWebKey.FromPublicKey(k.PublicKey, k.KeyId)), GetEncryptionKeys(agentId));

    // Called under the write lock; returns the new map without publishing it (the caller does, after its other checks).
    private Dictionary<string, IReadOnlyList<JweEncryptionKey>> WithEncryptionKeys(string agentId, IReadOnlyList<JweEncryptionKey> keys, bool replace)
    {
        var current = _encryption;
        foreach (var key in keys)
        {
            foreach (var (owner, owned) in current)
            {
                if (owner != agentId && owned.Any(k => k.Thumbprint == key.Thumbprint))
                {
                    throw new InvalidOperationException($"This encryption key (kid '{key.Thumbprint}') is already trusted for agent '{owner}'; one key belongs to one agent.");
                }
            }
        }

        var map = new Dictionary<string, IReadOnlyList<JweEncryptionKey>>(current, StringComparer.Ordinal);
        var list = replace || !current.TryGetValue(agentId, out var existing) ? [] : existing.ToList();
        foreach (var key in keys)
        {
            if (!list.Any(k => k.Thumbprint == key.Thumbprint))
            {
                list.Add(key);
            }
        }

        if (list.Count == 0)
        {
            map.Remove(agentId);
        }
        else
        {
            map[agentId] = list;
        }

        return map;
    }

    /// <inheritdoc />
    public IReadOnlyList<TrustedKey> ResolveKeys(string? issuer, string? keyId)
    {
        if (keyId is null)
        {
            return issuer is null ? None : GetKeys(issuer);
        }

        if (!_snapshot.ByKeyId.TryGetValue(keyId, out var entry))
        {
            return None;
        }

        return issuer is null || string.Equals(entry[0].AgentId, issuer, StringComparison.Ordinal) ? entry : None;
    }

    private sealed class Snapshot
    {
        public static readonly Snapshot Empty = new(new Dictionary<string, ReadOnlyCollection<TrustedKey>>(StringComparer.Ordinal), new Dictionary<string, ReadOnlyCollection<TrustedKey>>(StringComparer.Ordinal));

        private Snapshot(Dictionary<string, ReadOnlyCollection<TrustedKey>> byAgent, Dictionary<string, ReadOnlyCollection<TrustedKey>> byKeyId)
        {
            ByAgent = byAgent;
            ByKeyId = byKeyId;
        }

        public Dictionary<string, ReadOnlyCollection<TrustedKey>> ByAgent { get; }

        // Each entry holds exactly one key; a ready one-element list keeps ResolveKeys allocation-free.
        public Dictionary<string, ReadOnlyCollection<TrustedKey>> ByKeyId { get; }

        public Snapshot With(IReadOnlyList<TrustedKey> added, string? replaceAgent)
        {
            var all = ByAgent.Where(pair => pair.Key != replaceAgent).SelectMany(pair => pair.Value).ToList();
            foreach (var key in added)
            {
                var clash = all.FirstOrDefault(k => k.KeyId == key.KeyId || k.PublicKey.Equals(key.PublicKey));
                if (clash is null)
                {
                    all.Add(key);
                }
                else if (clash.AgentId != key.AgentId)
                {
                    throw new InvalidOperationException(clash.KeyId == key.KeyId
                        ? $"The kid '{key.KeyId}' is already trusted for agent '{clash.AgentId}'; one key belongs to one agent."
                        : $"This key is already trusted for agent '{clash.AgentId}' (kid '{clash.KeyId}'); one key belongs to one agent.");
                }
                else if (clash.KeyId == key.KeyId && !clash.PublicKey.Equals(key.PublicKey))
                {
                    throw new InvalidOperationException($"Agent '{key.AgentId}' already has a different key with kid '{key.KeyId}'.");
                }
                else if (clash.KeyId != key.KeyId)
                {
                    throw new InvalidOperationException($"Agent '{key.AgentId}' already trusts this key under kid '{clash.KeyId}'.");
                }
            }

            var byAgent = all.GroupBy(k => k.AgentId, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.ToList().AsReadOnly(), StringComparer.Ordinal);
            var byKeyId = all.ToDictionary(k => k.KeyId, k => new List<TrustedKey> { k }.AsReadOnly(), StringComparer.Ordinal);
            return new Snapshot(byAgent, byKeyId);
        }
    }
}
