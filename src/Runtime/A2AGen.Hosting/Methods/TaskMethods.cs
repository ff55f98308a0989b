using A2AGen.Hosting.Tasks;
using A2AGen.Protocol;
using A2AGen.Protocol.Serialization;
using TaskStatus = A2AGen.Protocol.TaskStatus;

namespace A2AGen.Hosting;

/// <summary>
/// <c>GetTask</c>, <c>ListTasks</c>, <c>CancelTask</c> and <c>SubscribeToTask</c>. A task is visible only to the caller
/// it belongs to; any other caller gets -32001, exactly as for a task that does not exist.
/// </summary>
internal static class TaskMethods
{
    private const int DefaultPageSize = 50;
    private const int MaxPageSize = 100;

    public static async ValueTask<A2AError?> GetAsync(A2ARequest request)
    {
        var error = ParamsReader.Read<GetTaskRequest>(request, out var get) ?? CheckId(get!.Id);
        if (get?.HistoryLength is < 0)
        {
            error ??= A2AError.InvalidParams("params.historyLength", "must not be negative.");
        }

        if (error is not null)
        {
            return error;
        }

        var (record, notFound) = await FindAsync(request, get!.Id).ConfigureAwait(false);
        if (notFound is not null)
        {
            return notFound;
        }

        var task = request.Agent.Runner.Find(request.Agent.AgentId, get.Id)?.Snapshot() ?? record!.Task;
        await JsonRpcResponseWriter.WriteResultAsync(request.Http.Response, request.Id, TaskViews.WithHistory(task, get.HistoryLength), A2AJson.GetTypeInfo<AgentTask>()).ConfigureAwait(false);
        return null;
    }

    public static async ValueTask<A2AError?> ListAsync(A2ARequest request)
    {
        ListTasksRequest list;
        if (request.Envelope!.Params.ValueKind == System.Text.Json.JsonValueKind.Undefined)
        {
            list = new ListTasksRequest();
        }
        else
        {
            var error = ParamsReader.Read(request, out ListTasksRequest? parsed);
            if (error is not null)
            {
                return error;
            }

            list = parsed!;
        }

        var pageSize = list.PageSize ?? DefaultPageSize;
        if (pageSize is < 1 or > MaxPageSize)
        {
            return A2AError.InvalidParams("params.pageSize", $"must be between 1 and {MaxPageSize} inclusive, got {pageSize}.");
        }

        if (list.HistoryLength is < 0)
        {
            return A2AError.InvalidParams("params.historyLength", "must not be negative.");
        }

        if (list.ContextId is { } contextId && !TaskIds.IsValid(contextId))
        {
            return A2AError.InvalidParams("params.contextId", TaskIds.Rule + ".");
        }

        TaskListCursor? after = null;
        if (!string.IsNullOrEmpty(list.PageToken))
        {
            if (!PageToken.TryDecode(list.PageToken, out var cursor))
            {
                return A2AError.InvalidParams("params.pageToken", "is not a page token issued by this agent; pass nextPageToken from the previous page.");
            }

            after = cursor;
        }

        var owner = request.CallerId;
        if (owner is null && !request.Agent.Options.AllowAnonymousTaskListing)
        {
            request.Stage = "policy";
            return A2AError.Unauthenticated(SecurityReasons.AuthenticationRequired,
                "ListTasks lists the caller's own tasks and needs an authenticated caller (signed request, mutual TLS or ASP.NET Core authentication). " +
                "A server can allow anonymous listing with A2AAgentOptions.AllowAnonymousTaskListing.");
        }

        request.Stage = "task";
        TaskListPage page;
        try
        {
            page = await request.Agent.Store.ListAsync(request.Agent.AgentId, new TaskListQuery
            {
                OwnerId = owner,
                ContextId = list.ContextId,
                State = list.Status,
                StatusTimestampAfter = list.StatusTimestampAfter,
                PageSize = pageSize,
                After = after,
            }, request.Aborted).ConfigureAwait(false);
        }
        catch (NotSupportedException ex)
        {
            return A2AError.UnsupportedOperation(ex.Message);
        }

        var includeArtifacts = list.IncludeArtifacts == true;
        var response = new ListTasksResponse
        {
            Tasks = page.Items.Select(r => TaskViews.ForListing(r.Task, includeArtifacts, list.HistoryLength)).ToArray(),
            NextPageToken = page.Next is { } next ? PageToken.Encode(next) : "",
            PageSize = pageSize,
            TotalSize = page.TotalSize,
        };
        await JsonRpcResponseWriter.WriteResultAsync(request.Http.Response, request.Id, response, A2AJson.GetTypeInfo<ListTasksResponse>()).ConfigureAwait(false);
        return null;
    }

