using System.Text.Json;
using A2AGen.Passport;
using A2AGen.Protocol;

namespace A2AGen;

/// <summary>A routed, policy-checked request handed to <see cref="IA2AAgent.DispatchAsync"/>.</summary>
public sealed class SkillInvocation
{
    /// <summary>The skill chosen by routing.</summary>
    public required SkillDescriptor Skill { get; init; }

    /// <summary>The verified context (also the message, ids and cancellation).</summary>
    public required SkillContext Context { get; init; }

    /// <summary>The passport that came with the message and its verification outcome, or null when absent.</summary>
    public PassportContext? Passport { get; init; }

    /// <summary>Options used to bind and return user types (their <c>JsonTypeInfo</c> comes from here).</summary>
    public required JsonSerializerOptions Json { get; init; }

    /// <summary>The incoming message.</summary>
    public Message Message => Context.Message;

    /// <summary>Cancellation for the skill.</summary>
    public CancellationToken CancellationToken => Context.CancellationToken;
}
