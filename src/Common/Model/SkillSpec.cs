namespace A2AGen.Declarations.Model;

/// <summary>One skill: card fields, effective policy (DESIGN §4, docs/architecture.md "Skill policy") and how to call it.</summary>
/// <param name="Id">The skill id.</param>
/// <param name="MethodName">The C# method implementing the skill.</param>
/// <param name="IsStatic">Whether the method is static.</param>
/// <param name="Name">Card <c>name</c> (defaults to the method name without <c>Async</c>).</param>
/// <param name="Description">Card <c>description</c>.</param>
/// <param name="Tags">Card <c>tags</c> (at least one).</param>
/// <param name="Examples">Card <c>examples</c>.</param>
/// <param name="InputModes">Card <c>inputModes</c>.</param>
/// <param name="OutputModes">Card <c>outputModes</c>.</param>
/// <param name="SecurityRequirements">Card <c>securityRequirements</c> of the skill (from required scopes).</param>
/// <param name="Privilege">The declared privilege.</param>
/// <param name="RequestSignature">Effective request-signature policy.</param>
/// <param name="PassportSignature">Effective passport-signature policy.</param>
/// <param name="RequiresPassport">Whether a passport must be present.</param>
/// <param name="RequiredPassportKeys">Passport state keys that must be present.</param>
/// <param name="RequiredScopes">OAuth2/OpenID Connect scopes the caller needs.</param>
/// <param name="IsDefault">Whether this is the agent's <c>[DefaultSkill]</c>.</param>
/// <param name="Parameters">The method's parameters in order, each with its binding.</param>
/// <param name="Return">What the method returns.</param>
/// <param name="BiscuitPolicy">The <c>[RequiresBiscuit]</c> authorizer Datalog, or null.</param>
/// <param name="SignsProvenance">Whether hosting signs what it produces (<c>[Provenance]</c> on it or its agent).</param>
/// <param name="RequiresEncryption">Whether plaintext parts are refused (<c>Encryption = Required</c> on it or its agent).</param>
internal sealed record SkillSpec(
    string Id,
    string MethodName,
    bool IsStatic,
    string Name,
    string Description,
    EquatableArray<string> Tags,
    EquatableArray<string> Examples,
    EquatableArray<string> InputModes,
    EquatableArray<string> OutputModes,
    EquatableArray<SecurityRequirementSpec> SecurityRequirements,
    SkillPrivilegeLevel Privilege,
    SignaturePolicy RequestSignature,
    SignaturePolicy PassportSignature,
    bool RequiresPassport,
    EquatableArray<string> RequiredPassportKeys,
    EquatableArray<string> RequiredScopes,
    bool IsDefault,
    EquatableArray<SkillParameterSpec> Parameters,
    SkillReturnSpec Return,
    string? BiscuitPolicy,
    bool SignsProvenance,
    bool RequiresEncryption = false);

/// <summary>What a skill parameter binds to.</summary>
internal enum ParameterBinding
{
    /// <summary><c>string</c>: the message's text parts.</summary>
    Text,

    /// <summary>A JSON-serializable type: the first data part.</summary>
    Data,

    /// <summary>The raw <c>Message</c>.</summary>
    Message,

    /// <summary>The agent's passport, nullable: null when no usable passport came.</summary>
    OptionalPassport,

    /// <summary>The agent's passport, non-nullable: the skill requires one.</summary>
    RequiredPassport,

    /// <summary><c>SkillContext</c>.</summary>
    Context,

    /// <summary><c>CancellationToken</c>.</summary>
    CancellationToken,
}

/// <summary>One parameter of a skill method.</summary>
/// <param name="Name">The parameter name (for docs and messages).</param>
/// <param name="Binding">What it binds to.</param>
/// <param name="TypeName">For <see cref="ParameterBinding.Data"/>: the type to deserialize, fully qualified with <c>global::</c>.</param>
/// <param name="DisplayTypeName">The type as users read it, without <c>global::</c>.</param>
internal sealed record SkillParameterSpec(string Name, ParameterBinding Binding, string TypeName, string DisplayTypeName);

/// <summary>What a skill returns, after unwrapping <c>Task</c>/<c>ValueTask</c>.</summary>
internal enum ReturnShape
{
    None,
    Text,
    Data,
    Message,
    TextStream,
    DataStream,

    /// <summary><c>A2AGen.SkillResult</c>: the skill chooses per call (an answer, or an interruption).</summary>
    Result,
}

/// <summary>The awaitable around a skill's result, if any.</summary>
internal enum ReturnWrapper
{
    None,
    Task,
    ValueTask,
}

/// <summary>A skill method's return.</summary>
/// <param name="Shape">The result shape.</param>
/// <param name="Wrapper">The awaitable around it.</param>
/// <param name="TypeName">The result type (element type for streams), fully qualified with <c>global::</c> and nullable annotations; empty for <see cref="ReturnShape.None"/>.</param>
/// <param name="DisplayTypeName">The result type as users read it.</param>
/// <param name="ElementMayBeNull">For streams: the element type is annotated nullable.</param>
internal sealed record SkillReturnSpec(ReturnShape Shape, ReturnWrapper Wrapper, string TypeName, string DisplayTypeName, bool ElementMayBeNull);
