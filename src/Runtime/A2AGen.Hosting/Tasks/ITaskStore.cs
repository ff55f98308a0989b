using A2AGen.Protocol;

namespace A2AGen.Hosting.Tasks;

/// <summary>
/// Where tasks live between requests. The default is a bounded in-memory store; register
/// <see cref="DistributedCacheTaskStore"/> (<c>AddA2ADistributedTaskStore()</c>) to share tasks between instances.
/// Implementations must be thread-safe.
/// </summary>
public interface ITaskStore
{
    /// <summary>Whether other processes see the same tasks (then cancellation is coordinated through the store).</summary>
    bool IsShared { get; }

    /// <summary>The task, or null when unknown or expired.</summary>
    /// <param name="agentId">The agent that owns the task.</param>
    /// <param name="taskId">The task id.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    ValueTask<TaskRecord?> GetAsync(string agentId, string taskId, CancellationToken cancellationToken);

    /// <summary>Creates or replaces a task; it stays retrievable for <paramref name="timeToLive"/> after this call.</summary>
    /// <param name="record">The task.</param>
    /// <param name="timeToLive">How long to keep it.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <exception cref="TaskStoreFullException">The store cannot take another task now.</exception>
    ValueTask SaveAsync(TaskRecord record, TimeSpan timeToLive, CancellationToken cancellationToken);

    /// <summary>
    /// One page of an agent's tasks visible to <see cref="TaskListQuery.OwnerId"/>, newest status change first
    /// (ties broken by task id).
    /// </summary>
    /// <param name="agentId">The agent.</param>
    /// <param name="query">Filters, page size and position.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    ValueTask<TaskListPage> ListAsync(string agentId, TaskListQuery query, CancellationToken cancellationToken);

    /// <summary>Records that a task should stop, for the instance running it to notice.</summary>
    /// <param name="agentId">The agent.</param>
    /// <param name="taskId">The task.</param>
    /// <param name="timeToLive">How long to keep the request.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    ValueTask RequestCancellationAsync(string agentId, string taskId, TimeSpan timeToLive, CancellationToken cancellationToken);

    /// <summary>Whether <see cref="RequestCancellationAsync"/> was called for the task.</summary>
    /// <param name="agentId">The agent.</param>
    /// <param name="taskId">The task.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    ValueTask<bool> IsCancellationRequestedAsync(string agentId, string taskId, CancellationToken cancellationToken);
}

/// <summary>A stored task and who may see it.</summary>
public sealed record TaskRecord
{
    /// <summary>The agent that owns the task.</summary>
    public required string AgentId { get; init; }

    /// <summary>The caller the task belongs to (<c>agent:…</c>, <c>mtls:…</c>, <c>user:…</c>), or null for anonymous callers.</summary>
    public string? OwnerId { get; init; }

    /// <summary>The task as clients see it.</summary>
    public required AgentTask Task { get; init; }

    /// <summary>The task id.</summary>
    public string TaskId => Task.Id;

    /// <summary>When the status last changed (the listing order).</summary>
    public DateTimeOffset StatusTimestamp => Task.Status.Timestamp ?? DateTimeOffset.MinValue;
}

/// <summary>The filters and position of a <see cref="ITaskStore.ListAsync"/> call.</summary>
public sealed record TaskListQuery
{
    /// <summary>Only tasks of this owner (null: anonymous tasks).</summary>
    public string? OwnerId { get; init; }

    /// <summary>Only tasks of this context.</summary>
    public string? ContextId { get; init; }

    /// <summary>Only tasks in this state.</summary>
    public TaskState? State { get; init; }

    /// <summary>Only tasks whose status changed at or after this time (spec: "greater than or equal to").</summary>
    public DateTimeOffset? StatusTimestampAfter { get; init; }

    /// <summary>At most this many tasks (1–100).</summary>
    public int PageSize { get; init; } = 50;

    /// <summary>Continue after this position (from the previous page).</summary>
    public TaskListCursor? After { get; init; }
}

/// <summary>A position in the listing order: the last task of a page.</summary>
/// <param name="StatusTimestamp">Its status timestamp.</param>
/// <param name="TaskId">Its id.</param>
public readonly record struct TaskListCursor(DateTimeOffset StatusTimestamp, string TaskId)
{
    /// <summary>Whether <paramref name="record"/> comes after this position in the listing order.</summary>
    /// <param name="record">A task.</param>
    public bool IsBefore(TaskRecord record)
    {
        var byTime = record.StatusTimestamp.CompareTo(StatusTimestamp);
        return byTime < 0 || (byTime == 0 && string.CompareOrdinal(record.TaskId, TaskId) > 0);
    }
}

/// <summary>One page of tasks.</summary>
public sealed record TaskListPage
{
    /// <summary>The tasks, in listing order.</summary>
    public required IReadOnlyList<TaskRecord> Items { get; init; }

    /// <summary>How many tasks match the filters in total.</summary>
    public int TotalSize { get; init; }

    /// <summary>Where the next page starts, or null on the last page.</summary>
    public TaskListCursor? Next { get; init; }
}

/// <summary>The task store is at capacity and every task in it is still within its time to live.</summary>
public class TaskStoreFullException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is full.</param>
    public TaskStoreFullException(string message)
        : base(message)
    {
    }
}

/// <summary>
/// The caller already holds as many tasks at this agent as one identified caller may (the store's
/// <c>CapacityPerCaller</c>), all within their time to live: its new task is refused (HTTP 429); nobody else is affected.
/// </summary>
public sealed class TaskQuotaExceededException : TaskStoreFullException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">Whose budget is used up.</param>
    public TaskQuotaExceededException(string message)
        : base(message)
    {
    }
}
