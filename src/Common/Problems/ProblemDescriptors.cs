using System.Collections.Generic;

namespace A2AGen.Declarations.Problems;

/// <summary>
/// The catalog of declaration problems the shared parser detects. The analyzers turn each into a diagnostic with
/// the same id, severity and message; the generator skips an agent that has any <see cref="ProblemSeverity.Error"/>.
/// </summary>
internal static class ProblemDescriptors
{
    private const string Security = ProblemCategories.Security;
    private const string Usage = ProblemCategories.Usage;
    private const string Card = ProblemCategories.Card;

    /// <summary>{0} skill id, {1} which signature ("request signature" or "passport signature").</summary>
    public static readonly ProblemDescriptor HighPrivilegeWeakened = new(
        ProblemIds.HighPrivilegeWeakened, ProblemSeverity.Warning,
        "High-privilege skill accepts unsigned calls",
        "Skill '{0}' is high-privilege but its {1} is weakened to Optional, so forged or replayed calls can reach it",
        Security);

    /// <summary>{0} class name, {1} what is wrong.</summary>
    public static readonly ProblemDescriptor InvalidAgentClass = new(
        ProblemIds.InvalidAgentClass, ProblemSeverity.Error,
        "Agent class cannot be generated",
        "Agent class '{0}' {1}",
        Usage);

    /// <summary>{0} agent id, {1} skill id.</summary>
    public static readonly ProblemDescriptor DuplicateSkillId = new(
        ProblemIds.DuplicateSkillId, ProblemSeverity.Error,
        "Duplicate skill id",
        "Agent '{0}' declares skill id '{1}' more than once",
        Usage);

    /// <summary>{0} "Agent" or "Skill", {1} the id as written.</summary>
    public static readonly ProblemDescriptor InvalidId = new(
        ProblemIds.InvalidId, ProblemSeverity.Error,
        "Invalid agent or skill id",
        "{0} id '{1}' is invalid: use 1 to 64 characters from a-z, 0-9, '.', '_' and '-', starting with a letter or digit",
        Usage);

    /// <summary>{0} method name, {1} class name.</summary>
    public static readonly ProblemDescriptor SkillOutsideAgent = new(
        ProblemIds.SkillOutsideAgent, ProblemSeverity.Error,
        "Skill outside an agent",
        "Method '{0}' has [Skill] but its class '{1}' has no [A2AAgent], so the skill is never exposed",
        Usage);

    /// <summary>{0} skill id, {1} what cannot be bound (names the parameter or the return type).</summary>
    public static readonly ProblemDescriptor UnbindableSkill = new(
        ProblemIds.UnbindableSkill, ProblemSeverity.Error,
        "Skill method cannot be dispatched",
        "Skill '{0}' cannot be dispatched: {1}",
        Usage);

    /// <summary>{0} the field (e.g. "description"), {1} its owner (e.g. "agent 'currency-agent'").</summary>
    public static readonly ProblemDescriptor EmptyCardField = new(
        ProblemIds.EmptyCardField, ProblemSeverity.Error,
        "Required card field is empty",
        "The card field '{0}' of {1} must not be empty",
        Card);

    /// <summary>{0} agent id, {1} the URL.</summary>
    public static readonly ProblemDescriptor InsecureAgentUrl = new(
        ProblemIds.InsecureAgentUrl, ProblemSeverity.Warning,
        "Agent URL is not https",
        "Agent '{0}' URL '{1}' is not https; only localhost, 127.0.0.1 and [::1] may use http",
        Security);

    /// <summary>{0} the key, {1} what is wrong.</summary>
    public static readonly ProblemDescriptor InvalidPassportKey = new(
        ProblemIds.InvalidPassportKey, ProblemSeverity.Error,
        "Invalid passport key",
        "Passport key '{0}' {1}",
        Usage);

    /// <summary>
    /// {0} skill id, {1} agent id. A warning, not an error: the agent is still generated, its card simply carries no
    /// skill-level security requirement for those scopes, and hosting still enforces the skill's <c>RequiredScopes</c>.
    /// </summary>
    public static readonly ProblemDescriptor ScopesWithoutOAuth = new(
        ProblemIds.ScopesWithoutOAuth, ProblemSeverity.Warning,
        "Scopes without an OAuth2 or OpenID Connect scheme",
        "Skill '{0}' requires scopes but agent '{1}' has no OAuth2 or OpenID Connect scheme in its security requirements, so its card cannot announce them",
        Security);

    /// <summary>{0} skill id, {1} the word that suggests privilege.</summary>
    public static readonly ProblemDescriptor PrivilegedSkillNotHigh = new(
        ProblemIds.PrivilegedSkillNotHigh, ProblemSeverity.Info,
        "Privileged-looking skill is not high-privilege",
        "Skill '{0}' looks privileged ('{1}') but is not marked Privilege = SkillPrivilege.High, so unsigned calls reach it",
        Security);

    /// <summary>{0} agent id, {1} the version.</summary>
    public static readonly ProblemDescriptor InvalidVersion = new(
        ProblemIds.InvalidVersion, ProblemSeverity.Warning,
        "Agent version is not semantic",
        "Agent '{0}' version '{1}' is not a semantic version (x.y.z)",
        Card);

    /// <summary>{0} the argument, {1} the attribute.</summary>
    public static readonly ProblemDescriptor NonConstantArgument = new(
        ProblemIds.NonConstantArgument, ProblemSeverity.Error,
        "Attribute argument is not a constant",
        "Argument '{0}' of [{1}] must be a valid compile-time constant",
        Usage);

