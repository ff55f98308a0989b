namespace A2AGen.Declarations.Model;

/// <summary>
/// Everything the generator needs to emit one agent, with every default resolved: the card's final values, the
/// skills with their effective policy and binding shapes, the passport and the security declarations. Only
/// strings, booleans, enums and equatable arrays: never a Roslyn object. <c>Provenance</c>: some skill signs what it
/// produces, so the card declares the provenance extension.
/// </summary>
internal sealed record AgentSpec(
    AgentTypeSpec Type,
    string Id,
    string Name,
    string Description,
    string Version,
    string Url,
    bool UrlDeclared,
    ProviderSpec? Provider,
    string? DocumentationUrl,
    string? IconUrl,
    EquatableArray<string> DefaultInputModes,
    EquatableArray<string> DefaultOutputModes,
    bool Streaming,
    bool PushNotifications,
    SignaturePolicy RequestSignature,
    EquatableArray<SkillSpec> Skills,
    string? DefaultSkillId,
    PassportSpec? Passport,
    EquatableArray<SecuritySchemeSpec> SecuritySchemes,
    EquatableArray<SecurityRequirementSpec> SecurityRequirements,
    bool Provenance);

/// <summary>The card's <c>provider</c>: both fields are required when present.</summary>
internal sealed record ProviderSpec(string Organization, string Url);

/// <summary>An effective signature policy (after defaults): optional or required.</summary>
internal enum SignaturePolicy
{
    Optional = 1,
    Required = 2,
}

/// <summary>The declared privilege of a skill (mirrors <c>A2AGen.SkillPrivilege</c>).</summary>
internal enum SkillPrivilegeLevel
{
    Standard = 0,
    High = 1,
}
