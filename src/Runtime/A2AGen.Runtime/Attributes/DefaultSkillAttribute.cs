namespace A2AGen;

/// <summary>
/// Marks the skill that receives messages which do not name a skill (metadata <c>urn:a2agen:skill</c>) when the
/// agent has more than one skill. At most one per agent.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class DefaultSkillAttribute : Attribute
{
}
