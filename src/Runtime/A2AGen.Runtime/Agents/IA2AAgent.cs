using A2AGen.Protocol;

namespace A2AGen;

/// <summary>
/// Implemented by A2AGen's source generator on every valid <see cref="A2AAgentAttribute"/> class. Hosting works
/// with agents only through this interface: static card data, the skill table, and a reflection-free dispatcher.
/// </summary>
public interface IA2AAgent
{
    /// <summary>The agent's id, skills and policies, as declared by its attributes.</summary>
    static abstract AgentDescriptor Descriptor { get; }

    /// <summary>The Agent Card, built from compile-time constants (no signatures).</summary>
    static abstract AgentCard Card { get; }

    /// <summary>
    /// The RFC 8785 canonical UTF-8 JSON of <see cref="Card"/>, computed at compile time: the exact bytes to serve
    /// and to sign, with no JSON work at run time.
    /// </summary>
    static abstract ReadOnlySpan<byte> CardJson { get; }

    /// <summary>
    /// Binds the invocation's message, passport and context to the skill method's parameters, calls it, and wraps
    /// what it returns. Policy (signatures, passport, scopes) has already been enforced by the caller.
    /// </summary>
    /// <param name="invocation">The resolved skill and the verified request.</param>
    /// <exception cref="SkillBindingException">The message does not fit the skill's input.</exception>
    ValueTask<SkillResult> DispatchAsync(SkillInvocation invocation);
}
