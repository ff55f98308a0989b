using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;

namespace A2AGen.Hosting.Tasks;

/// <summary>
/// The tasks running on this instance, by agent and task id. <c>CancelTask</c> and <c>SubscribeToTask</c> find them
/// here; when the host stops, every running skill is told to stop and the runner waits (within the host's shutdown
/// timeout) for their final states to be saved.
/// </summary>
internal sealed class TaskRunner : IHostedService
{
    private readonly ConcurrentDictionary<(string AgentId, string TaskId), TaskExecution> _running = new();
    private readonly ConcurrentDictionary<(string AgentId, string TaskId), object> _continuing = new();
    private readonly Dictionary<(string AgentId, string TaskId), List<Action<TaskExecution>>> _watchers = [];
    private readonly Lock _watchersGate = new();
    private volatile int _watcherCount;

    public int RunningCount => _running.Count;

    public void Add(TaskExecution execution)
    {
        var key = (execution.AgentId, execution.TaskId);
        while (!_running.TryAdd(key, execution))
        {
            if (!_running.TryGetValue(key, out var previous))
            {
                continue; // removed meanwhile
            }

            // The previous turn of a continued task has saved its interruption but may not have left yet: replace it.
            if (!previous.Finished.IsCompleted)
            {
                throw new InvalidOperationException($"Task '{execution.TaskId}' of agent '{execution.AgentId}' is already running.");
            }

            if (_running.TryUpdate(key, execution, previous))
            {
                break;
            }
        }

        if (_watcherCount > 0)
        {
            Notify(key, execution);
        }
    }

    /// <summary>
    /// Calls <paramref name="onAdded"/> once, with the next execution of the task <see cref="Add"/>ed on this instance,
    /// inside <see cref="Add"/>: before the execution runs, so a subscription taken there misses none of its events
    /// (<c>SubscribeToTask</c> on an interrupted task follows its next turn this way). Dispose the result to stop waiting.
    /// </summary>
    public IDisposable WatchNext(string agentId, string taskId, Action<TaskExecution> onAdded)
    {
        var key = (agentId, taskId);
        lock (_watchersGate)
        {
            if (!_watchers.TryGetValue(key, out var list))
            {
                _watchers[key] = list = [];
            }

            list.Add(onAdded);
            _watcherCount++;
        }

        return new Watch(this, key, onAdded);
    }

    private void Notify((string AgentId, string TaskId) key, TaskExecution execution)
    {
        List<Action<TaskExecution>>? due;
        lock (_watchersGate)
        {
            if (_watchers.Remove(key, out due))
            {
                _watcherCount -= due.Count;
            }
        }

        foreach (var onAdded in due ?? [])
        {
            onAdded(execution);
        }
    }

    private void Unwatch((string AgentId, string TaskId) key, Action<TaskExecution> onAdded)
    {
        lock (_watchersGate)
        {
            if (_watchers.TryGetValue(key, out var list) && list.Remove(onAdded))
            {
                _watcherCount--;
                if (list.Count == 0)
                {
                    _watchers.Remove(key);
                }
            }
        }
    }

    private sealed class Watch(TaskRunner runner, (string AgentId, string TaskId) key, Action<TaskExecution> onAdded) : IDisposable
    {
        public void Dispose() => runner.Unwatch(key, onAdded);
    }

    public TaskExecution? Find(string agentId, string taskId) =>
        _running.TryGetValue((agentId, taskId), out var execution) ? execution : null;

    public void Remove(TaskExecution execution) =>
        _running.TryRemove(new KeyValuePair<(string, string), TaskExecution>((execution.AgentId, execution.TaskId), execution));

    /// <summary>
    /// Claims an interrupted task for one continuing message, so two messages racing to continue it on this instance
    /// cannot both run the skill. Null when another message holds the claim.
    /// </summary>
    public object? TryClaim(string agentId, string taskId)
    {
        var claim = new object();
        return _continuing.TryAdd((agentId, taskId), claim) ? claim : null;
    }

    /// <summary>Releases <paramref name="claim"/> (again: no effect; a later claim by another message stays).</summary>
    public void Release(string agentId, string taskId, object claim) =>
        _continuing.TryRemove(new KeyValuePair<(string, string), object>((agentId, taskId), claim));

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        var running = _running.Values.ToArray();
        foreach (var execution in running)
        {
            execution.Stop();
        }

        try
        {
            await Task.WhenAll(running.Select(static e => e.Finished)).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The host's shutdown timeout passed; skills that ignore cancellation are left behind.
        }
    }
}
