namespace A2AGen.Hosting;

/// <summary>The agents mapped in this host, one per path.</summary>
internal sealed class A2AEndpointRegistry
{
    private readonly Dictionary<string, string> _paths = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<MappedAgent> _agents = [];
    private bool _grpcRoutesMapped;
    private MappedAgent[] _grpcAgents = [];

    /// <summary>The mapped agents, in mapping order.</summary>
    public IReadOnlyList<MappedAgent> Agents
    {
        get
        {
            lock (_paths)
            {
                return [.. _agents];
            }
        }
    }

    /// <summary>The agent whose gRPC endpoint the connection of <paramref name="http"/> came in through, or null.</summary>
    public MappedAgent? GrpcAgentFor(Microsoft.AspNetCore.Http.HttpContext http)
    {
        foreach (var agent in Volatile.Read(ref _grpcAgents))
        {
            if (agent.Grpc.Accepts(http.Connection))
            {
                return agent;
            }
        }

        return null;
    }

    /// <summary>Claims the gRPC routes for the host (they are mapped once, for every agent); false when already claimed.</summary>
    public bool ClaimGrpcRoutes()
    {
        lock (_paths)
        {
            if (_grpcRoutesMapped)
            {
                return false;
            }

            _grpcRoutesMapped = true;
            return true;
        }
    }

    public MappedAgent Claim(string path, A2AAgentRegistration registration, A2ABindings bindings)
    {
        lock (_paths)
        {
            if (_paths.TryGetValue(path, out var existing))
            {
                throw new InvalidOperationException($"MapA2AAgent: path '{path}' is already mapped to agent '{existing}'; give agent '{registration.AgentId}' its own path.");
            }

            _paths[path] = registration.AgentId;
            var agent = new MappedAgent(registration, path, bindings);
            _agents.Add(agent);
            if (bindings.HasFlag(A2ABindings.Grpc))
            {
                Volatile.Write(ref _grpcAgents, [.. _grpcAgents, agent]);
            }
            return agent;
        }
    }
}
