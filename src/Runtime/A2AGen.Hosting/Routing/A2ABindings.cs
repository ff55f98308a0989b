namespace A2AGen.Hosting;

/// <summary>The A2A protocol bindings an agent serves (spec §5); its card lists one interface per binding served.</summary>
[Flags]
public enum A2ABindings
{
    /// <summary>JSON-RPC 2.0 (spec §9): POST to the agent's path.</summary>
    JsonRpc = 1,

    /// <summary>HTTP+JSON (spec §11): the REST routes under the agent's path (<c>/message:send</c>, <c>/tasks/{id}</c>, …), also under <c>/{tenant}/</c>.</summary>
    HttpJson = 2,

    /// <summary>
    /// gRPC (spec §10): the <c>lf.a2a.v1.A2AService</c> methods over HTTP/2, on the agent's gRPC endpoint
    /// (<see cref="A2AAgentOptions.GrpcUrl"/>: by default a cleartext HTTP/2 endpoint A2AGen opens beside the host's
    /// first <c>http://</c> address).
    /// </summary>
    Grpc = 4,

    /// <summary>Every binding A2AGen serves.</summary>
    All = JsonRpc | HttpJson | Grpc,
}
