using A2AGen.Security;

namespace A2AGen.Client;

/// <summary>
/// Verifies a fetched card's JWS signatures against trusted keys (DESIGN §6.2): Verified cards are accepted; Invalid
/// cards (a signature that does not verify with the trusted key, a malformed card or header) are always refused
/// (<c>CARD_SIGNATURE_INVALID</c>); Unverified cards (no signature, or only keys nobody trusts) are refused
/// (<c>CARD_UNVERIFIED</c>) unless <see cref="AllowUnverified"/> is set — an explicit opt-in, recorded on the card as
/// <see cref="AgentCardVerificationStatus.Unverified"/>.
/// </summary>
public sealed class AgentCardTrustVerifier : IAgentCardVerifier
{
    private readonly AgentCardVerifier _verifier;

    /// <summary>Creates the verifier.</summary>
    /// <param name="trust">Trusted keys by agent id (usually a <see cref="TrustStore"/>); null trusts nobody (only an allow-listed <c>jku</c> can then verify a card).</param>
    /// <param name="expectedAgentId">The agent the card must be signed by; null accepts any trusted agent (the result says which).</param>
    /// <param name="allowUnverified">Accept cards without a trusted signature (never cards with an invalid one).</param>
    /// <param name="options">Algorithms and the <c>jku</c> allow-list.</param>
    public AgentCardTrustVerifier(IJwsKeyResolver? trust, string? expectedAgentId = null, bool allowUnverified = false, AgentCardVerificationOptions? options = null)
    {
        _verifier = new AgentCardVerifier(trust ?? new TrustStore(), options);
        ExpectedAgentId = expectedAgentId;
        AllowUnverified = allowUnverified;
    }

    /// <summary>The agent the card must be signed by, or null.</summary>
    public string? ExpectedAgentId { get; }

    /// <summary>Whether Unverified cards are accepted.</summary>
    public bool AllowUnverified { get; }

    /// <inheritdoc />
    public async ValueTask<AgentCardVerificationResult?> VerifyAsync(ResolvedAgentCard card, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(card);
        var result = await _verifier.VerifyAsync(card.Json, ExpectedAgentId, cancellationToken).ConfigureAwait(false);
        if (result.Status == AgentCardVerificationStatus.Invalid)
        {
            throw new A2AClientException($"The Agent Card at {card.Url} has an invalid signature ({result.ReasonCode}: {result.Detail}); it was changed or forged.", reason: "CARD_SIGNATURE_INVALID")
            {
                Metadata = new Dictionary<string, string> { ["verification"] = result.ReasonCode },
            };
        }

        if (result.Status == AgentCardVerificationStatus.Unverified && !AllowUnverified)
        {
            var why = $"{result.ReasonCode}: {result.Detail}";
            throw new A2AClientException(
                $"The Agent Card at {card.Url} is not signed by a trusted key ({why}). Trust the agent's key (A2AClientOptions.CardTrust) " +
                "or, knowingly, accept unverified cards (A2AClientOptions.AllowUnverifiedCard).",
                reason: "CARD_UNVERIFIED")
            {
                Metadata = new Dictionary<string, string> { ["verification"] = result.ReasonCode },
            };
        }

        return result;
    }
}
