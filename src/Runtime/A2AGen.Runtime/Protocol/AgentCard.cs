using System.Text.Json.Serialization;

namespace A2AGen.Protocol;

/// <summary>
/// The self-describing manifest of an agent (A2A v1.0 §4.4.1): identity, endpoints, capabilities, skills and
/// how to authenticate. Serialized as ProtoJSON (camelCase, empty values omitted) through <see cref="Serialization.A2AJson"/>.
/// </summary>
public sealed record AgentCard
{
    /// <summary>Human-readable name. Required.</summary>
    public string Name { get; init => field = value ?? ""; } = "";

    /// <summary>What the agent does. Required.</summary>
    public string Description { get; init => field = value ?? ""; } = "";

    /// <summary>Ordered endpoints; the first is preferred. Required, at least one.</summary>
    public IReadOnlyList<AgentInterface> SupportedInterfaces { get; init => field = value ?? []; } = [];

    /// <summary>The service provider.</summary>
    public AgentProvider? Provider { get; init; }

    /// <summary>The agent's own version. Required.</summary>
    public string Version { get; init => field = value ?? ""; } = "";

    /// <summary>Documentation URL.</summary>
    public string? DocumentationUrl { get; init; }

    /// <summary>Optional capabilities. Required.</summary>
    public AgentCapabilities Capabilities { get; init => field = value ?? new(); } = new();

    /// <summary>Security schemes by name.</summary>
    public IReadOnlyDictionary<string, SecurityScheme>? SecuritySchemes { get; init; }

    /// <summary>Alternatives of security requirements (any one suffices).</summary>
    public IReadOnlyList<SecurityRequirement>? SecurityRequirements { get; init; }

    /// <summary>Media types accepted by default. Required.</summary>
    public IReadOnlyList<string> DefaultInputModes { get; init => field = value ?? []; } = [];

    /// <summary>Media types produced by default. Required.</summary>
    public IReadOnlyList<string> DefaultOutputModes { get; init => field = value ?? []; } = [];

    /// <summary>The agent's skills. Required.</summary>
    public IReadOnlyList<AgentSkill> Skills { get; init => field = value ?? []; } = [];

    /// <summary>JWS signatures over the canonical card without this field (§8.4).</summary>
    public IReadOnlyList<AgentCardSignature>? Signatures { get; init; }

    /// <summary>Icon URL.</summary>
    public string? IconUrl { get; init; }
}
