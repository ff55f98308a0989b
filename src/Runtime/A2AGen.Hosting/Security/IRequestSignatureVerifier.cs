using A2AGen.Security;
using Microsoft.AspNetCore.Http;

namespace A2AGen.Hosting;

/// <summary>
/// Checks the <c>A2A-Signature</c> header of a request (DESIGN §6.4): trust-store key by <c>iss</c>/<c>kid</c>, the
/// <c>aud</c>/<c>htm</c>/<c>htu</c>/<c>bh</c>/time claims and the <c>jti</c> replay cache. Called by the pipeline only
/// when the header is present; the pipeline decides whether a missing signature is acceptable.
/// </summary>
internal interface IRequestSignatureVerifier
{
    /// <summary>Verifies <paramref name="signature"/> over the request and its exact body bytes.</summary>
    ValueTask<RequestSignatureOutcome> VerifyAsync(HttpContext context, string agentId, string signature, ReadOnlyMemory<byte> body);
}

/// <summary>A verified signature, or the reason (HTTP 401) it was refused.</summary>
internal readonly record struct RequestSignatureOutcome(VerifiedRequestSignature? Verified, A2AError? Error)
{
    public static RequestSignatureOutcome Success(VerifiedRequestSignature verified) => new(verified, null);

    public static RequestSignatureOutcome Failure(A2AError error) => new(null, error);
}
