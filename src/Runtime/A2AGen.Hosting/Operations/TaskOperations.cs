using A2AGen.Hosting.Tasks;
using A2AGen.Protocol;

namespace A2AGen.Hosting;

/// <summary>
/// The <c>GetTask</c>, <c>ListTasks</c>, <c>CancelTask</c> and <c>SubscribeToTask</c> operations. A task is visible
/// only to the caller it belongs to; any other caller gets <c>TaskNotFoundError</c>, exactly as for a task that does
/// not exist.
/// </summary>
internal static class TaskOperations
{
    private const int DefaultPageSize = 50;
    private const int MaxPageSize = 100;

    /// <summary>Params stage of <c>GetTask</c>.</summary>
    public static A2AError? ValidateGet(A2ARequest request, GetTaskRequest get) =>
        CheckId(request, get.Id) ?? (get.HistoryLength is < 0 ? A2AError.InvalidParams(request.Field("historyLength"), "must not be negative.") : null);

    /// <summary>Params stage of <c>CancelTask</c> and <c>SubscribeToTask</c>.</summary>
    public static A2AError? CheckId(A2ARequest request, string? id) =>
        TaskIds.IsValid(id) ? null : A2AError.InvalidParams(request.Field("id"), string.IsNullOrEmpty(id) ? "is required." : TaskIds.Rule + ".");

    /// <summary>Params stage of <c>ListTasks</c>.</summary>
    public static A2AError? ValidateList(A2ARequest request, ListTasksRequest list)
    {
        var pageSize = list.PageSize ?? DefaultPageSize;
        if (pageSize is < 1 or > MaxPageSize)
        {
            return A2AError.InvalidParams(request.Field("pageSize"), $"must be between 1 and {MaxPageSize} inclusive, got {pageSize}.");
        }

        if (list.HistoryLength is < 0)
        {
            return A2AError.InvalidParams(request.Field("historyLength"), "must not be negative.");
        }

        if (list.ContextId is { } contextId && !TaskIds.IsValid(contextId))
        {
            return A2AError.InvalidParams(request.Field("contextId"), TaskIds.Rule + ".");
        }

        if (!string.IsNullOrEmpty(list.PageToken) && !PageToken.TryDecode(list.PageToken, out _))
        {
            return A2AError.InvalidParams(request.Field("pageToken"), "is not a page token issued by this agent; pass nextPageToken from the previous page.");
        }

        return null;
    }

    /// <summary>Policy stage of <c>ListTasks</c>: it lists the caller's own tasks, so it needs a caller.</summary>
    public static A2AError? CheckListPolicy(A2ARequest request) =>
        request.CallerId is null && !request.Agent.Options.AllowAnonymousTaskListing
            ? A2AError.Unauthenticated(SecurityReasons.AuthenticationRequired,
                "ListTasks lists the caller's own tasks and needs an authenticated caller (signed request, mutual TLS or ASP.NET Core authentication). " +
                "A server can allow anonymous listing with A2AAgentOptions.AllowAnonymousTaskListing.")
            : null;

    public static async ValueTask<OperationResult<AgentTask>> GetAsync(A2ARequest request, GetTaskRequest get)
    {
        var (record, notFound) = await FindAsync(request, get.Id).ConfigureAwait(false);
        if (notFound is not null)
        {
            return notFound;
        }

        // A running turn is newer than the store (saves are coalesced); a turn that has ended is not (a blocking
        // continuation may have stored the next one).
        var task = request.Agent.Runner.Find(request.Agent.AgentId, get.Id) is { Finished.IsCompleted: false } running ? running.Snapshot() : record!.Task;
        return TaskViews.WithHistory(task, get.HistoryLength);
    }

