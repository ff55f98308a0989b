using A2AGen.Protocol;

namespace A2AGen.Hosting;

/// <summary>What <c>AddA2AAgent&lt;TAgent&gt;()</c> records about an agent type: its static card data and how to get an instance.</summary>
internal sealed class A2AAgentRegistration
{
    public required string AgentId { get; init; }

    public required Type AgentType { get; init; }

    public required AgentDescriptor Descriptor { get; init; }

    public required AgentCard Card { get; init; }

    /// <summary>A copy of <see cref="IA2AAgent.CardJson"/> (a span cannot be kept).</summary>
    public required byte[] CardJson { get; init; }

    /// <summary>Resolves the agent (registered scoped) from a request or task scope and calls its generated dispatch.</summary>
    public required Func<IServiceProvider, SkillInvocation, ValueTask<SkillResult>> Dispatch { get; init; }
}
