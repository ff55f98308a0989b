using System.Text.Json;
using System.Text.Json.Serialization;

namespace A2AGen.Protocol;

/// <summary>Parameters of <c>SendMessage</c> and <c>SendStreamingMessage</c> (§3.2.1).</summary>
public sealed record SendMessageRequest
{
    /// <summary>Tenant.</summary>
    public string? Tenant { get; init; }

    /// <summary>The message. Required.</summary>
    public Message? Message { get; init; }

    /// <summary>Request configuration.</summary>
    public SendMessageConfiguration? Configuration { get; init; }

    /// <summary>Request metadata.</summary>
    public IReadOnlyDictionary<string, JsonElement>? Metadata { get; init; }
}

/// <summary>Configuration of a send (§3.2.2).</summary>
public sealed record SendMessageConfiguration
{
    /// <summary>Output media types the client accepts.</summary>
    public IReadOnlyList<string>? AcceptedOutputModes { get; init; }

    /// <summary>Push notification configuration for the task.</summary>
    public TaskPushNotificationConfig? TaskPushNotificationConfig { get; init; }

    /// <summary>How many history messages to return.</summary>
    public int? HistoryLength { get; init; }

    /// <summary>Return at once with the task instead of waiting for a terminal or interrupted state.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool ReturnImmediately { get; init; }
}

/// <summary>Result of <c>SendMessage</c>: a task or a direct message (oneof).</summary>
public sealed record SendMessageResponse
{
    /// <summary>The task.</summary>
    public AgentTask? Task { get; init; }

    /// <summary>The direct message.</summary>
    public Message? Message { get; init; }
}

/// <summary>Parameters of <c>GetTask</c>.</summary>
public sealed record GetTaskRequest
{
    /// <summary>Tenant.</summary>
    public string? Tenant { get; init; }

    /// <summary>The task id. Required.</summary>
    public string Id { get; init => field = value ?? ""; } = "";

    /// <summary>How many history messages to return.</summary>
    public int? HistoryLength { get; init; }
}

/// <summary>Parameters of <c>ListTasks</c>.</summary>
public sealed record ListTasksRequest
{
    /// <summary>Tenant.</summary>
    public string? Tenant { get; init; }

    /// <summary>Only tasks of this context.</summary>
    public string? ContextId { get; init; }

    /// <summary>Only tasks in this state.</summary>
    public TaskState? Status { get; init; }

    /// <summary>Page size (1–100, default 50).</summary>
    public int? PageSize { get; init; }

    /// <summary>Continuation token from a previous page.</summary>
    public string? PageToken { get; init; }

    /// <summary>How many history messages per task.</summary>
    public int? HistoryLength { get; init; }

    /// <summary>Only tasks whose status changed after this time.</summary>
    public DateTimeOffset? StatusTimestampAfter { get; init; }

    /// <summary>Whether to include artifacts.</summary>
    public bool? IncludeArtifacts { get; init; }
}

/// <summary>Result of <c>ListTasks</c>. All four fields are always present.</summary>
public sealed record ListTasksResponse
{
    /// <summary>The tasks of this page.</summary>
    public IReadOnlyList<AgentTask> Tasks { get; init => field = value ?? []; } = [];

    /// <summary>Token for the next page; empty on the last page.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string NextPageToken { get; init => field = value ?? ""; } = "";

    /// <summary>The page size used.</summary>
    public int PageSize { get; init; }

    /// <summary>Total number of matching tasks.</summary>
    public int TotalSize { get; init; }
}

/// <summary>Parameters of <c>CancelTask</c>.</summary>
public sealed record CancelTaskRequest
{
    /// <summary>Tenant.</summary>
    public string? Tenant { get; init; }

    /// <summary>The task id. Required.</summary>
    public string Id { get; init => field = value ?? ""; } = "";

    /// <summary>Metadata.</summary>
    public IReadOnlyDictionary<string, JsonElement>? Metadata { get; init; }
}

/// <summary>Parameters of <c>SubscribeToTask</c>.</summary>
public sealed record SubscribeToTaskRequest
{
    /// <summary>Tenant.</summary>
    public string? Tenant { get; init; }

    /// <summary>The task id. Required.</summary>
    public string Id { get; init => field = value ?? ""; } = "";
}

/// <summary>Parameters of <c>GetExtendedAgentCard</c>.</summary>
public sealed record GetExtendedAgentCardRequest
{
    /// <summary>Tenant.</summary>
    public string? Tenant { get; init; }
}

/// <summary>Parameters of <c>GetTaskPushNotificationConfig</c>.</summary>
public sealed record GetTaskPushNotificationConfigRequest
{
    /// <summary>Tenant.</summary>
    public string? Tenant { get; init; }

    /// <summary>The task. Required.</summary>
    public string TaskId { get; init => field = value ?? ""; } = "";

    /// <summary>The configuration's id. Required.</summary>
    public string Id { get; init => field = value ?? ""; } = "";
}

/// <summary>Parameters of <c>DeleteTaskPushNotificationConfig</c>.</summary>
public sealed record DeleteTaskPushNotificationConfigRequest
{
    /// <summary>Tenant.</summary>
    public string? Tenant { get; init; }

    /// <summary>The task. Required.</summary>
    public string TaskId { get; init => field = value ?? ""; } = "";

    /// <summary>The configuration's id. Required.</summary>
    public string Id { get; init => field = value ?? ""; } = "";
}

/// <summary>Parameters of <c>ListTaskPushNotificationConfigs</c>.</summary>
public sealed record ListTaskPushNotificationConfigsRequest
{
    /// <summary>Tenant.</summary>
    public string? Tenant { get; init; }

    /// <summary>The task. Required.</summary>
    public string TaskId { get; init => field = value ?? ""; } = "";

    /// <summary>The most configurations to return.</summary>
    public int? PageSize { get; init; }

    /// <summary>The <c>nextPageToken</c> of the previous page.</summary>
    public string? PageToken { get; init; }
}

/// <summary>Result of <c>ListTaskPushNotificationConfigs</c>.</summary>
public sealed record ListTaskPushNotificationConfigsResponse
{
    /// <summary>The task's configurations.</summary>
    public IReadOnlyList<TaskPushNotificationConfig> Configs { get; init => field = value ?? []; } = [];

    /// <summary>The token of the next page; empty when there is none.</summary>
    public string? NextPageToken { get; init; }
}

/// <summary>A push notification configuration (§4.3.1).</summary>
public sealed record TaskPushNotificationConfig
{
    /// <summary>Tenant.</summary>
    public string? Tenant { get; init; }

    /// <summary>Configuration id.</summary>
    public string? Id { get; init; }

    /// <summary>The task.</summary>
    public string? TaskId { get; init; }

    /// <summary>Where to send notifications. Required.</summary>
    public string Url { get; init => field = value ?? ""; } = "";

    /// <summary>A token the receiver can check.</summary>
    public string? Token { get; init; }

    /// <summary>How to authenticate to the receiver.</summary>
    public AuthenticationInfo? Authentication { get; init; }
}

/// <summary>Authentication for push notifications (§4.3.2).</summary>
public sealed record AuthenticationInfo
{
    /// <summary>HTTP authentication scheme. Required.</summary>
    public string Scheme { get; init => field = value ?? ""; } = "";

    /// <summary>Credentials.</summary>
    public string? Credentials { get; init; }
}