    public static async ValueTask<OperationResult<ListTasksResponse>> ListAsync(A2ARequest request, ListTasksRequest list)
    {
        var pageSize = list.PageSize ?? DefaultPageSize;
        TaskListCursor? after = null;
        if (!string.IsNullOrEmpty(list.PageToken) && PageToken.TryDecode(list.PageToken, out var cursor))
        {
            after = cursor;
        }

        request.Stage = PipelineStage.Task;
        TaskListPage page;
        try
        {
            page = await request.Agent.Store.ListAsync(request.Agent.AgentId, new TaskListQuery
            {
                OwnerId = request.CallerId,
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
        return new ListTasksResponse
        {
            Tasks = page.Items.Select(r => TaskViews.ForListing(r.Task, includeArtifacts, list.HistoryLength)).ToArray(),
            NextPageToken = page.Next is { } next ? PageToken.Encode(next) : "",
            PageSize = pageSize,
            TotalSize = page.TotalSize,
        };
    }

    public static async ValueTask<OperationResult<AgentTask>> CancelAsync(A2ARequest request, CancelTaskRequest cancel)
    {
        var agent = request.Agent;
        var (record, notFound) = await FindAsync(request, cancel.Id).ConfigureAwait(false);
        if (notFound is not null)
        {
            return notFound;
        }

        if (record!.Task.Status.State.IsTerminal())
        {
            return A2AError.TaskNotCancelable(cancel.Id, TaskStateNames.Of(record.Task.Status.State));
        }

        if (agent.Runner.Find(agent.AgentId, cancel.Id) is { } execution)
        {
            if (!await execution.TryCancelAsync("by the client").ConfigureAwait(false))
            {
                var finished = execution.Snapshot();
                if (!finished.Status.State.IsInterrupted())
                {
                    return A2AError.TaskNotCancelable(cancel.Id, TaskStateNames.Of(finished.Status.State));
                }

                // The turn has just stopped for the caller: once its state is saved, cancel the interrupted task below.
                await execution.Finished.WaitAsync(request.Aborted).ConfigureAwait(false);
                record = record with { Task = execution.Snapshot() };
            }
            else
            {
                return execution.Snapshot();
            }
        }

        if (!record.Task.Status.State.IsInterrupted())
        {
            // Running on another instance (shared store): leave a request it polls for, and record the outcome now.
            // An interrupted task runs nowhere: its cancellation is only recorded.
            await agent.Store.RequestCancellationAsync(agent.AgentId, cancel.Id, agent.Options.TaskTimeToLive, request.Aborted).ConfigureAwait(false);
        }

        if (agent.Store is IRevisionedTaskStore revisioned)
        {
            return await CancelRevisionedAsync(request, revisioned, cancel.Id).ConfigureAwait(false);
        }

        var lifecycle = TaskLifecycle.Resume(record.Task);
        lifecycle.Finish(TaskState.Canceled, Message.AgentText("The task was canceled at the client's request.", record.Task.ContextId, record.TaskId), agent.Time.GetUtcNow());
        var canceled = lifecycle.Snapshot();
        await agent.Store.SaveAsync(record with { Task = canceled }, agent.Options.TaskTimeToLive, request.Aborted).ConfigureAwait(false);
        HostingLog.TaskCanceled(agent.Logger, agent.AgentId, cancel.Id, "through the shared store");
        agent.NotifyPush(cancel.Id, FinalEvent(canceled));
        return canceled;
    }

    // The cancellation is written only over the revision it was computed from: a task that finished (or changed) on
    // its instance meanwhile is read again, and a finished one is not cancelable after all.
    private static async ValueTask<OperationResult<AgentTask>> CancelRevisionedAsync(A2ARequest request, IRevisionedTaskStore store, string taskId)
    {
        const int Attempts = 8;
        var agent = request.Agent;
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            if (await store.GetRevisionAsync(agent.AgentId, taskId, request.Aborted).ConfigureAwait(false) is not { } current
                || !string.Equals(current.Record.OwnerId, request.CallerId, StringComparison.Ordinal))
            {
                return A2AError.TaskNotFound(taskId);
            }

            var task = current.Record.Task;
            if (task.Status.State == TaskState.Canceled)
            {
                // It was not terminal when this request began: the instance running it saw the cancellation request
                // (or another cancel by the same owner landed) first. The cancel asked for has happened.
                return task;
            }

            if (task.Status.State.IsTerminal())
            {
                return A2AError.TaskNotCancelable(taskId, TaskStateNames.Of(task.Status.State));
            }

            var lifecycle = TaskLifecycle.Resume(task);
            lifecycle.Finish(TaskState.Canceled, Message.AgentText("The task was canceled at the client's request.", task.ContextId, taskId), agent.Time.GetUtcNow());
            var canceled = lifecycle.Snapshot();
            if (await store.TrySaveAsync(current.Record with { Task = canceled }, current.Revision, agent.Options.TaskTimeToLive, request.Aborted).ConfigureAwait(false) is not null)
            {
                HostingLog.TaskCanceled(agent.Logger, agent.AgentId, taskId, "through the shared store");
                agent.NotifyPush(taskId, FinalEvent(canceled));
                return canceled;
            }

            // The running instance saved in between: let its burst of saves pass (a short, growing, jittered wait) rather
            // than racing it again at once.
            await Task.Delay(TimeSpan.FromMilliseconds((attempt + 1) * 10 + Random.Shared.Next(10)), request.Aborted).ConfigureAwait(false);
        }

        return A2AError.Unavailable("TASK_CONTENDED", $"Task '{taskId}' kept changing while it was being canceled; retry.");
    }

    /// <summary>Streams the task's events through the binding; answers an error only before the stream starts.</summary>
    public static async ValueTask<A2AError?> SubscribeAsync(A2ARequest request, SubscribeToTaskRequest subscribe)
    {
        var agent = request.Agent;
        var (record, notFound) = await FindAsync(request, subscribe.Id).ConfigureAwait(false);
        if (notFound is not null)
        {
            return notFound;
        }

        if (record!.Task.Status.State.IsTerminal())
        {
            return A2AError.UnsupportedOperation($"Task '{subscribe.Id}' is {TaskStateNames.Of(record.Task.Status.State)}; a finished task has no updates to stream. Use GetTask.");
        }

        // A turn that has just ended (interrupted) may still be registered: its stream would end at once; poll instead.
        if (agent.Runner.Find(agent.AgentId, subscribe.Id) is { Finished.IsCompleted: false } execution)
        {
            await TaskStreaming.WriteAsync(request, execution, execution.Subscribe()).ConfigureAwait(false);
        }
        else if (agent.Events is not { } log || !await TaskEventFollowing.FollowAsync(request, record, log).ConfigureAwait(false))
        {
            if (record.Task.Status.State.IsInterrupted())
            {
                await TaskStreaming.FollowNextTurnAsync(request, record).ConfigureAwait(false);
            }
            else
            {
                await TaskStreaming.PollAsync(request, record).ConfigureAwait(false);
            }
        }

        return null;
    }

    private static StreamResponse FinalEvent(AgentTask task) => new()
    {
        StatusUpdate = new TaskStatusUpdateEvent { TaskId = task.Id, ContextId = task.ContextId ?? "", Status = task.Status },
    };

    /// <summary>The caller's task, or <c>TaskNotFoundError</c> (also for another caller's task).</summary>
    internal static async ValueTask<(TaskRecord? Record, A2AError? NotFound)> FindAsync(A2ARequest request, string taskId)
    {
        request.Stage = PipelineStage.Task;
        request.Activity?.SetTag("a2a.task.id", taskId);
        var record = await request.Agent.Store.GetAsync(request.Agent.AgentId, taskId, request.Aborted).ConfigureAwait(false);
        return record is null || !string.Equals(record.OwnerId, request.CallerId, StringComparison.Ordinal)
            ? (null, A2AError.TaskNotFound(taskId))
            : (record, null);
    }
}
