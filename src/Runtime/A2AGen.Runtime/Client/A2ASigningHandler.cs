using A2AGen.Protocol;
using A2AGen.Security;

namespace A2AGen.Client;

/// <summary>
/// Signs every request that passes through it (DESIGN §6.4): the <c>A2A-Signature</c> header gets a fresh token —
/// new <c>jti</c>, <c>iat</c>/<c>exp</c> now — over the request's method, URL and the exact body bytes sent (the body is
/// buffered once; what is hashed is what goes out). Add it to an <see cref="HttpClient"/> used by
/// <see cref="A2AClient"/>, or to an <c>IHttpClientFactory</c> client (<c>AddA2ARequestSigning</c> in
/// <c>A2AGen.Hosting</c>, or <c>AddHttpMessageHandler(() =&gt; new A2ASigningHandler(signer))</c>). Place it after any
/// retry handler, so each attempt carries its own token (a resent token is a replay). Redirects to another URL fail
/// verification (<c>htu</c>); disable automatic redirects for agents. gRPC requests (<c>application/grpc</c>) pass
/// through unchanged: the gRPC transport signs the request message itself.
/// </summary>
public sealed class A2ASigningHandler : DelegatingHandler
{
    /// <summary>Creates a handler for a pipeline that supplies its inner handler (<c>IHttpClientFactory</c>).</summary>
    /// <param name="signer">Signs as the calling agent.</param>
    public A2ASigningHandler(RequestSigner signer)
    {
        Signer = signer ?? throw new ArgumentNullException(nameof(signer));
    }

    /// <summary>Creates a handler in front of <paramref name="innerHandler"/>.</summary>
    /// <param name="signer">Signs as the calling agent.</param>
    /// <param name="innerHandler">The next handler (usually a <see cref="SocketsHttpHandler"/>).</param>
    public A2ASigningHandler(RequestSigner signer, HttpMessageHandler innerHandler)
        : base(innerHandler)
    {
        Signer = signer ?? throw new ArgumentNullException(nameof(signer));
    }

    /// <summary>The signer (the calling agent's key and id).</summary>
    public RequestSigner Signer { get; }

    /// <summary>An <see cref="HttpClient"/> that signs every request as <paramref name="signer"/>'s agent, for <see cref="A2AClient"/>.</summary>
    /// <param name="signer">Signs as the calling agent.</param>
    /// <param name="innerHandler">The transport; a new <see cref="SocketsHttpHandler"/> without automatic redirects when null.</param>
    public static HttpClient CreateHttpClient(RequestSigner signer, HttpMessageHandler? innerHandler = null) =>
        new(new A2ASigningHandler(signer, innerHandler ?? new SocketsHttpHandler { AllowAutoRedirect = false }));

    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var url = request.RequestUri is { IsAbsoluteUri: true } absolute
            ? absolute
            : throw new InvalidOperationException("A2ASigningHandler needs an absolute request URL (set HttpClient.BaseAddress or use absolute URLs).");

        // gRPC calls are signed over the request message, not its HTTP/2 frames, by the gRPC transport's interceptor.
        if (request.Content?.Headers.ContentType?.MediaType is { } mediaType && mediaType.StartsWith("application/grpc", StringComparison.OrdinalIgnoreCase))
        {
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }

        // Reading buffers the content; the buffer is what is sent, so the hash covers the bytes on the wire.
        var body = request.Content is { } content ? await content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false) : [];
        var audience = request is AgentRouteRequest route ? route.Audience : url;
        request.Headers.Remove(A2AProtocol.SignatureHeader);
        request.Headers.TryAddWithoutValidation(A2AProtocol.SignatureHeader, Signer.Sign(request.Method.Method, url, audience, body));
        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }
}
