namespace A2AGen;

/// <summary>
/// Signs what a skill produces. On an <see cref="A2AAgentAttribute"/> class it applies to every skill; on a
/// <see cref="SkillAttribute"/> method, to that skill. The card declares the extension
/// <c>urn:a2agen:ext:provenance:v1</c>, and hosting signs every artifact and agent message the skill produces (status
/// messages of interrupted tasks, direct replies) with the agent's own signing key: a provenance envelope in its
/// metadata, bound to the task, context and content id (docs/provenance.md). A skill that built on content it received
/// names it through <see cref="SkillContext.Provenance"/>, so its envelope cites those parents.
/// </summary>
/// <remarks>
/// Signing does not depend on the caller: an unsigned, anonymous call still gets signed artifacts. Messages the host
/// writes itself (a failure, a cancellation) are not the skill's and are not signed.
/// </remarks>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class ProvenanceAttribute : Attribute
{
}
