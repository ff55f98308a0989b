using System.Collections.Concurrent;
using A2AGen.Protocol;

namespace A2AGen.Hosting.Push;

/// <summary>
/// Push-notification configurations in this process's memory (the default without a shared store): at most
/// <see cref="MaxPerTask"/> per task, forgotten with the task's time to live. Thread-safe.
/// </summary>
public sealed class InMemoryPushConfigStore : IPushConfigStore
{
    /// <summary>The most configurations one task keeps.</summary>
    public const int MaxPerTask = 10;

    private readonly ConcurrentDictionary<(string Agent, string Task), Entry> _entries = new();
    private readonly TimeProvider _time;

    /// <summary>Creates the store.</summary>
    /// <param name="time">The clock of the time to live.</param>
    public InMemoryPushConfigStore(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        _time = time;
    }

    /// <inheritdoc />
    public ValueTask<bool> SaveAsync(string agentId, TaskPushNotificationConfig config, TimeSpan timeToLive, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentException.ThrowIfNullOrEmpty(config.TaskId, nameof(config));
        ArgumentException.ThrowIfNullOrEmpty(config.Id, nameof(config));
        var now = _time.GetUtcNow();
        while (true)
        {
            var entry = _entries.GetOrAdd((agentId, config.TaskId), static _ => new Entry());
            lock (entry)
            {
                if (entry.Removed)
                {
                    continue; // swept in between: take the entry that replaces it
                }

                if (entry.Expires <= now)
                {
                    entry.Configs.Clear();
                }

                if (!entry.Configs.ContainsKey(config.Id) && entry.Configs.Count >= MaxPerTask)
                {
                    return new(false);
                }

                entry.Configs[config.Id] = config;
                entry.Expires = now + timeToLive;
                break;
            }
        }

        Sweep(now);
        return new(true);
    }

    /// <inheritdoc />
    public ValueTask<TaskPushNotificationConfig?> GetAsync(string agentId, string taskId, string configId, CancellationToken cancellationToken)
    {
        if (Live(agentId, taskId) is not { } entry)
        {
            return new((TaskPushNotificationConfig?)null);
        }

        lock (entry)
        {
            return new(entry.Configs.GetValueOrDefault(configId));
        }
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<TaskPushNotificationConfig>> ListAsync(string agentId, string taskId, CancellationToken cancellationToken)
    {
        if (Live(agentId, taskId) is not { } entry)
        {
            return new((IReadOnlyList<TaskPushNotificationConfig>)[]);
        }

        lock (entry)
        {
            return new((IReadOnlyList<TaskPushNotificationConfig>)entry.Configs.Values.ToArray());
        }
    }

    /// <inheritdoc />
    public ValueTask<bool> DeleteAsync(string agentId, string taskId, string configId, CancellationToken cancellationToken)
    {
        if (Live(agentId, taskId) is not { } entry)
        {
            return new(false);
        }

        lock (entry)
        {
            return new(entry.Configs.Remove(configId));
        }
    }

    private Entry? Live(string agentId, string taskId)
    {
        if (!_entries.TryGetValue((agentId, taskId), out var entry))
        {
            return null;
        }

        lock (entry)
        {
            return entry.Expires > _time.GetUtcNow() ? entry : null;
        }
    }

    // Expired entries go when the store grows; a cheap pass at most once per 1,024 saves.
    private int _saves;

    private void Sweep(DateTimeOffset now)
    {
        if ((Interlocked.Increment(ref _saves) & 1023) != 0)
        {
            return;
        }

        foreach (var (key, entry) in _entries)
        {
            lock (entry)
            {
                if (entry.Expires <= now)
                {
                    entry.Removed = true;
                    _entries.TryRemove(new KeyValuePair<(string, string), Entry>(key, entry));
                }
            }
        }
    }

    private sealed class Entry
    {
        public SortedDictionary<string, TaskPushNotificationConfig> Configs { get; } = new(StringComparer.Ordinal);

        public DateTimeOffset Expires { get; set; }

        public bool Removed { get; set; }
    }
}
