namespace A2AGen.Security;

/// <summary>
/// A bounded in-process <see cref="IReplayCache"/>: token ids are kept (as 128-bit hashes of issuer and <c>jti</c>)
/// until they expire, in shards each guarded by its own lock, so check-and-add is atomic. Expired entries are dropped
/// as new ones arrive (a min-heap by expiry per shard). When full of live entries it refuses new ids rather than
/// forget one that could still be replayed. One instance serves one process; several instances behind a load balancer
/// need a shared cache (<c>A2AGen.Hosting</c>'s distributed adapter). Thread-safe.
/// </summary>
public sealed class InMemoryReplayCache : IReplayCache
{
    private const int MaxShards = 64;
    private const int MinEntriesPerShard = 4096;

    private readonly Shard[] _shards;
    private readonly TimeProvider _time;
    private readonly int _capacity;

    /// <summary>Creates a cache.</summary>
    /// <param name="options">Capacity and clock; defaults when null.</param>
    /// <exception cref="ArgumentOutOfRangeException">The capacity is not positive.</exception>
    public InMemoryReplayCache(InMemoryReplayCacheOptions? options = null)
    {
        options ??= new InMemoryReplayCacheOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Capacity, 1, nameof(options));
        _time = options.TimeProvider ?? TimeProvider.System;
        _capacity = options.Capacity;
        int shards = 1;
        while (shards < MaxShards && options.Capacity / (shards * 2) >= MinEntriesPerShard)
        {
            shards *= 2;
        }

        int perShard = (options.Capacity + shards - 1) / shards;
        _shards = new Shard[shards];
        for (int i = 0; i < shards; i++)
        {
            _shards[i] = new Shard(perShard);
        }
    }

    /// <summary>The most token ids held at once.</summary>
    public int Capacity => _capacity;

    /// <summary>The token ids held now (expired ones may still be counted until they are swept).</summary>
    public int Count
    {
        get
        {
            int count = 0;
            foreach (var shard in _shards)
            {
                count += shard.Count;
            }

            return count;
        }
    }

    /// <inheritdoc />
    public ValueTask<bool> TryAddAsync(string issuer, string tokenId, DateTimeOffset keepUntil, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(issuer);
        ArgumentNullException.ThrowIfNull(tokenId);
        var key = ReplayKey.Compute(issuer, tokenId);
        var shard = _shards[(int)((ulong)key & (ulong)(_shards.Length - 1))];
        return ValueTask.FromResult(shard.TryAdd(key, keepUntil.UtcTicks, _time.GetUtcNow().UtcTicks, _capacity));
    }

    private sealed class Shard(int capacity)
    {
        private readonly Lock _gate = new();
        private readonly Dictionary<UInt128, long> _expiries = [];
        private readonly PriorityQueue<UInt128, long> _byExpiry = new();

        public int Count
        {
            get
            {
                lock (_gate)
                {
                    return _expiries.Count;
                }
            }
        }

        public bool TryAdd(UInt128 key, long keepUntil, long now, int totalCapacity)
        {
            lock (_gate)
            {
                Sweep(now);
                if (_expiries.TryGetValue(key, out long held) && held > now)
                {
                    return false;
                }

                if (_expiries.Count >= capacity)
                {
                    throw new ReplayCacheUnavailableException(
                        $"The in-memory replay cache is full ({totalCapacity} live token ids); raise InMemoryReplayCacheOptions.Capacity or use a shared cache.");
                }

                _expiries[key] = keepUntil;
                _byExpiry.Enqueue(key, keepUntil);
                return true;
            }
        }

        private void Sweep(long now)
        {
            while (_byExpiry.TryPeek(out var key, out long expiry) && expiry <= now)
            {
                _byExpiry.Dequeue();

                // An id re-added after its entry expired has a newer expiry; its stale heap entry must not remove it.
                if (_expiries.TryGetValue(key, out long held) && held == expiry)
                {
                    _expiries.Remove(key);
                }
            }
        }
    }
}
