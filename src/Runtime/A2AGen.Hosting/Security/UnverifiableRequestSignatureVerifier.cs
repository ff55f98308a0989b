using Microsoft.AspNetCore.Http;

namespace A2AGen.Hosting;

/// <summary>
/// The verifier of a host without A2AGen's security core: it cannot check signatures, so it refuses every signed
/// request (HTTP 401) rather than ignore the signature — a signature that is present is always verified or refused.
/// </summary>
internal sealed class UnverifiableRequestSignatureVerifier : IRequestSignatureVerifier
{
    public ValueTask<RequestSignatureOutcome> VerifyAsync(HttpContext context, string agentId, string signature, ReadOnlyMemory<byte> body) =>
        ValueTask.FromResult(RequestSignatureOutcome.Failure(A2AError.Unauthenticated(
            SecurityReasons.RequestSignatureUnverifiable,
            "The request carries an A2A-Signature, but this server has no request-signature verifier configured, so it refuses the request rather than ignore the signature.")));
}
