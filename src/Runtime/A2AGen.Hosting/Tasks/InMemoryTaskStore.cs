using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace A2AGen.Hosting.Tasks;

/// <summary>
/// The default task store: a bounded in-process dictionary. A task is kept until its time to live passes (renewed on
/// every save). Budgets keep anonymous traffic from crowding out anyone else (<see cref="InMemoryTaskStoreOptions"/>):
/// per agent, each identified caller may hold <see cref="InMemoryTaskStoreOptions.CapacityPerCaller"/> tasks (its next
/// one is refused, <see cref="TaskQuotaExceededException"/>), and all anonymous callers together
/// <see cref="InMemoryTaskStoreOptions.AnonymousCapacity"/>, the oldest anonymous task making room for a new one. When
/// the whole store is full, expired tasks go first, then the oldest anonymous ones; an identified caller's task is never
/// dropped to make room — new tasks are refused instead (<see cref="TaskStoreFullException"/>).
/// </summary>
public sealed class InMemoryTaskStore : ITaskStore
{
    private static readonly TimeSpan SweepInterval = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<(string AgentId, string TaskId), Entry> _tasks = new();
    private readonly ConcurrentDictionary<(string AgentId, string TaskId), DateTimeOffset> _cancellations = new();
    private readonly TimeProvider _time;
    private readonly int _capacity;
    private readonly int _capacityPerCaller;
    private readonly int _anonymousCapacity;

    // Admissions and removals (which change the budgets) take the gate; reads and updates of a stored task do not.
    private readonly object _gate = new();
    private readonly Dictionary<(string AgentId, string OwnerId), int> _perCaller = [];
    private readonly Dictionary<string, AnonymousTasks> _anonymous = new(StringComparer.Ordinal);
    private long _admitted;
    private int _count;
    private long _nextSweepTicks;

    /// <summary>Creates the store.</summary>
    /// <param name="options">Capacity and budgets.</param>
    /// <param name="time">The clock (expiry).</param>
    public InMemoryTaskStore(IOptions<InMemoryTaskStoreOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        var settings = options.Value;
        _capacity = settings.Capacity;
        _capacityPerCaller = settings.CapacityPerCaller;
        _anonymousCapacity = settings.AnonymousCapacity;
        if (_capacity < 1 || _capacityPerCaller < 1 || _anonymousCapacity < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), $"InMemoryTaskStoreOptions: Capacity ({_capacity}) and CapacityPerCaller ({_capacityPerCaller}) must be at least 1, AnonymousCapacity ({_anonymousCapacity}) at least 0.");
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
            lock (_gate)
            {
                RemoveLocked(key, entry);
            }

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
        var expiresAt = now + timeToLive;
        SweepIfDue(now);

        // A task already stored is replaced in place: its budget was paid when it was admitted.
        while (_tasks.TryGetValue(key, out var existing))
        {
            if (_tasks.TryUpdate(key, existing.With(record, expiresAt), existing))
            {
                return ValueTask.CompletedTask;
            }
        }

        lock (_gate)
        {
            if (_tasks.TryGetValue(key, out var raced))
            {
                _tasks[key] = raced.With(record, expiresAt);
                return ValueTask.CompletedTask;
            }

            Admit(record, now);
            var entry = new Entry(record, expiresAt, ++_admitted);
            _tasks[key] = entry;
            _count++;
            if (record.OwnerId is { } owner)
            {
                _perCaller[(record.AgentId, owner)] = _perCaller.GetValueOrDefault((record.AgentId, owner)) + 1;
            }
            else
            {
                Anonymous(record.AgentId).Add(key, entry.Admitted);
            }
        }

        return ValueTask.CompletedTask;
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

    // Makes room for a new task within its budgets, or refuses it. Called under the gate.
    private void Admit(TaskRecord record, DateTimeOffset now)
    {
        var agentId = record.AgentId;
        if (record.OwnerId is { } owner)
        {
            if (_perCaller.GetValueOrDefault((agentId, owner)) >= _capacityPerCaller)
            {
                SweepLocked(now);
                if (_perCaller.GetValueOrDefault((agentId, owner)) >= _capacityPerCaller)
                {
                    throw new TaskQuotaExceededException($"Caller '{owner}' holds {_capacityPerCaller} tasks at agent '{agentId}' (InMemoryTaskStoreOptions.CapacityPerCaller), none expired yet.");
                }
            }
        }
        else
        {
            // The anonymous budget: the oldest anonymous task of this agent makes room.
            while (Anonymous(agentId).Count >= _anonymousCapacity)
            {
                if (!EvictOldestAnonymous(Anonymous(agentId)))
                {
                    throw new TaskStoreFullException($"Agent '{agentId}' keeps no anonymous tasks (InMemoryTaskStoreOptions.AnonymousCapacity is 0).");
                }
            }
        }

        if (_count < _capacity)
        {
            return;
        }

        SweepLocked(now);
        if (_count >= _capacity && !EvictOldestAnonymousOfAnyAgent())
        {
            throw new TaskStoreFullException($"The in-memory task store holds its capacity of {_capacity} tasks, none anonymous and none expired.");
        }
    }

