using System.Text.Json;

namespace A2AGen.Protocol;

/// <summary>
/// The unit of work (§4.1.1, protobuf <c>Task</c>; named <c>AgentTask</c> to stay clear of
/// <see cref="System.Threading.Tasks.Task"/>).
/// </summary>
public sealed record AgentTask
{
    /// <summary>Server-generated id. Required.</summary>
    public string Id { get; init => field = value ?? ""; } = "";

    /// <summary>The conversation the task belongs to.</summary>
    public string? ContextId { get; init; }

    /// <summary>The current status. Required.</summary>
    public TaskStatus Status { get; init => field = value ?? new(); } = new();

    /// <summary>Outputs so far.</summary>
    public IReadOnlyList<Artifact>? Artifacts { get; init; }

    /// <summary>Messages exchanged.</summary>
    public IReadOnlyList<Message>? History { get; init; }

    /// <summary>Metadata.</summary>
    public IReadOnlyDictionary<string, JsonElement>? Metadata { get; init; }
}

/// <summary>The status of a task (§4.1.2).</summary>
public sealed record TaskStatus
{
    /// <summary>The state. Required.</summary>
    public TaskState State { get; init; }

    /// <summary>A message about the status.</summary>
    public Message? Message { get; init; }

    /// <summary>When the status was recorded (ISO 8601 UTC).</summary>
    public DateTimeOffset? Timestamp { get; init; }
}
