using A2AGen.Hosting.Tasks;
using A2AGen.Protocol;

namespace A2AGen.Hosting.Redis.Tests.Infrastructure;

/// <summary>
/// The Redis task store, except that leaving a cancellation request returns only once the task is stored as canceled:
/// the instance running the task always wins the race with the instance that was asked to cancel it.
/// </summary>
internal sealed class RunningInstanceWinsStore(RedisTaskStore inner) : IRevisionedTaskStore
{
    public bool IsShared => inner.IsShared;

    public ValueTask<TaskRecord?> GetAsync(string agentId, string taskId, CancellationToken cancellationToken) => inner.GetAsync(agentId, taskId, cancellationToken);

    public ValueTask SaveAsync(TaskRecord record, TimeSpan timeToLive, CancellationToken cancellationToken) => inner.SaveAsync(record, timeToLive, cancellationToken);

    public ValueTask<TaskListPage> ListAsync(string agentId, TaskListQuery query, CancellationToken cancellationToken) => inner.ListAsync(agentId, query, cancellationToken);

    public ValueTask<bool> IsCancellationRequestedAsync(string agentId, string taskId, CancellationToken cancellationToken) => inner.IsCancellationRequestedAsync(agentId, taskId, cancellationToken);

    public ValueTask<RevisionedTaskRecord?> GetRevisionAsync(string agentId, string taskId, CancellationToken cancellationToken) => inner.GetRevisionAsync(agentId, taskId, cancellationToken);

    public ValueTask<long?> TrySaveAsync(TaskRecord record, long expectedRevision, TimeSpan timeToLive, CancellationToken cancellationToken) => inner.TrySaveAsync(record, expectedRevision, timeToLive, cancellationToken);

    public async ValueTask RequestCancellationAsync(string agentId, string taskId, TimeSpan timeToLive, CancellationToken cancellationToken)
    {
        await inner.RequestCancellationAsync(agentId, taskId, timeToLive, cancellationToken);
        for (var i = 0; i < 400; i++)
        {
            if ((await inner.GetAsync(agentId, taskId, cancellationToken))?.Task.Status.State == TaskState.Canceled)
            {
                return;
            }

            await Task.Delay(25, cancellationToken);
        }

        throw new TimeoutException("The running instance did not cancel the task within 10 seconds.");
    }
}
