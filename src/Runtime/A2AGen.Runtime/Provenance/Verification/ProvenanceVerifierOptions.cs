namespace A2AGen.Provenance;

/// <summary>The rules of a <see cref="ProvenanceVerifier"/>.</summary>
public sealed record ProvenanceVerifierOptions
{
    /// <summary>Acceptable <c>alg</c> values: a subset of <c>EdDSA</c> and <c>ES256</c>.</summary>
    public IReadOnlyCollection<string> AllowedAlgorithms { get; init; } = ["EdDSA", "ES256"];

    /// <summary>Depth, link count and size bounds.</summary>
    public ProvenanceLimits Limits { get; init; } = ProvenanceLimits.Default;

    /// <summary>Tolerance for clocks that disagree (default 60 s, at most 5 min).</summary>
    public TimeSpan ClockSkew { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Where parents that did not travel along are looked up (after the carried ancestors); null for none.</summary>
    public IProvenanceParentResolver? ParentResolver { get; init; }

    /// <summary>How many verified chains to remember (0 turns the cache off). A hit still re-checks keys, times, binding, audience and content.</summary>
    public int CacheCapacity { get; init; } = 1000;

    /// <summary>The clock.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
