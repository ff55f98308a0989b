using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace A2AGen.Hosting.Tasks;

/// <summary>
/// The default task store: a bounded in-process dictionary. A task is kept until its time to live passes (renewed on
/// every save); when the store is full, expired tasks are evicted and, if none has expired, new tasks are refused
/// (<see cref="TaskStoreFullException"/>) rather than dropping a task a client was promised.
/// </summary>
public sealed class InMemoryTaskStore : ITaskStore
{
    private static readonly TimeSpan SweepInterval = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<(string AgentId, string TaskId), Entry> _tasks = new();
    private readonly ConcurrentDictionary<(string AgentId, string TaskId), DateTimeOffset> _cancellations = new();
    private readonly TimeProvider _time;
    private readonly int _capacity;
    private int _count;
    private long _nextSweepTicks;

    /// <summary>Creates the store.</summary>
    /// <param name="options">Capacity.</param>
    /// <param name="time">The clock (expiry).</param>
    public InMemoryTaskStore(IOptions<InMemoryTaskStoreOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        _capacity = options.Value.Capacity;
        if (_capacity < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), _capacity, "InMemoryTaskStoreOptions.Capacity must be at least 1.");
        }

        _time = time;
    }

    /// <summary>How many tasks the store holds (expired ones included until swept).</summary>
    public int Count => Volatile.Read(ref _count);

    /// <inheritdoc />
    public bool IsShared => false;

    /// <inheritdoc />
    public ValueTask<TaskRecord?> GetAsync(string agentId, string taskId, CancellationToken cancellationToken)
    {
        var key = (agentId, taskId);
        if (!_tasks.TryGetValue(key, out var entry))
        {
            return ValueTask.FromResult<TaskRecord?>(null);
        }

        if (entry.ExpiresAt <= _time.GetUtcNow())
        {
            Remove(key, entry);
            return ValueTask.FromResult<TaskRecord?>(null);
        }

        return ValueTask.FromResult<TaskRecord?>(entry.Record);
    }

    /// <inheritdoc />
    public ValueTask SaveAsync(TaskRecord record, TimeSpan timeToLive, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        var now = _time.GetUtcNow();
        var key = (record.AgentId, record.TaskId);
        var entry = new Entry(record, now + timeToLive);
        SweepIfDue(now);

        while (true)
        {
            if (_tasks.TryGetValue(key, out var existing))
            {
                if (_tasks.TryUpdate(key, entry, existing))
                {
                    return ValueTask.CompletedTask;
                }

                continue;
            }

            if (Volatile.Read(ref _count) >= _capacity)
            {
                Sweep(now);
                if (Volatile.Read(ref _count) >= _capacity)
                {
                    throw new TaskStoreFullException($"The in-memory task store holds its capacity of {_capacity} tasks, none expired yet.");
                }
            }

            if (_tasks.TryAdd(key, entry))
            {
                Interlocked.Increment(ref _count);
                return ValueTask.CompletedTask;
            }
        }
    }

    /// <inheritdoc />
    public ValueTask<TaskListPage> ListAsync(string agentId, TaskListQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var now = _time.GetUtcNow();
        var matching = new List<TaskRecord>();
        foreach (var (key, entry) in _tasks)
        {
            if (string.Equals(key.AgentId, agentId, StringComparison.Ordinal) && entry.ExpiresAt > now && TaskListing.Matches(entry.Record, query))
            {
                matching.Add(entry.Record);
            }
        }

        return ValueTask.FromResult(TaskListing.Page(matching, query));
    }

    /// <inheritdoc />
    public ValueTask RequestCancellationAsync(string agentId, string taskId, TimeSpan timeToLive, CancellationToken cancellationToken)
    {
        _cancellations[(agentId, taskId)] = _time.GetUtcNow() + timeToLive;
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask<bool> IsCancellationRequestedAsync(string agentId, string taskId, CancellationToken cancellationToken) =>
        ValueTask.FromResult(_cancellations.TryGetValue((agentId, taskId), out var expires) && expires > _time.GetUtcNow());

    private void SweepIfDue(DateTimeOffset now)
    {
        var due = Volatile.Read(ref _nextSweepTicks);
        if (now.UtcTicks >= due && Interlocked.CompareExchange(ref _nextSweepTicks, (now + SweepInterval).UtcTicks, due) == due)
        {
            Sweep(now);
        }
    }

    private void Sweep(DateTimeOffset now)
    {
        foreach (var (key, entry) in _tasks)
        {
            if (entry.ExpiresAt <= now)
            {
                Remove(key, entry);
            }
        }

        foreach (var (key, expires) in _cancellations)
        {
            if (expires <= now)
            {
                _cancellations.TryRemove(new KeyValuePair<(string, string), DateTimeOffset>(key, expires));
            }
        }
    }

    private void Remove((string, string) key, Entry entry)
    {
        if (_tasks.TryRemove(new KeyValuePair<(string, string), Entry>(key, entry)))
        {
            Interlocked.Decrement(ref _count);
        }
    }

    // A class, not a record: the dictionary's compare-and-swap must compare identities, not contents.
    private sealed class Entry(TaskRecord record, DateTimeOffset expiresAt)
    {
        public TaskRecord Record { get; } = record;

        public DateTimeOffset ExpiresAt { get; } = expiresAt;
    }
}
