namespace A2AGen.Hosting.Tasks;

/// <summary>
/// A task store with optimistic concurrency: every stored task has a revision, and a write names the revision it was
/// computed from and succeeds only if the stored task still has it. Hosting uses it, when the registered
/// <see cref="ITaskStore"/> implements it, for every change of an existing task (the running instance's saves, a
/// <c>CancelTask</c> made on another instance), so two instances changing one task never lose an update: the second
/// writer re-reads and decides again (a running task that was canceled elsewhere ends as canceled; a cancellation of a
/// task that finished meanwhile is refused as not cancelable).
/// </summary>
public interface IRevisionedTaskStore : ITaskStore
{
    /// <summary>The task and its revision, or null when unknown or expired.</summary>
    /// <param name="agentId">The agent that owns the task.</param>
    /// <param name="taskId">The task id.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    ValueTask<RevisionedTaskRecord?> GetRevisionAsync(string agentId, string taskId, CancellationToken cancellationToken);

    /// <summary>
    /// Stores <paramref name="record"/> if the stored task has <paramref name="expectedRevision"/> (0: only if no task
    /// with this id is stored), admitting a new task within the caller's budget as <see cref="ITaskStore.SaveAsync"/> does.
    /// </summary>
    /// <param name="record">The task.</param>
    /// <param name="expectedRevision">The revision <paramref name="record"/> was computed from.</param>
    /// <param name="timeToLive">How long to keep it.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The new revision, or null when the stored task has another revision (nothing was written).</returns>
    /// <exception cref="TaskStoreFullException">A new task does not fit.</exception>
    ValueTask<long?> TrySaveAsync(TaskRecord record, long expectedRevision, TimeSpan timeToLive, CancellationToken cancellationToken);
}

/// <summary>A stored task and the revision it was read at.</summary>
/// <param name="Record">The task.</param>
/// <param name="Revision">Its revision (1 for the first write, one more for each later write).</param>
public readonly record struct RevisionedTaskRecord(TaskRecord Record, long Revision);
