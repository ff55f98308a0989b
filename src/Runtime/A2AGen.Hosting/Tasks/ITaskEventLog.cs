using A2AGen.Protocol;

namespace A2AGen.Hosting.Tasks;

/// <summary>
/// The events of running tasks, shared between instances, so <c>SubscribeToTask</c> on one instance follows a task
/// that runs on another with every status and artifact event in order. The instance running a task appends, in the
/// task's order: the task as submitted (a <see cref="StreamResponse.Task"/>), each change, and the final status once
/// it is stored. A follower reads the log from its start: the events up to where it caught up make the task it sends
/// first, and the events after it are sent as they come, so there is no gap between the two. Without a registered log,
/// followers poll the store instead. Implementations must be thread-safe.
/// </summary>
public interface ITaskEventLog
{
    /// <summary>
    /// Appends an event of a task running on this instance. Called in the task's order and never concurrently for one
    /// task, so it must not block or reorder: send it and return (a failure is the implementation's to report).
    /// </summary>
    /// <param name="agentId">The agent.</param>
    /// <param name="taskId">The task.</param>
    /// <param name="sequence">The event's number in the task's log (0 for the submitted task, then 1, 2, …).</param>
    /// <param name="item">The event.</param>
    /// <param name="timeToLive">How long the log must stay readable (the task's time to live).</param>
    void Append(string agentId, string taskId, long sequence, StreamResponse item, TimeSpan timeToLive);

    /// <summary>
    /// The task's events after <paramref name="position"/> (null: from the start), waiting up to
    /// <paramref name="wait"/> for one when there is none yet.
    /// </summary>
    /// <param name="agentId">The agent.</param>
    /// <param name="taskId">The task.</param>
    /// <param name="position">Where the previous read ended (<see cref="TaskEventBatch.Position"/>).</param>
    /// <param name="wait">How long to wait for a new event.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <exception cref="TaskStoreUnavailableException">The log cannot be read.</exception>
    ValueTask<TaskEventBatch> ReadAsync(string agentId, string taskId, string? position, TimeSpan wait, CancellationToken cancellationToken);
}

/// <summary>Events read from an <see cref="ITaskEventLog"/>.</summary>
/// <param name="Events">The events, in order, with their sequence numbers.</param>
/// <param name="Position">Where to continue reading (unchanged when nothing was read).</param>
public sealed record TaskEventBatch(IReadOnlyList<TaskLogEvent> Events, string? Position);

/// <summary>One event of a task's log.</summary>
/// <param name="Sequence">Its number in the task's log (0 for the submitted task).</param>
/// <param name="Item">The event.</param>
public readonly record struct TaskLogEvent(long Sequence, StreamResponse Item);