    /// <summary>{0} agent id, {1} first default skill, {2} second default skill.</summary>
    public static readonly ProblemDescriptor MultipleDefaultSkills = new(
        ProblemIds.MultipleDefaultSkills, ProblemSeverity.Error,
        "More than one default skill",
        "Agent '{0}' marks both '{1}' and '{2}' as [DefaultSkill]; keep one",
        Usage);

    /// <summary>{0} the scheme name, {1} what is wrong.</summary>
    public static readonly ProblemDescriptor InvalidSecurityDeclaration = new(
        ProblemIds.InvalidSecurityDeclaration, ProblemSeverity.Error,
        "Invalid security scheme or requirement",
        "Security scheme '{0}' {1}",
        Security);

    /// <summary>{0} the field, {1} its owner, {2} the value.</summary>
    public static readonly ProblemDescriptor InvalidUrl = new(
        ProblemIds.InvalidUrl, ProblemSeverity.Error,
        "Invalid URL",
        "The {0} of {1} is '{2}', which is not an absolute http or https URL",
        Card);

    /// <summary>{0} the field, {1} its owner.</summary>
    public static readonly ProblemDescriptor InvalidText = new(
        ProblemIds.InvalidText, ProblemSeverity.Error,
        "Text is not valid Unicode",
        "The card field '{0}' of {1} contains an unpaired surrogate and cannot be written as UTF-8 JSON",
        Card);

    /// <summary>{0} method name.</summary>
    public static readonly ProblemDescriptor DefaultSkillWithoutSkill = new(
        ProblemIds.DefaultSkillWithoutSkill, ProblemSeverity.Warning,
        "[DefaultSkill] without [Skill]",
        "Method '{0}' has [DefaultSkill] but no [Skill], so it is not a skill and the attribute has no effect",
        Usage);

    /// <summary>{0} class name, {1} the clashing name.</summary>
    public static readonly ProblemDescriptor GeneratedNameClash = new(
        ProblemIds.GeneratedNameClash, ProblemSeverity.Error,
        "Name already used by generated code",
        "Agent class '{0}' cannot be generated: '{1}' is already declared, and A2AGen generates a member or type of that name",
        Usage);

    /// <summary>{0} skill id.</summary>
    public static readonly ProblemDescriptor PassportWithoutDeclaration = new(
        ProblemIds.PassportWithoutDeclaration, ProblemSeverity.Warning,
        "Skill needs a passport the card does not announce",
        "Skill '{0}' requires a Secure Passport but the agent has no [PassportKeys], so its card does not declare the extension and callers cannot know to send one",
        Security);

    /// <summary>{0} agent id, {1} the first skill that streams.</summary>
    public static readonly ProblemDescriptor StreamingDisabled = new(
        ProblemIds.StreamingDisabled, ProblemSeverity.Error,
        "Streaming skill in an agent declared without streaming",
        "Agent '{0}' sets Streaming = false but skill '{1}' returns IAsyncEnumerable<T>: its card would tell callers not to stream, and a streaming call would get one final answer instead of the stream",
        Card);

    /// <summary>{0} skill id.</summary>
    public static readonly ProblemDescriptor InterruptingSkillWithoutContext = new(
        ProblemIds.InterruptingSkillWithoutContext, ProblemSeverity.Info,
        "Skill that can stop for input cannot see the conversation",
        "Skill '{0}' returns SkillResult, so it can stop the task for input, but it takes no SkillContext: when the caller answers it sees only the new message, not SkillContext.History",
        Usage);

    /// <summary>{0} skill id, {1} line, {2} column (both in the policy text), {3} what is wrong.</summary>
    public static readonly ProblemDescriptor InvalidBiscuitPolicy = new(
        ProblemIds.InvalidBiscuitPolicy, ProblemSeverity.Error,
        "Invalid Biscuit policy",
        "The [RequiresBiscuit] policy of skill '{0}' is invalid Datalog at line {1}, column {2}: {3}",
        Security);

    /// <summary>{0} "Method" or "Class", {1} its name, {2} what it would have to be.</summary>
    public static readonly ProblemDescriptor ProvenanceOutsideSkill = new(
        ProblemIds.ProvenanceOutsideSkill, ProblemSeverity.Warning,
        "[Provenance] outside a skill or agent",
        "{0} '{1}' has [Provenance] but is not {2}, so nothing is signed because of it and the attribute has no effect",
        Usage);

    /// <summary>Every descriptor, in id order.</summary>
    public static IReadOnlyList<ProblemDescriptor> All { get; } =
    [
        HighPrivilegeWeakened, InvalidAgentClass, DuplicateSkillId, InvalidId, SkillOutsideAgent, UnbindableSkill,
        EmptyCardField, InsecureAgentUrl, InvalidPassportKey, ScopesWithoutOAuth, PrivilegedSkillNotHigh,
        InvalidVersion, NonConstantArgument, MultipleDefaultSkills, InvalidSecurityDeclaration, InvalidUrl,
        InvalidText, DefaultSkillWithoutSkill, GeneratedNameClash, PassportWithoutDeclaration, StreamingDisabled,
        InterruptingSkillWithoutContext,
        InvalidBiscuitPolicy, ProvenanceOutsideSkill,
    ];
}
