using System.Collections.Concurrent;

namespace A2AGen.Hosting.Idempotency;

/// <summary>
/// The default <see cref="IIdempotencyStore"/>: one process, bounded. Past <see cref="Capacity"/> entries it forgets
/// the oldest claims first (in claim order, which is also expiry order for one window) down to nine tenths: under a
/// flood of distinct messages the oldest are forgotten (a retry of one of those would run again) rather than refusing
/// new messages. Every operation is O(1) amortized: the size is counted, not asked of the dictionary (whose
/// <c>Count</c> takes all its locks), and the order is a queue, not a sort.
/// </summary>
public sealed class InMemoryIdempotencyStore : IIdempotencyStore
{
    private readonly ConcurrentDictionary<IdempotencyKey, Slot> _entries = new();
    private readonly ConcurrentQueue<IdempotencyKey> _claimOrder = new();
    private readonly TimeProvider _time;
    private readonly Lock _trimming = new();
    private int _count;

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
    public int Count => Volatile.Read(ref _count);

    /// <inheritdoc />
    public ValueTask<IdempotencyEntry?> TryClaimAsync(IdempotencyKey key, string requestHash, TimeSpan window, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        // A message sent again (the replay path) finds its entry without allocating a claim.
        if (_entries.TryGetValue(key, out var remembered) && remembered.ExpiresAt > now)
        {
            return ValueTask.FromResult<IdempotencyEntry?>(remembered.Entry);
        }

        var claim = new Slot(new IdempotencyEntry { RequestHash = requestHash }, now + window, now);
        while (true)
        {
            if (_entries.TryAdd(key, claim))
            {
                _claimOrder.Enqueue(key);
                if (Interlocked.Increment(ref _count) > Capacity || _claimOrder.Count > 2 * Capacity)
                {
                    Trim();
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
                _claimOrder.Enqueue(key);
                return ValueTask.FromResult<IdempotencyEntry?>(null);
            }
        }
    }

    /// <inheritdoc />
    public ValueTask CompleteAsync(IdempotencyKey key, IdempotencyEntry entry, TimeSpan window, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var now = _time.GetUtcNow();
        var slot = new Slot(entry, now + window, now);
        if (_entries.TryAdd(key, slot))
        {
            // Trimmed away while it ran: remembered again from now.
            _claimOrder.Enqueue(key);
            Interlocked.Increment(ref _count);
        }
        else
        {
            _entries[key] = slot;
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask ReleaseAsync(IdempotencyKey key, CancellationToken cancellationToken)
    {
        Remove(key);
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask<IdempotencyEntry?> GetAsync(IdempotencyKey key, CancellationToken cancellationToken) =>
        ValueTask.FromResult(_entries.TryGetValue(key, out var slot) && slot.ExpiresAt > _time.GetUtcNow() ? slot.Entry : null);

    private void Remove(IdempotencyKey key)
    {
        if (_entries.TryRemove(key, out _))
        {
            Interlocked.Decrement(ref _count);
        }
    }

    // Oldest claims first; a key queued more than once (claimed again after expiry) or already released costs a no-op.
    // Released keys stay queued until a trim reaches them, so the queue is also kept within twice the capacity.
    private void Trim()
    {
        lock (_trimming)
        {
            var target = Capacity * 9 / 10;
            while ((Volatile.Read(ref _count) > target || _claimOrder.Count > 2 * Capacity) && _claimOrder.TryDequeue(out var key))
            {
                Remove(key);
            }
        }
    }

    private sealed record Slot(IdempotencyEntry Entry, DateTimeOffset ExpiresAt, DateTimeOffset CreatedAt);
}
