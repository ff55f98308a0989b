namespace A2AGen.Provenance;

/// <summary>One step of the chain of custody: who produced what, in which task, from what, when — and whether it verified.</summary>
/// <param name="Issuer">The producing agent (<c>iss</c>).</param>
/// <param name="Kind">Artifact or message.</param>
/// <param name="ContentId">The artifact or message id.</param>
/// <param name="TaskId">The task it was produced in.</param>
/// <param name="ContextId">The context.</param>
/// <param name="IssuedAt">When it was signed.</param>
/// <param name="ExpiresAt">When the envelope expires, if ever.</param>
/// <param name="EnvelopeDigest">The envelope's digest (how children cite it).</param>
/// <param name="ContentDigest">The content digest the statement names.</param>
/// <param name="MadeFrom">The parent envelopes' digests.</param>
/// <param name="Status">How its link verified.</param>
/// <param name="KeyId">The <c>kid</c> of the key that verified it, if any.</param>
public sealed record ProvenanceCustodyEntry(
    string Issuer,
    ProvenanceKind Kind,
    string ContentId,
    string? TaskId,
    string ContextId,
    DateTimeOffset IssuedAt,
    DateTimeOffset? ExpiresAt,
    string EnvelopeDigest,
    string ContentDigest,
    IReadOnlyList<string> MadeFrom,
    ProvenanceStatus Status,
    string? KeyId);
