using A2AGen.Protocol;
using A2AGen.Provenance;

namespace A2AGen.Hosting.Tasks;

/// <summary>
/// Signs what one turn of a <see cref="ProvenanceAttribute"/> skill produces, with the agent's own signing key: each
/// finished artifact (bound to the task and context) and each agent message, citing the parents the skill named so far
/// (<see cref="SkillContext.Provenance"/>). Used by <see cref="TaskLifecycle"/> (artifacts, status messages) and by the
/// direct-reply path; nothing else signs.
/// </summary>
internal sealed class ProvenanceSealer(ProvenanceSigner signer, SkillProvenance parents)
{
    /// <summary>A sealer for <paramref name="context"/>'s turn, or null when the skill does not sign.</summary>
    public static ProvenanceSealer? For(AgentHost agent, SkillContext context) =>
        context.Provenance.Signs && agent.ProvenanceSigner is { } signer ? new ProvenanceSealer(signer, context.Provenance) : null;

    /// <summary>The artifact with its envelope, bound to <paramref name="taskId"/> and <paramref name="contextId"/>.</summary>
    public Artifact Seal(Artifact artifact, string taskId, string contextId) =>
        signer.Sign(artifact, new ProvenanceBinding(taskId, contextId), Parents());

    /// <summary>The agent message with its envelope, bound to the message's own task and context.</summary>
    public Message Seal(Message message) => signer.Sign(message, Parents());

    private IReadOnlyList<ProvenanceEnvelope>? Parents() => parents.Parents is { Count: > 0 } list ? list : null;
}
