using System.Text.Json;

namespace A2AGen.Protocol;

/// <summary>An output of a task (§4.1.7).</summary>
public sealed record Artifact
{
    /// <summary>Unique within the task. Required.</summary>
    public string ArtifactId { get; init => field = value ?? ""; } = "";

    /// <summary>Human-readable name.</summary>
    public string? Name { get; init; }

    /// <summary>Description.</summary>
    public string? Description { get; init; }

    /// <summary>The content. Required, at least one.</summary>
    public IReadOnlyList<Part> Parts { get; init => field = value ?? []; } = [];

    /// <summary>Metadata.</summary>
    public IReadOnlyDictionary<string, JsonElement>? Metadata { get; init; }

    /// <summary>Extension URIs present in this artifact.</summary>
    public IReadOnlyList<string>? Extensions { get; init; }
}
