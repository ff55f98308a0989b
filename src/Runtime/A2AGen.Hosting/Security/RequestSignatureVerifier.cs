using A2AGen.Security;

namespace A2AGen.Hosting;

/// <summary>
/// The hosting's request-signature check: the agent's <see cref="RequestSignatureValidator"/> (host trust store,
/// replay cache, the agent's clock skew and maximum lifetime) against the URL the agent is reached under — its
/// configured public URL (and <see cref="A2AAgentOptions.AcceptedRequestUrls"/>), else the URL of the request — the
/// request's method and its exact body bytes. Failures become HTTP 401 with the failed check as the reason; an
/// unavailable replay cache becomes HTTP 503.
/// </summary>
internal sealed class RequestSignatureVerifier : IRequestSignatureVerifier
{
    public async ValueTask<RequestSignatureOutcome> VerifyAsync(A2ARequest request, string token, SignatureHeader header)
    {
        var agent = request.Agent;
        var http = request.Http.Request;
        var audience = request.Binding.AudienceTarget(request);
        var url = request.Binding.UrlTarget(request);
        var body = request.Body!.Memory;
        var result = header == SignatureHeader.A2A
            ? await agent.SignatureValidator.ValidateAsync(token, http.Method, audience, url, body, request.Aborted).ConfigureAwait(false)
            : await agent.SignatureValidator.ValidateCapiscioAsync(token, http.Method, audience, url, body, request.Aborted).ConfigureAwait(false);
        if (result.IsValid)
        {
            return RequestSignatureOutcome.Success(result.Signature!);
        }

        if (result.IsUnavailable)
        {
            return RequestSignatureOutcome.Failure(A2AError.Unavailable(result.Reason!, "The request signature could not be checked against the replay cache; retry with a new signature."));
        }

        var name = header == SignatureHeader.A2A ? "A2A-Signature" : "CapiscIO signature";
        var detail = $"The {name} was refused: {result.Detail}.";
        // Unknown issuer, unknown key and a key of another agent get one answer (no trust enumeration); the log keeps which.
        return RequestSignatureOutcome.Failure(RequestSignatureReasons.IsUntrustedSigner(result.Reason)
            ? A2AError.Unauthenticated(RequestSignatureReasons.IssuerUntrusted, $"The {name} was refused: no key this agent trusts for its issuer has its kid.", result.Reason!, detail)
            : A2AError.Unauthenticated(result.Reason!, detail));
    }
}
