namespace A2AGen.Protocol;

/// <summary>One endpoint of an agent: URL, binding and protocol version (§4.4.6).</summary>
public sealed record AgentInterface
{
    /// <summary>The JSON-RPC binding name.</summary>
    public const string JsonRpcBinding = A2AProtocol.JsonRpcBinding;

    /// <summary>The HTTP+JSON (REST) binding name.</summary>
    public const string HttpJsonBinding = A2AProtocol.HttpJsonBinding;

    /// <summary>The gRPC binding name.</summary>
    public const string GrpcBinding = A2AProtocol.GrpcBinding;

    /// <summary>The endpoint URL. Required.</summary>
    public string Url { get; init => field = value ?? ""; } = "";

    /// <summary>The protocol binding, e.g. <c>JSONRPC</c>. Required.</summary>
    public string ProtocolBinding { get; init => field = value ?? ""; } = JsonRpcBinding;

    /// <summary>Tenant id to send with requests.</summary>
    public string? Tenant { get; init; }

    /// <summary>The A2A protocol version, e.g. <c>1.0</c>. Required.</summary>
    public string ProtocolVersion { get; init => field = value ?? ""; } = A2AProtocol.Version;
}
