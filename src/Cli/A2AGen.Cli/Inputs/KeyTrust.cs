using A2AGen.Security;

namespace A2AGen.Cli.Inputs;

/// <summary>
/// The keys a verifying command trusts: a trust folder (keys bound to agent ids, exactly as agents trust peers) and
/// keys given explicitly with <c>--jwks</c>, which vouch for whatever issuer the token or card names — the user
/// said "this is the signer's key set".
/// </summary>
internal sealed class KeyTrust : IJwsKeyResolver
{
    private readonly List<JsonWebKey> _explicitKeys;

    public KeyTrust(TrustStore store, IReadOnlyList<JsonWebKey> explicitKeys, string? explicitSource, string? explicitAgentId, IReadOnlyList<string> storeSources)
    {
        Store = store;
        _explicitKeys = [.. explicitKeys];
        ExplicitSource = explicitSource;
        ExplicitAgentId = explicitAgentId;
        StoreSources = storeSources;
    }

    /// <summary>Keys bound to agent ids (trust folder, <c>A2AGEN_TRUSTED_KEYS</c>).</summary>
    public TrustStore Store { get; }

    /// <summary>Where the explicit keys came from (<c>--jwks</c>), if any.</summary>
    public string? ExplicitSource { get; }

    /// <summary>The agent the explicit keys belong to (<c>--agent-id</c>), if said.</summary>
    public string? ExplicitAgentId { get; }

    /// <summary>Where the store's keys came from.</summary>
    public IReadOnlyList<string> StoreSources { get; }

    /// <summary>How many keys are trusted in all.</summary>
    public int Count => _explicitKeys.Count + Store.Keys.Count;

    /// <summary>One line naming the trust sources.</summary>
    public string Describe()
    {
        var parts = new List<string>();
        if (ExplicitSource is not null)
        {
            parts.Add($"--jwks {ExplicitSource} ({Plural(_explicitKeys.Count, "key")})");
        }

        parts.AddRange(StoreSources);
        return parts.Count == 0 ? "no trusted keys" : string.Join("; ", parts);
    }

    /// <summary>Where a key that verified came from.</summary>
    public string SourceOf(TrustedKey key) =>
        _explicitKeys.Any(k => k.KeyId == key.KeyId && k.PublicKey.Equals(key.PublicKey)) && ExplicitSource is not null
            ? $"--jwks {ExplicitSource}"
            : $"the trust store (agent '{key.AgentId}')";

    /// <inheritdoc />
    public IReadOnlyList<TrustedKey> ResolveKeys(string? issuer, string? keyId)
    {
        var keys = new List<TrustedKey>();

        // Keys said to be one agent's (--agent-id) never vouch for another issuer.
        bool explicitApply = ExplicitAgentId is null || issuer is null || string.Equals(issuer, ExplicitAgentId, StringComparison.Ordinal);
        foreach (var jwk in explicitApply ? _explicitKeys : [])
        {
            if (keyId is null || string.Equals(jwk.KeyId, keyId, StringComparison.Ordinal))
            {
                keys.Add(new TrustedKey(issuer ?? ExplicitAgentId ?? "(--jwks)", jwk.KeyId, jwk.PublicKey));
            }
        }

        keys.AddRange(Store.ResolveKeys(issuer, keyId));
        return keys;
    }

    private static string Plural(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";
}
