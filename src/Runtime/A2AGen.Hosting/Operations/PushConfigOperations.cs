using System.Text.Json.Nodes;
using A2AGen.Hosting.Push;
using A2AGen.Hosting.Tasks;
using A2AGen.Protocol;

namespace A2AGen.Hosting;

/// <summary>
/// The four push-notification-configuration operations (A2A §4.3.3: Create, Get, List, Delete
/// <c>TaskPushNotificationConfig</c>) and the inline configuration of <c>SendMessage</c>. A task's configurations are
/// its owner's only: any other caller gets <c>TaskNotFoundError</c>, exactly as for the task itself. A webhook URL is
/// checked when the configuration is created (scheme, form, the addresses it names or resolves to); the guard at
/// connection time (<see cref="WebhookHttpClient"/>) is the one that counts.
/// </summary>
internal static class PushConfigOperations
{
    private const int MaxTokenLength = 1024;
    private const int MaxCredentialsLength = 4096;
    private const int MaxPageSize = 100;

    /// <summary>Params stage of the four operations.</summary>
    public static A2AError? Validate(A2ARequest request) => request.Input switch
    {
        TaskPushNotificationConfig create => CheckTaskId(request, create.TaskId) ?? ValidateConfig(request, create, ""),
        GetTaskPushNotificationConfigRequest get => CheckTaskId(request, get.TaskId) ?? CheckConfigId(request, get.Id, "id"),
        DeleteTaskPushNotificationConfigRequest delete => CheckTaskId(request, delete.TaskId) ?? CheckConfigId(request, delete.Id, "id"),
        ListTaskPushNotificationConfigsRequest list => CheckTaskId(request, list.TaskId)
            ?? (list.PageSize is < 0 or > MaxPageSize ? A2AError.InvalidParams(request.Field("pageSize"), $"must be between 0 and {MaxPageSize} inclusive, got {list.PageSize}.") : null)
            ?? (string.IsNullOrEmpty(list.PageToken) ? null : A2AError.InvalidParams(request.Field("pageToken"), "is not a page token issued by this agent (a task's configurations fit on one page).")),
        _ => null,
    };

    /// <summary>
    /// The checks of a configuration that need nothing but the request: URL form, ids, and header-safe
    /// authentication and token (they become HTTP header values). <paramref name="prefix"/> is the configuration's
    /// path in the request (empty, or <c>configuration.taskPushNotificationConfig.</c>).
    /// </summary>
    public static A2AError? ValidateConfig(A2ARequest request, TaskPushNotificationConfig config, string prefix)
    {
        var options = request.Agent.PushOptions!;
        if (WebhookUrls.CheckForm(config.Url, options) is { } problem)
        {
            return A2AError.InvalidParams(request.Field(prefix + "url"), problem, "WEBHOOK_URL_REFUSED");
        }

        if (!string.IsNullOrEmpty(config.Id) && CheckConfigId(request, config.Id, prefix + "id") is { } idError)
        {
            return idError;
        }

        if (config.Token is { } token && (token.Length > MaxTokenLength || !IsHeaderSafe(token)))
        {
            return A2AError.InvalidParams(request.Field(prefix + "token"), $"must be at most {MaxTokenLength} visible ASCII characters (it is sent as an HTTP header).");
        }

        if (config.Authentication is { } authentication)
        {
            if (string.IsNullOrEmpty(authentication.Scheme) || !IsToken(authentication.Scheme))
            {
                return A2AError.InvalidParams(request.Field(prefix + "authentication.scheme"), "must be an HTTP authentication scheme name (e.g. Bearer).");
            }

            if (authentication.Credentials is { } credentials && (credentials.Length > MaxCredentialsLength || !IsHeaderSafe(credentials)))
            {
                return A2AError.InvalidParams(request.Field(prefix + "authentication.credentials"), $"must be at most {MaxCredentialsLength} visible ASCII characters (they are sent as an HTTP header).");
            }
        }

        return null;
    }

    public static async ValueTask<OperationResult<TaskPushNotificationConfig>> CreateAsync(A2ARequest request, TaskPushNotificationConfig config)
    {
        var (_, notFound) = await TaskOperations.FindAsync(request, config.TaskId!).ConfigureAwait(false);
        if (notFound is not null)
        {
            return notFound;
        }

        return await SaveAsync(request, config, config.TaskId!, "").ConfigureAwait(false);
    }

