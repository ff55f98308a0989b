using System.Text.Json;
using System.Text.Json.Serialization;

namespace A2AGen.Protocol;

/// <summary>A protocol extension the agent supports (§4.4.4).</summary>
public sealed record AgentExtension
{
    /// <summary>The extension's URI.</summary>
    public string Uri { get; init => field = value ?? ""; } = "";

    /// <summary>How the agent uses the extension.</summary>
    public string? Description { get; init; }

    /// <summary>Whether clients must use the extension (<c>A2A-Extensions</c>); otherwise -32008.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool Required { get; init; }

    /// <summary>Extension-specific parameters (free-form JSON object).</summary>
    public IReadOnlyDictionary<string, JsonElement>? Params { get; init; }
}
