using A2AGen.Protocol;

namespace A2AGen.Client;

/// <summary>
/// Makes the <see cref="A2AClientTransport"/> of one protocol binding for an interface of a verified card. The runtime
/// has factories for <c>JSONRPC</c> and <c>HTTP+JSON</c>; add others (gRPC: <c>A2AGrpcTransportFactory</c> in
/// <c>A2AGen.Hosting</c>) through <see cref="A2AClientOptions.Transports"/>.
/// </summary>
public interface IA2ATransportFactory
{
    /// <summary>The binding this factory speaks, as cards name it (compared case-insensitively).</summary>
    string ProtocolBinding { get; }

    /// <summary>Whether this factory can call <paramref name="agentInterface"/> (e.g. its URL scheme is one it speaks).</summary>
    /// <param name="agentInterface">An interface of the card with this factory's binding and A2A 1.0.</param>
    bool CanCall(AgentInterface agentInterface);

    /// <summary>Creates the transport.</summary>
    /// <param name="httpClient">The client's HTTP client (its handlers: signing, mutual TLS).</param>
    /// <param name="agentInterface">The interface to call.</param>
    /// <param name="options">The client's settings (limits).</param>
    A2AClientTransport Create(HttpClient httpClient, AgentInterface agentInterface, A2AClientOptions options);
}
