namespace A2AGen.Provenance;

/// <summary>How a <see cref="ProvenanceSigner"/> signs.</summary>
public sealed record ProvenanceSigningOptions
{
    /// <summary>The <c>kid</c> header; by default the key's RFC 7638 thumbprint (what verifiers' trust stores use).</summary>
    public string? KeyId { get; init; }

    /// <summary>How long an envelope stays valid (<c>exp</c> − <c>iat</c>); null (the default) writes no <c>exp</c>.</summary>
    public TimeSpan? Lifetime { get; init; }

    /// <summary>Whether envelopes carry their parents' envelopes as <c>ancestors</c> (default true), so a receiver can verify the whole chain from the message alone.</summary>
    public bool CarryAncestors { get; init; } = true;

    /// <summary>The clock for <c>iat</c>.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
