namespace A2AGen.Provenance;

/// <summary>
/// Bounds on what a verifier reads, so a hostile chain costs little: depth, number of envelopes, total size and
/// parents per statement. A chain over any of them is refused (<see cref="ProvenanceReasons.ChainTooDeep"/>,
/// <see cref="ProvenanceReasons.ChainTooLarge"/>) before its signatures are checked.
/// </summary>
public sealed record ProvenanceLimits
{
    /// <summary>The defaults: depth 32, 256 envelopes, 1 MiB, 64 parents per statement.</summary>
    public static ProvenanceLimits Default { get; } = new();

    /// <summary>The longest path from the envelope to its oldest ancestor, in links (the envelope itself is depth 0).</summary>
    public int MaxDepth { get; init; } = 32;

    /// <summary>The most envelopes one chain may hold, the envelope included.</summary>
    public int MaxLinks { get; init; } = 256;

    /// <summary>The most bytes of JSON one chain may take (the carried envelope with its ancestors, plus resolved parents).</summary>
    public int MaxChainBytes { get; init; } = 1024 * 1024;

    /// <summary>The most parents one statement may name.</summary>
    public int MaxParents { get; init; } = 64;
}
