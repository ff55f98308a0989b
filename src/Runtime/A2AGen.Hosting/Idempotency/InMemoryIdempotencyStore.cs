using System.Collections.Concurrent;

namespace A2AGen.Hosting.Idempotency;

/// <summary>
/// The default <see cref="IIdempotencyStore"/>: one process, bounded. When it holds <see cref="Capacity"/> entries it
/// drops the expired ones, then the oldest tenth: under a flood of distinct messages the oldest are forgotten first
/// (a retry of one of those would run again) rather than refusing new messages.
/// </summary>
public sealed class InMemoryIdempotencyStore : IIdempotencyStore
{
    private readonly ConcurrentDictionary<IdempotencyKey, Slot> _entries = new();
    private readonly TimeProvider _time;
    private readonly Lock _trimming = new();

    /// <summary>Creates a store.</summary>
    /// <param name="time">The clock of the expiry times.</param>
    /// <param name="capacity">The most entries kept (default 100,000).</param>
    public InMemoryIdempotencyStore(TimeProvider time, int capacity = 100_000)
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _time = time;
        Capacity = capacity;
    }

    /// <summary>The most entries kept.</summary>
    public int Capacity { get; }

    /// <summary>The entries held now (expired ones included until they are trimmed).</summary>
    public int Count => _entries.Count;

    /// <inheritdoc />
    public ValueTask<IdempotencyEntry?> TryClaimAsync(IdempotencyKey key, string requestHash, TimeSpan window, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var claim = new Slot(new IdempotencyEntry { RequestHash = requestHash }, now + window, now);
        while (true)
        {
            if (_entries.TryAdd(key, claim))
            {
                if (_entries.Count > Capacity)
                {
                    Trim(now);
                }

                return ValueTask.FromResult<IdempotencyEntry?>(null);
            }

            if (!_entries.TryGetValue(key, out var existing))
            {
                continue;
            }

            if (existing.ExpiresAt > now)
            {
                return ValueTask.FromResult<IdempotencyEntry?>(existing.Entry);
            }

            // Expired: replace it only if nobody else did first.
            if (_entries.TryUpdate(key, claim, existing))
            {
                return ValueTask.FromResult<IdempotencyEntry?>(null);
            }
        }
    }

    /// <inheritdoc />
    public ValueTask CompleteAsync(IdempotencyKey key, IdempotencyEntry entry, TimeSpan window, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var now = _time.GetUtcNow();
        _entries[key] = new Slot(entry, now + window, now);
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask ReleaseAsync(IdempotencyKey key, CancellationToken cancellationToken)
    {
        _entries.TryRemove(key, out _);
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask<IdempotencyEntry?> GetAsync(IdempotencyKey key, CancellationToken cancellationToken) =>
        ValueTask.FromResult(_entries.TryGetValue(key, out var slot) && slot.ExpiresAt > _time.GetUtcNow() ? slot.Entry : null);

    private void Trim(DateTimeOffset now)
    {
        lock (_trimming)
        {
            if (_entries.Count <= Capacity)
            {
                return;
            }

            foreach (var (key, slot) in _entries)
            {
                if (slot.ExpiresAt <= now)
                {
                    _entries.TryRemove(key, out _);
                }
            }

            var excess = _entries.Count - Capacity * 9 / 10;
            if (excess <= 0)
            {
                return;
            }

            foreach (var (key, _) in _entries.OrderBy(e => e.Value.CreatedAt).Take(excess).ToArray())
            {
                _entries.TryRemove(key, out _);
            }
        }
    }

    private sealed record Slot(IdempotencyEntry Entry, DateTimeOffset ExpiresAt, DateTimeOffset CreatedAt);
}
