namespace A2AGen.Security;

/// <summary>The outcome of verifying a received Agent Card.</summary>
public sealed class AgentCardVerificationResult
{
    private AgentCardVerificationResult(AgentCardVerificationStatus status, VerificationFailure failure, string? detail, TrustedKey? key, bool keyFromJwkSetUrl, int signatureIndex)
    {
        Status = status;
        Failure = failure;
        Detail = detail;
        Key = key;
        KeyFromJwkSetUrl = keyFromJwkSetUrl;
        SignatureIndex = signatureIndex;
    }

    /// <summary>Verified, Unverified or Invalid.</summary>
    public AgentCardVerificationStatus Status { get; }

    /// <summary>Whether the card is authentic (<see cref="AgentCardVerificationStatus.Verified"/>).</summary>
    public bool IsVerified => Status == AgentCardVerificationStatus.Verified;

    /// <summary>Why the card is not verified (<see cref="VerificationFailure.None"/> when it is).</summary>
    public VerificationFailure Failure { get; }

    /// <summary>The stable reason code of <see cref="Failure"/>.</summary>
    public string ReasonCode => Failure.ToReasonCode();

    /// <summary>A human-readable description of the failure (never secrets).</summary>
    public string? Detail { get; }

    /// <summary>The key that verified the card, with its agent id; null unless verified.</summary>
    public TrustedKey? Key { get; }

    /// <summary>Whether that key came from the card's allow-listed <c>jku</c> rather than the local trust store.</summary>
    public bool KeyFromJwkSetUrl { get; }

    /// <summary>Index of the verified (or first failing) entry in <c>signatures</c>; -1 when none applies.</summary>
    public int SignatureIndex { get; }

    /// <inheritdoc />
    public override string ToString() => IsVerified ? $"Verified by {Key!.AgentId}/{Key.KeyId}" : $"{Status}: {ReasonCode} ({Detail})";

    internal static AgentCardVerificationResult Verified(TrustedKey key, bool fromJwkSetUrl, int index) =>
        new(AgentCardVerificationStatus.Verified, VerificationFailure.None, null, key, fromJwkSetUrl, index);

    internal static AgentCardVerificationResult Unverified(VerificationFailure failure, string detail, int index = -1) =>
        new(AgentCardVerificationStatus.Unverified, failure, detail, null, false, index);

    internal static AgentCardVerificationResult Invalid(VerificationFailure failure, string detail, int index = -1) =>
        new(AgentCardVerificationStatus.Invalid, failure, detail, null, false, index);
}
