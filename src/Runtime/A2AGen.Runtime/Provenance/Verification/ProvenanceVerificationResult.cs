namespace A2AGen.Provenance;

/// <summary>
/// The outcome of verifying content's provenance chain: the overall status (Invalid if any link is, else Unverified if
/// any link is, else Verified), the first failure, every link in chain order (the content's own envelope first, then
/// depth-first through its parents), and the chain of custody in time order.
/// </summary>
public sealed class ProvenanceVerificationResult
{
    private List<ProvenanceCustodyEntry>? _trail;

    internal ProvenanceVerificationResult(ProvenanceStatus status, string? reason, string? detail, IReadOnlyList<ProvenanceLinkResult> links, bool bindingChecked, bool audienceChecked, bool fromCache)
    {
        Status = status;
        Reason = reason;
        Detail = detail;
        Links = links;
        BindingChecked = bindingChecked;
        AudienceChecked = audienceChecked;
        FromCache = fromCache;
    }

    /// <summary>The overall outcome.</summary>
    public ProvenanceStatus Status { get; }

    /// <summary>Whether every link verified.</summary>
    public bool IsVerified => Status == ProvenanceStatus.Verified;

    /// <summary>The first failed check (<see cref="ProvenanceReasons"/>), or null.</summary>
    public string? Reason { get; }

    /// <summary>The first failure in words (which link, which check).</summary>
    public string? Detail { get; }

    /// <summary>Every link, the content's own envelope first.</summary>
    public IReadOnlyList<ProvenanceLinkResult> Links { get; }

    /// <summary>The content's own envelope's link, if there was an envelope.</summary>
    public ProvenanceLinkResult? Root => Links.Count > 0 ? Links[0] : null;

    /// <summary>The chain of custody, oldest first (parents before what was made from them).</summary>
    public IReadOnlyList<ProvenanceCustodyEntry> CustodyTrail => _trail ??= BuildTrail();

    /// <summary>Whether the task and context were compared with expectations (false: the caller gave none).</summary>
    public bool BindingChecked { get; }

    /// <summary>Whether an <c>aud</c> was compared with this verifier's names (false: no <c>aud</c>, or no names given).</summary>
    public bool AudienceChecked { get; }

    /// <summary>Whether the signatures were found in the verified-chain cache (keys, times, binding and content were checked again).</summary>
    public bool FromCache { get; }

    /// <inheritdoc />
    public override string ToString() => IsVerified ? $"Verified ({Links.Count} links)" : $"{Status} ({Reason}): {Detail}";

    private List<ProvenanceCustodyEntry> BuildTrail()
    {
        var links = Links;
        return links
            .Where(l => l.Envelope is not null)
            .OrderBy(l => l.Statement!.IssuedAt)
            .ThenByDescending(l => l.Depth)
            .Select(l => new ProvenanceCustodyEntry(
                l.Statement!.Issuer,
                l.Statement.Kind,
                l.Statement.ContentId,
                l.Statement.TaskId,
                l.Statement.ContextId,
                DateTimeOffset.FromUnixTimeSeconds(l.Statement.IssuedAt),
                l.Statement.ExpiresAt is { } exp ? DateTimeOffset.FromUnixTimeSeconds(exp) : null,
                l.Digest!,
                l.Statement.Digest,
                l.ParentDigests,
                l.Status,
                l.Key?.KeyId))
            .ToList();
    }
}
