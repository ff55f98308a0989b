using A2AGen.Passport;
using A2AGen.Security;

namespace A2AGen.Hosting;

/// <summary>
/// Checks a well-formed Secure Passport for one hosted agent (DESIGN §6.5): its signature with the trust store's keys
/// of <c>clientId</c>, the protected header's times and audience, and — when the request is signed too — that its
/// <c>iss</c> is the passport's client.
/// </summary>
internal interface IPassportVerifier
{
    /// <summary>Verified, Unsigned, or the failed check.</summary>
    /// <param name="agent">The agent the passport was sent to (its id is an accepted <c>aud</c>).</param>
    /// <param name="passport">The passport as read from the message.</param>
    /// <param name="requestSignature">The request's verified signature, or null for an unsigned request.</param>
    /// <param name="endpoint">The agent's endpoint URLs for this request (accepted <c>aud</c> values).</param>
    /// <param name="cancellationToken">Cancellation.</param>
    ValueTask<PassportVerificationResult> VerifyAsync(AgentHost agent, CallerContext passport, VerifiedRequestSignature? requestSignature, RequestTarget endpoint, CancellationToken cancellationToken);
}
