using A2AGen.Security;

namespace A2AGen.Client;

/// <summary>
/// Decides whether a fetched Agent Card can be trusted, for example by verifying its JWS signatures against a trust
/// store (<see cref="AgentCardTrustVerifier"/>, the default of <see cref="A2AClient.ConnectAsync"/>). Throw
/// <see cref="A2AClientException"/> (with a reason) to refuse the card; return to accept it.
/// </summary>
public interface IAgentCardVerifier
{
    /// <summary>Checks <paramref name="card"/>; throws to refuse it.</summary>
    /// <param name="card">The card as fetched: parsed, with its exact bytes and source URL.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The signature verification result to record on the card (<see cref="ResolvedAgentCard.Verification"/>), or null when the verifier checks something else.</returns>
    ValueTask<AgentCardVerificationResult?> VerifyAsync(ResolvedAgentCard card, CancellationToken cancellationToken);
}
