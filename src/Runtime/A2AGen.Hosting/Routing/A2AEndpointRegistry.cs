namespace A2AGen.Hosting;

/// <summary>The paths already mapped in this host, so two agents never share one.</summary>
internal sealed class A2AEndpointRegistry
{
    private readonly Dictionary<string, string> _paths = new(StringComparer.OrdinalIgnoreCase);

    public void Claim(string path, string agentId)
    {
        lock (_paths)
        {
            if (_paths.TryGetValue(path, out var existing))
            {
                throw new InvalidOperationException($"MapA2AAgent: path '{path}' is already mapped to agent '{existing}'; give agent '{agentId}' its own path.");
            }

            _paths[path] = agentId;
        }
    }
}
