using A2AGen.Security;

namespace A2AGen.Provenance;

/// <summary>One envelope of a chain and how it fared.</summary>
public sealed class ProvenanceLinkResult
{
    internal ProvenanceLinkResult(int depth, string? digest, string? claimedIssuer, ProvenanceEnvelope? envelope, string? source)
    {
        Depth = depth;
        Digest = digest;
        ClaimedIssuer = claimedIssuer;
        Envelope = envelope;
        Source = source;
    }

    /// <summary>0 for the content's own envelope, 1 for its parents, and so on.</summary>
    public int Depth { get; }

    /// <summary>The envelope's digest (as its child names it); null when the content's own envelope could not be read.</summary>
    public string? Digest { get; }

    /// <summary>The signer the child's link names (for the content's own envelope: the statement's <c>iss</c>).</summary>
    public string? ClaimedIssuer { get; }

    /// <summary>The envelope, when it was found and read.</summary>
    public ProvenanceEnvelope? Envelope { get; }

    /// <summary>The statement, when the envelope was found and read (not vouched for unless <see cref="Status"/> is Verified).</summary>
    public ProvenanceStatement? Statement => Envelope?.Statement;

    /// <summary>Where the envelope came from: <c>content</c> (the metadata), <c>carried</c> (the ancestors), <c>resolver</c>.</summary>
    public string? Source { get; }

    /// <summary>The outcome.</summary>
    public ProvenanceStatus Status { get; private set; } = ProvenanceStatus.Verified;

    /// <summary>The failed check (<see cref="ProvenanceReasons"/>), or null when Verified.</summary>
    public string? Reason { get; private set; }

    /// <summary>What failed, in words.</summary>
    public string? Detail { get; private set; }

    /// <summary>The trusted key that verified the signature (agent id, <c>kid</c>, key).</summary>
    public TrustedKey? Key { get; private set; }

    /// <summary>The signature's <c>alg</c>, once its header was read.</summary>
    public string? Algorithm { get; private set; }

    /// <summary>The digests of the parents this envelope names.</summary>
    public IReadOnlyList<string> ParentDigests => Envelope?.Statement.Parents.Select(p => p.Digest).ToList() ?? [];

    /// <inheritdoc />
    public override string ToString() => Status == ProvenanceStatus.Verified ? $"Verified ({Key?.KeyId})" : $"{Status} ({Reason}): {Detail}";

    internal ProvenanceLinkResult Fail(ProvenanceStatus status, string reason, string detail)
    {
        Status = status;
        Reason = reason;
        Detail = detail;
        return this;
    }

    internal ProvenanceLinkResult Fail(ProvenanceProblem problem) => Fail(ProvenanceStatus.Invalid, problem.Reason, problem.Detail);

    internal void SetSignature(string? algorithm, TrustedKey? key)
    {
        Algorithm = algorithm;
        Key = key;
    }
}
