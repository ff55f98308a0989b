namespace A2AGen.Protocol;

/// <summary>A distinct capability of an agent (§4.4.5).</summary>
public sealed record AgentSkill
{
    /// <summary>Unique skill id. Required.</summary>
    public string Id { get; init => field = value ?? ""; } = "";

    /// <summary>Human-readable name. Required.</summary>
    public string Name { get; init => field = value ?? ""; } = "";

    /// <summary>What the skill does. Required.</summary>
    public string Description { get; init => field = value ?? ""; } = "";

    /// <summary>Keywords. Required, at least one.</summary>
    public IReadOnlyList<string> Tags { get; init => field = value ?? []; } = [];

    /// <summary>Example prompts.</summary>
    public IReadOnlyList<string>? Examples { get; init; }

    /// <summary>Accepted media types, overriding the card defaults.</summary>
    public IReadOnlyList<string>? InputModes { get; init; }

    /// <summary>Produced media types, overriding the card defaults.</summary>
    public IReadOnlyList<string>? OutputModes { get; init; }

    /// <summary>Security requirements specific to this skill.</summary>
    public IReadOnlyList<SecurityRequirement>? SecurityRequirements { get; init; }
}