    private AnonymousTasks Anonymous(string agentId)
    {
        if (!_anonymous.TryGetValue(agentId, out var tasks))
        {
            tasks = new AnonymousTasks();
            _anonymous[agentId] = tasks;
        }

        return tasks;
    }

    private bool EvictOldestAnonymousOfAnyAgent()
    {
        AnonymousTasks? oldest = null;
        foreach (var tasks in _anonymous.Values)
        {
            if (tasks.Count > 0 && (oldest is null || tasks.OldestAdmitted(this) < oldest.OldestAdmitted(this)))
            {
                oldest = tasks;
            }
        }

        return oldest is not null && EvictOldestAnonymous(oldest);
    }

    private bool EvictOldestAnonymous(AnonymousTasks tasks)
    {
        while (tasks.TryDequeue(out var key, out var admitted))
        {
            // Entries removed meanwhile (expired) leave stale keys behind; skip them.
            if (_tasks.TryGetValue(key, out var entry) && entry.Admitted == admitted)
            {
                RemoveLocked(key, entry, evenIfUpdated: true);
                return true;
            }
        }

        return false;
    }

    private void SweepIfDue(DateTimeOffset now)
    {
        var due = Volatile.Read(ref _nextSweepTicks);
        if (now.UtcTicks >= due && Interlocked.CompareExchange(ref _nextSweepTicks, (now + SweepInterval).UtcTicks, due) == due)
        {
            lock (_gate)
            {
                SweepLocked(now);
            }
        }
    }

    private void SweepLocked(DateTimeOffset now)
    {
        foreach (var (key, entry) in _tasks)
        {
            if (entry.ExpiresAt <= now)
            {
                RemoveLocked(key, entry);
            }
        }

        // Expired anonymous tasks leave their place in the admission order behind: drop those places.
        foreach (var anonymous in _anonymous.Values)
        {
            anonymous.Compact(this);
        }

        foreach (var (key, expires) in _cancellations)
        {
            if (expires <= now)
            {
                _cancellations.TryRemove(new KeyValuePair<(string, string), DateTimeOffset>(key, expires));
            }
        }
    }

    // Under the gate. An expired entry that a concurrent save has just renewed stays; an evicted one goes whatever it holds.
    private void RemoveLocked((string AgentId, string TaskId) key, Entry entry, bool evenIfUpdated = false)
    {
        while (!_tasks.TryRemove(new KeyValuePair<(string, string), Entry>(key, entry)))
        {
            if (!evenIfUpdated || !_tasks.TryGetValue(key, out entry!))
            {
                return;
            }
        }

        _count--;
        if (entry.Record.OwnerId is { } owner)
        {
            var budget = (key.AgentId, owner);
            var held = _perCaller.GetValueOrDefault(budget) - 1;
            if (held > 0)
            {
                _perCaller[budget] = held;
            }
            else
            {
                _perCaller.Remove(budget);
            }
        }
        else if (_anonymous.TryGetValue(key.AgentId, out var anonymous))
        {
            anonymous.Count--;
        }
    }

    // A class, not a record: the dictionary's compare-and-swap must compare identities, not contents.
    private sealed class Entry(TaskRecord record, DateTimeOffset expiresAt, long admitted)
    {
        public TaskRecord Record { get; } = record;

        public DateTimeOffset ExpiresAt { get; } = expiresAt;

        /// <summary>When the task was admitted (a sequence number): the order in which anonymous tasks make room.</summary>
        public long Admitted { get; } = admitted;

        public Entry With(TaskRecord record, DateTimeOffset expiresAt) => new(record, expiresAt, Admitted);
    }

    // One agent's anonymous tasks in the order they were admitted, and how many are stored.
    private sealed class AnonymousTasks
    {
        private readonly Queue<((string AgentId, string TaskId) Key, long Admitted)> _order = new();

        public int Count { get; set; }

        public void Add((string AgentId, string TaskId) key, long admitted)
        {
            _order.Enqueue((key, admitted));
            Count++;
        }

        public bool TryDequeue(out (string AgentId, string TaskId) key, out long admitted)
        {
            if (_order.TryDequeue(out var item))
            {
                (key, admitted) = item;
                return true;
            }

            (key, admitted) = (default, 0);
            return false;
        }

        public void Compact(InMemoryTaskStore store)
        {
            if (_order.Count <= (Count * 2) + 16)
            {
                return;
            }

            var live = _order.Where(item => store._tasks.TryGetValue(item.Key, out var entry) && entry.Admitted == item.Admitted).ToArray();
            _order.Clear();
            foreach (var item in live)
            {
                _order.Enqueue(item);
            }
        }

        // The admission number of the oldest stored task (stale keys at the head are dropped on the way).
        public long OldestAdmitted(InMemoryTaskStore store)
        {
            while (_order.TryPeek(out var head))
            {
                if (store._tasks.TryGetValue(head.Key, out var entry) && entry.Admitted == head.Admitted)
                {
                    return head.Admitted;
                }

                _order.Dequeue();
            }

            return long.MaxValue;
        }
    }
}
