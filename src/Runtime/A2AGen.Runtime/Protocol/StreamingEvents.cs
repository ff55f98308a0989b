using System.Text.Json;
using System.Text.Json.Serialization;

namespace A2AGen.Protocol;

/// <summary>A task status change during streaming (§4.2.1).</summary>
public sealed record TaskStatusUpdateEvent
{
    /// <summary>The task. Required.</summary>
    public string TaskId { get; init => field = value ?? ""; } = "";

    /// <summary>The context. Required.</summary>
    public string ContextId { get; init => field = value ?? ""; } = "";

    /// <summary>The new status. Required.</summary>
    public TaskStatus Status { get; init => field = value ?? new(); } = new();

    /// <summary>Metadata.</summary>
    public IReadOnlyDictionary<string, JsonElement>? Metadata { get; init; }
}

/// <summary>An artifact produced or extended during streaming (§4.2.2).</summary>
public sealed record TaskArtifactUpdateEvent
{
    /// <summary>The task. Required.</summary>
    public string TaskId { get; init => field = value ?? ""; } = "";

    /// <summary>The context. Required.</summary>
    public string ContextId { get; init => field = value ?? ""; } = "";

    /// <summary>The artifact. Required.</summary>
    public Artifact Artifact { get; init => field = value ?? new(); } = new();

    /// <summary>Whether to append to an earlier artifact with the same id.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool Append { get; init; }

    /// <summary>Whether this is the artifact's last chunk.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool LastChunk { get; init; }

    /// <summary>Metadata.</summary>
    public IReadOnlyDictionary<string, JsonElement>? Metadata { get; init; }
}

/// <summary>One event of a stream (§3.2.3). A oneof: exactly one member is set.</summary>
public sealed record StreamResponse
{
    /// <summary>A task snapshot.</summary>
    public AgentTask? Task { get; init; }

    /// <summary>A direct message.</summary>
    public Message? Message { get; init; }

    /// <summary>A status update.</summary>
    public TaskStatusUpdateEvent? StatusUpdate { get; init; }

    /// <summary>An artifact update.</summary>
    public TaskArtifactUpdateEvent? ArtifactUpdate { get; init; }
}