    public static async ValueTask<A2AError?> CancelAsync(A2ARequest request)
    {
        var error = ParamsReader.Read<CancelTaskRequest>(request, out var cancel) ?? CheckId(cancel!.Id);
        if (error is not null)
        {
            return error;
        }

        var agent = request.Agent;
        var (record, notFound) = await FindAsync(request, cancel!.Id).ConfigureAwait(false);
        if (notFound is not null)
        {
            return notFound;
        }

        if (record!.Task.Status.State.IsTerminal())
        {
            return A2AError.TaskNotCancelable(cancel.Id, TaskStateNames.Of(record.Task.Status.State));
        }

        AgentTask canceled;
        if (agent.Runner.Find(agent.AgentId, cancel.Id) is { } execution)
        {
            if (!await execution.TryCancelAsync("by the client").ConfigureAwait(false))
            {
                var finished = execution.Snapshot();
                return A2AError.TaskNotCancelable(cancel.Id, TaskStateNames.Of(finished.Status.State));
            }

            canceled = execution.Snapshot();
        }
        else
        {
            // Running on another instance (shared store): leave a request it polls for, and record the outcome now.
            await agent.Store.RequestCancellationAsync(agent.AgentId, cancel.Id, agent.Options.TaskTimeToLive, request.Aborted).ConfigureAwait(false);
            canceled = record.Task with
            {
                Status = new TaskStatus
                {
                    State = TaskState.Canceled,
                    Message = Message.AgentText("The task was canceled at the client's request.", record.Task.ContextId, record.TaskId),
                    Timestamp = agent.Time.GetUtcNow(),
                },
            };
            await agent.Store.SaveAsync(record with { Task = canceled }, agent.Options.TaskTimeToLive, request.Aborted).ConfigureAwait(false);
            HostingLog.TaskCanceled(agent.Logger, agent.AgentId, cancel.Id, "through the shared store");
        }

        await JsonRpcResponseWriter.WriteResultAsync(request.Http.Response, request.Id, canceled, A2AJson.GetTypeInfo<AgentTask>()).ConfigureAwait(false);
        return null;
    }

    public static async ValueTask<A2AError?> SubscribeAsync(A2ARequest request)
    {
        var agent = request.Agent;
        if (!agent.SupportsStreaming)
        {
            return A2AError.UnsupportedOperation($"Agent '{agent.AgentId}' does not stream (capabilities.streaming is false); poll with GetTask.");
        }

        var error = ParamsReader.Read<SubscribeToTaskRequest>(request, out var subscribe) ?? CheckId(subscribe!.Id);
        if (error is not null)
        {
            return error;
        }

        var (record, notFound) = await FindAsync(request, subscribe!.Id).ConfigureAwait(false);
        if (notFound is not null)
        {
            return notFound;
        }

        if (record!.Task.Status.State.IsTerminal())
        {
            return A2AError.UnsupportedOperation($"Task '{subscribe.Id}' is {TaskStateNames.Of(record.Task.Status.State)}; a finished task has no updates to stream. Use GetTask.");
        }

        if (agent.Runner.Find(agent.AgentId, subscribe.Id) is { } execution)
        {
            await TaskStreaming.WriteAsync(request, execution, execution.Subscribe()).ConfigureAwait(false);
        }
        else
        {
            await TaskStreaming.PollAsync(request, record).ConfigureAwait(false);
        }

        return null;
    }

    private static A2AError? CheckId(string? id) =>
        TaskIds.IsValid(id) ? null : A2AError.InvalidParams("params.id", string.IsNullOrEmpty(id) ? "is required." : TaskIds.Rule + ".");

    private static async ValueTask<(TaskRecord? Record, A2AError? NotFound)> FindAsync(A2ARequest request, string taskId)
    {
        request.Stage = "task";
        request.Activity?.SetTag("a2a.task.id", taskId);
        var record = await request.Agent.Store.GetAsync(request.Agent.AgentId, taskId, request.Aborted).ConfigureAwait(false);
        return record is null || !string.Equals(record.OwnerId, request.CallerId, StringComparison.Ordinal)
            ? (null, A2AError.TaskNotFound(taskId))
            : (record, null);
    }
}
