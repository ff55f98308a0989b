using Microsoft.Extensions.DependencyInjection;

namespace A2AGen.Hosting;

/// <summary>Returned by <c>AddA2AAgent&lt;TAgent&gt;()</c> to configure one agent further.</summary>
public sealed class A2AAgentBuilder
{
    internal A2AAgentBuilder(IServiceCollection services, string agentId)
    {
        Services = services;
        AgentId = agentId;
    }

    /// <summary>The application's services.</summary>
    public IServiceCollection Services { get; }

    /// <summary>The agent id, also the name of its <see cref="A2AAgentOptions"/>.</summary>
    public string AgentId { get; }

    /// <summary>Configures the agent's options (again); runs after earlier configuration.</summary>
    /// <param name="configure">Sets options.</param>
    public A2AAgentBuilder Configure(Action<A2AAgentOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        Services.Configure(AgentId, configure);
        return this;
    }
}
