using A2AGen.Protocol;

namespace A2AGen.Hosting.Push;

/// <summary>
/// Where the push-notification configurations of tasks live (A2A §4.3.3: Create/Get/List/Delete
/// <see cref="TaskPushNotificationConfig"/>), shared by every instance when the store is. Whoever calls it has already
/// checked that the caller owns the task; the store keeps at most a bounded number of configurations per task and
/// forgets them with the task. <see cref="InMemoryPushConfigStore"/> is the default; A2AGen.Hosting.Redis shares one
/// between instances. Implementations must be thread-safe.
/// </summary>
public interface IPushConfigStore
{
    /// <summary>Creates or replaces a configuration (<see cref="TaskPushNotificationConfig.TaskId"/> and <see cref="TaskPushNotificationConfig.Id"/> set).</summary>
    /// <param name="agentId">The agent that owns the task.</param>
    /// <param name="config">The configuration.</param>
    /// <param name="timeToLive">How long to keep it (the task's time to live).</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>False when the task already has the most configurations allowed and this one is new (nothing was written).</returns>
    /// <exception cref="Tasks.TaskStoreUnavailableException">The store cannot be reached.</exception>
    ValueTask<bool> SaveAsync(string agentId, TaskPushNotificationConfig config, TimeSpan timeToLive, CancellationToken cancellationToken);

    /// <summary>One configuration of a task, or null.</summary>
    /// <param name="agentId">The agent.</param>
    /// <param name="taskId">The task.</param>
    /// <param name="configId">The configuration's id.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    ValueTask<TaskPushNotificationConfig?> GetAsync(string agentId, string taskId, string configId, CancellationToken cancellationToken);

    /// <summary>Every configuration of a task, ordered by id.</summary>
    /// <param name="agentId">The agent.</param>
    /// <param name="taskId">The task.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    ValueTask<IReadOnlyList<TaskPushNotificationConfig>> ListAsync(string agentId, string taskId, CancellationToken cancellationToken);

    /// <summary>Deletes one configuration; false when there was none.</summary>
    /// <param name="agentId">The agent.</param>
    /// <param name="taskId">The task.</param>
    /// <param name="configId">The configuration's id.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    ValueTask<bool> DeleteAsync(string agentId, string taskId, string configId, CancellationToken cancellationToken);
}
