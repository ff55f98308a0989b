using A2AGen.Client;
using A2AGen.Protocol;
using A2AGen.Security;
using Grpc.Net.Client;

namespace A2AGen.Hosting;

/// <summary>
/// Lets <see cref="A2AClient"/> speak the gRPC binding (the spec's <c>a2a.proto</c>, <c>lf.a2a.v1.A2AService</c>):
/// add it to <see cref="A2AClientOptions.Transports"/> — <c>new A2AClientOptions { Transports = [new A2AGrpcTransportFactory(signer)] }</c>
/// — and the client may pick a card's <c>GRPC</c> interface (<see cref="A2AClientOptions.PreferredBindings"/> decides).
/// Calls go over the client's <see cref="HttpClient"/> (HTTP/2; over <c>http://</c> with prior knowledge), so its
/// handlers (mutual TLS) apply; <see cref="A2ASigningHandler"/> lets them pass, since gRPC calls are signed over the
/// request message here instead: with a <see cref="RequestSigner"/>, every call carries the metadata
/// <c>a2a-signature</c> — the same compact JWS as on HTTP, with <c>htm</c> <c>POST</c>, <c>htu</c> the interface URL
/// with its path replaced by <c>/lf.a2a.v1.A2AService/{Method}</c>, <c>aud</c> the interface URL as the card lists
/// it, and <c>bh</c> the base64url SHA-256 of the serialized request message as sent.
/// </summary>
public sealed class A2AGrpcTransportFactory : IA2ATransportFactory
{
    /// <summary>Creates the factory.</summary>
    /// <param name="signer">Signs every call as the calling agent; null sends unsigned calls.</param>
    public A2AGrpcTransportFactory(RequestSigner? signer = null)
    {
        Signer = signer;
    }

    /// <summary>The signer of every call, or null.</summary>
    public RequestSigner? Signer { get; }

    /// <inheritdoc />
    public string ProtocolBinding => AgentInterface.GrpcBinding;

    /// <summary>Whether the interface URL is an absolute <c>http</c> or <c>https</c> URL (a bare <c>host:port</c> target is not called: its transport security is unknown).</summary>
    /// <param name="agentInterface">The interface.</param>
    public bool CanCall(AgentInterface agentInterface)
    {
        ArgumentNullException.ThrowIfNull(agentInterface);
        return HttpUrl(agentInterface.Url) is not null;
    }

    /// <inheritdoc />
    public A2AClientTransport Create(HttpClient httpClient, AgentInterface agentInterface, A2AClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(agentInterface);
        ArgumentNullException.ThrowIfNull(options);
        var url = HttpUrl(agentInterface.Url) ?? throw new ArgumentException("The gRPC interface URL must be an absolute http or https URL.", nameof(agentInterface));
        var channel = GrpcChannel.ForAddress(url, new GrpcChannelOptions
        {
            HttpClient = httpClient,
            DisposeHttpClient = false,
            MaxReceiveMessageSize = options.MaxResponseSize,
        });
        return new GrpcTransport(channel, url, Signer, options.Retry);
    }

    private static Uri? HttpUrl(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp) ? uri : null;
}
