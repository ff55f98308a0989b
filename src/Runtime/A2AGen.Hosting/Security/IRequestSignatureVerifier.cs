using A2AGen.Security;

namespace A2AGen.Hosting;

/// <summary>
/// Checks the request signature of a request (DESIGN §6.4): trust-store key by <c>iss</c>/<c>kid</c>, the
/// <c>aud</c>/<c>htm</c>/<c>htu</c>/<c>bh</c>/time claims and the <c>jti</c> replay cache. Called by the pipeline only
/// when a signature header is present; the pipeline decides whether a missing signature is acceptable.
/// </summary>
internal interface IRequestSignatureVerifier
{
    /// <summary>Verifies <paramref name="token"/> over the request and its exact body bytes.</summary>
    ValueTask<RequestSignatureOutcome> VerifyAsync(A2ARequest request, string token, SignatureHeader header);
}

/// <summary>Which header carried the signature.</summary>
internal enum SignatureHeader
{
    /// <summary><c>A2A-Signature</c> (DESIGN §6.4).</summary>
    A2A,

    /// <summary><c>X-Capiscio-JWS</c> or <c>X-Capiscio-Badge</c> (compatibility mode).</summary>
    Capiscio,
}

/// <summary>A verified signature, or the reason (HTTP 401, or 503 when the replay cache is down) it was refused.</summary>
internal readonly record struct RequestSignatureOutcome(VerifiedRequestSignature? Verified, A2AError? Error)
{
    public static RequestSignatureOutcome Success(VerifiedRequestSignature verified) => new(verified, null);

    public static RequestSignatureOutcome Failure(A2AError error) => new(null, error);
}