    /// <summary>
    /// Saves a configuration of a task the caller owns (checked by the caller of this method) after checking where its
    /// URL leads; answers the configuration as stored.
    /// </summary>
    public static async ValueTask<OperationResult<TaskPushNotificationConfig>> SaveAsync(A2ARequest request, TaskPushNotificationConfig config, string taskId, string prefix)
    {
        var agent = request.Agent;
        if (await WebhookUrls.CheckAsync(config.Url, agent.PushOptions!, agent.PushAddresses!, request.Aborted).ConfigureAwait(false) is { } problem)
        {
            return A2AError.InvalidParams(request.Field(prefix + "url"), problem, "WEBHOOK_URL_REFUSED");
        }

        var stored = config with { Id = string.IsNullOrEmpty(config.Id) ? TaskIds.NewId() : config.Id, TaskId = taskId, Tenant = null };
        request.Stage = PipelineStage.Task;
        if (!await agent.PushConfigs!.SaveAsync(agent.AgentId, stored, agent.Options.TaskTimeToLive, request.Aborted).ConfigureAwait(false))
        {
            return A2AError.InvalidParams(request.Field(prefix + "id"), "the task has as many push-notification configurations as it may keep; delete one first.", "PUSH_NOTIFICATION_CONFIG_LIMIT");
        }

        return stored with { Tenant = config.Tenant };
    }

    public static async ValueTask<OperationResult<TaskPushNotificationConfig>> GetAsync(A2ARequest request, GetTaskPushNotificationConfigRequest get)
    {
        var (_, notFound) = await TaskOperations.FindAsync(request, get.TaskId).ConfigureAwait(false);
        if (notFound is not null)
        {
            return notFound;
        }

        var config = await request.Agent.PushConfigs!.GetAsync(request.Agent.AgentId, get.TaskId, get.Id, request.Aborted).ConfigureAwait(false);
        return config is null ? A2AError.PushConfigNotFound(get.TaskId, get.Id) : config with { Tenant = get.Tenant };
    }

    public static async ValueTask<OperationResult<ListTaskPushNotificationConfigsResponse>> ListAsync(A2ARequest request, ListTaskPushNotificationConfigsRequest list)
    {
        var (_, notFound) = await TaskOperations.FindAsync(request, list.TaskId).ConfigureAwait(false);
        if (notFound is not null)
        {
            return notFound;
        }

        var configs = await request.Agent.PushConfigs!.ListAsync(request.Agent.AgentId, list.TaskId, request.Aborted).ConfigureAwait(false);
        return new ListTaskPushNotificationConfigsResponse
        {
            Configs = [.. configs.OrderBy(c => c.Id, StringComparer.Ordinal).Select(c => c with { Tenant = list.Tenant })],
        };
    }

    public static async ValueTask<OperationResult<JsonNode>> DeleteAsync(A2ARequest request, DeleteTaskPushNotificationConfigRequest delete)
    {
        var (_, notFound) = await TaskOperations.FindAsync(request, delete.TaskId).ConfigureAwait(false);
        if (notFound is not null)
        {
            return notFound;
        }

        return await request.Agent.PushConfigs!.DeleteAsync(request.Agent.AgentId, delete.TaskId, delete.Id, request.Aborted).ConfigureAwait(false)
            ? new JsonObject() // google.protobuf.Empty
            : A2AError.PushConfigNotFound(delete.TaskId, delete.Id);
    }

    private static A2AError? CheckTaskId(A2ARequest request, string? taskId) =>
        TaskIds.IsValid(taskId) ? null : A2AError.InvalidParams(request.Field("taskId"), string.IsNullOrEmpty(taskId) ? "is required." : TaskIds.Rule + ".");

    private static A2AError? CheckConfigId(A2ARequest request, string? id, string field) =>
        TaskIds.IsValid(id) ? null : A2AError.InvalidParams(request.Field(field), string.IsNullOrEmpty(id) ? "is required." : TaskIds.Rule + ".");

    // Visible ASCII and spaces, nothing that could end a header or start another.
    private static bool IsHeaderSafe(string value)
    {
        foreach (var c in value)
        {
            if (c is < ' ' or > '~')
            {
                return false;
            }
        }

        return true;
    }

    // RFC 9110 token characters.
    private static bool IsToken(string value)
    {
        foreach (var c in value)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-.^_`|~".Contains(c)))
            {
                return false;
            }
        }

        return true;
    }
}
