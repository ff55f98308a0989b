namespace A2AGen.Hosting;

/// <summary>
/// An agent mapped by <c>MapA2AAgent</c>. Its <see cref="AgentHost"/> (keys, card, options) is made when the host
/// starts (<see cref="A2AStartup"/>), so every configuration problem is a startup problem that <c>RunA2AAsync</c> can
/// report in one line, not an exception thrown from <c>Program.cs</c> before the host runs.
/// </summary>
internal sealed class MappedAgent(A2AAgentRegistration registration, string path, A2ABindings bindings)
{
    private AgentHost? _host;

    public A2AAgentRegistration Registration { get; } = registration;

    public string Path { get; } = path;

    /// <summary>The bindings this agent serves (and its card lists).</summary>
    public A2ABindings Bindings { get; } = bindings;

    /// <summary>The agent's gRPC endpoint (opened when Kestrel is configured, when the agent serves gRPC).</summary>
    public GrpcEndpoint Grpc { get; } = new();

    /// <summary>The started agent. Kestrel starts after every agent, so a request never sees it missing.</summary>
    public AgentHost Host => Volatile.Read(ref _host)
        ?? throw new InvalidOperationException($"A2A agent '{Registration.AgentId}' has not started; start the host (app.RunA2AAsync()) before sending it requests.");

    public bool IsStarted => Volatile.Read(ref _host) is not null;

    public void Start(AgentHost host) => Volatile.Write(ref _host, host);
}
