using A2AGen.Protocol;

namespace A2AGen.Client;

/// <summary>
/// Picks the interface of a verified card to call: the first binding of <see cref="A2AClientOptions.PreferredBindings"/>
/// that the card lists for A2A 1.0 and that a transport can call (<see cref="A2AClientOptions.Transports"/> first, then
/// the built-in JSON-RPC and HTTP+JSON); among interfaces of that binding, the card's order.
/// </summary>
internal static class TransportSelection
{
    public static (AgentInterface Interface, IA2ATransportFactory Factory)? Select(AgentCard card, A2AClientOptions options)
    {
        var interfaces = card.SupportedInterfaces ?? [];
        foreach (var binding in options.PreferredBindings)
        {
            foreach (var candidate in interfaces)
            {
                if (candidate is not null
                    && string.Equals(candidate.ProtocolBinding, binding, StringComparison.OrdinalIgnoreCase)
                    && IsVersion1(candidate.ProtocolVersion)
                    && FactoryFor(candidate, options) is { } factory)
                {
                    return (candidate, factory);
                }
            }
        }

        return null;
    }

    /// <summary>The factory that can call <paramref name="agentInterface"/>, or null.</summary>
    public static IA2ATransportFactory? FactoryFor(AgentInterface agentInterface, A2AClientOptions options)
    {
        foreach (var factory in options.Transports)
        {
            if (string.Equals(factory.ProtocolBinding, agentInterface.ProtocolBinding, StringComparison.OrdinalIgnoreCase) && factory.CanCall(agentInterface))
            {
                return factory;
            }
        }

        foreach (var factory in (ReadOnlySpan<IA2ATransportFactory>)[BuiltInTransports.JsonRpc, BuiltInTransports.HttpJson])
        {
            if (string.Equals(factory.ProtocolBinding, agentInterface.ProtocolBinding, StringComparison.OrdinalIgnoreCase) && factory.CanCall(agentInterface))
            {
                return factory;
            }
        }

        return null;
    }

    public static bool IsVersion1(string? version) =>
        version is not null && (version == "1" || version.StartsWith("1.0", StringComparison.Ordinal) && (version.Length == 3 || version[3] == '.'));
}
