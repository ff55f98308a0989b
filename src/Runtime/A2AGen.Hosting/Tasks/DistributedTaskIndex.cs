using System.Buffers;
using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Caching.Distributed;

namespace A2AGen.Hosting.Tasks;

/// <summary>
/// Which tasks each caller owns, kept in the distributed cache so <c>ListTasks</c> works on every instance: one entry
/// per (agent, owner) holding task ids and expiries. An <see cref="IDistributedCache"/> has no compare-and-swap, so two
/// instances adding to one owner's entry at the same moment can overwrite each other; each instance therefore
/// remembers the ids it added and merges them back on its next write, and re-reads its writes shortly after to repair
/// a lost update. Writes for one owner are coalesced: while one is in flight, later additions ride on the next.
/// </summary>
internal sealed class DistributedTaskIndex
{
    private static readonly TimeSpan VerifyDelay = TimeSpan.FromMilliseconds(200);

    // How long a dropped id is kept out of this instance's writes: longer than any other instance could still add it back.
    private static readonly TimeSpan ForgetFor = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan SweepInterval = TimeSpan.FromMinutes(1);
    private const int VerifyAttempts = 3;

    private readonly IDistributedCache _cache;
    private readonly string _prefix;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<string, OwnerIndex> _owners = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string AgentId, string TaskId), long> _indexed = new();
    private long _nextSweep;

    public DistributedTaskIndex(IDistributedCache cache, string prefix, TimeProvider time)
    {
        _cache = cache;
        _prefix = prefix;
        _time = time;
    }

    private long NowMs => _time.GetUtcNow().ToUnixTimeMilliseconds();

    /// <summary>Whether this instance has indexed the task (so it is not new).</summary>
    public bool Knows(string agentId, string taskId) => _indexed.ContainsKey((agentId, taskId));

    /// <summary>Records that <paramref name="record"/> exists for its owner until now + <paramref name="timeToLive"/>.</summary>
    public async Task NoteSavedAsync(TaskRecord record, TimeSpan timeToLive, CancellationToken cancellationToken)
    {
        var now = NowMs;
        var ttl = (long)timeToLive.TotalMilliseconds;
        var expires = now + ttl;
        // A task saved again is re-indexed only when its entry would expire before the task does.
        if (_indexed.TryGetValue((record.AgentId, record.TaskId), out var recorded) && recorded - now > ttl / 2)
        {
            return;
        }

        var key = IndexKey(record.AgentId, record.OwnerId);
        var owner = _owners.GetOrAdd(key, static _ => new OwnerIndex());
        long generation;
        lock (owner.Gate)
        {
            owner.Mine[record.TaskId] = expires;
            generation = ++owner.Added;
        }

        _indexed[(record.AgentId, record.TaskId)] = expires;
        await WriteAsync(key, owner, generation, cancellationToken).ConfigureAwait(false);
        if (Interlocked.CompareExchange(ref owner.Verifying, 1, 0) == 0)
        {
            _ = VerifyLaterAsync(key, owner);
        }

        SweepIfDue(now);
    }

    /// <summary>The ids of the owner's tasks that have not expired.</summary>
    public async Task<List<string>> ReadAsync(string agentId, string? ownerId, CancellationToken cancellationToken) =>
        [.. (await ReadEntriesAsync(agentId, ownerId, cancellationToken).ConfigureAwait(false)).Keys];

    /// <summary>The owner's tasks that have not expired, with their expiry (Unix ms): the owner's budget in use.</summary>
    public async Task<Dictionary<string, long>> ReadEntriesAsync(string agentId, string? ownerId, CancellationToken cancellationToken)
    {
        var entries = Parse(await _cache.GetAsync(IndexKey(agentId, ownerId), cancellationToken).ConfigureAwait(false));
        var now = NowMs;
        foreach (var (id, expires) in entries.ToArray())
        {
            if (expires <= now)
            {
                entries.Remove(id);
            }
        }

        return entries;
    }

    /// <summary>Drops tasks from the owner's entry (their cache entries are already gone), and keeps this instance from writing them back.</summary>
    public async Task ForgetAsync(string agentId, string? ownerId, IReadOnlyCollection<string> taskIds, CancellationToken cancellationToken)
    {
        var key = IndexKey(agentId, ownerId);
        var owner = _owners.GetOrAdd(key, static _ => new OwnerIndex());
        var until = NowMs + (long)ForgetFor.TotalMilliseconds;
        long generation;
        lock (owner.Gate)
        {
            foreach (var id in taskIds)
            {
                owner.Mine.Remove(id);
                owner.Forgotten[id] = until;
            }

            generation = ++owner.Added;
        }

        foreach (var id in taskIds)
        {
            _indexed.TryRemove((agentId, id), out _);
        }

        await WriteAsync(key, owner, generation, cancellationToken).ConfigureAwait(false);
    }

    // Read, merge what this instance added, drop expired ids, write — unless a write that already covers this
    // caller's addition has completed meanwhile.
    private async Task WriteAsync(string key, OwnerIndex owner, long generation, CancellationToken cancellationToken)
    {
        await owner.WriteLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (Volatile.Read(ref owner.Written) >= generation)
            {
                return;
            }

            var entries = Parse(await _cache.GetAsync(key, cancellationToken).ConfigureAwait(false));
            var now = NowMs;
            long covered;
            lock (owner.Gate)
            {
                foreach (var (id, expires) in owner.Mine.ToArray())
                {
                    if (expires <= now)
                    {
                        owner.Mine.Remove(id);
                    }
                    else if (!entries.TryGetValue(id, out var existing) || existing < expires)
                    {
                        entries[id] = expires;
                    }
                }

                foreach (var (id, until) in owner.Forgotten.ToArray())
                {
                    if (until <= now)
                    {
                        owner.Forgotten.Remove(id);
                    }
                    else
                    {
                        entries.Remove(id);
                    }
                }

                covered = owner.Added;
            }

            foreach (var (id, expires) in entries.ToArray())
            {
                if (expires <= now)
                {
                    entries.Remove(id);
                }
            }

            if (entries.Count == 0)
            {
                await _cache.RemoveAsync(key, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await _cache.SetAsync(key, Serialize(entries), new DistributedCacheEntryOptions
                {
                    AbsoluteExpiration = DateTimeOffset.FromUnixTimeMilliseconds(entries.Values.Max()),
                }, cancellationToken).ConfigureAwait(false);
            }

            Volatile.Write(ref owner.Written, covered);
        }
        finally
        {
            owner.WriteLock.Release();
        }
    }

    // Another instance may have overwritten the entry between our read and write: look again shortly after, and
    // write again if any of our ids is missing.
    private async Task VerifyLaterAsync(string key, OwnerIndex owner)
    {
        try
        {
            for (var attempt = 1; attempt <= VerifyAttempts; attempt++)
            {
                await Task.Delay(VerifyDelay * attempt + TimeSpan.FromMilliseconds(Random.Shared.Next(50)), _time).ConfigureAwait(false);
                var entries = Parse(await _cache.GetAsync(key).ConfigureAwait(false));
                var now = NowMs;
                long generation;
                lock (owner.Gate)
                {
                    if (!owner.Mine.Any(m => m.Value > now && !entries.ContainsKey(m.Key)))
                    {
                        return;
                    }

                    generation = ++owner.Added;
                }

                await WriteAsync(key, owner, generation, CancellationToken.None).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // The cache is unavailable: the next write for this owner merges our ids back.
        }
        finally
        {
            Volatile.Write(ref owner.Verifying, 0);
        }
    }

    private void SweepIfDue(long now)
    {
        var due = Volatile.Read(ref _nextSweep);
        if (now < due || Interlocked.CompareExchange(ref _nextSweep, now + (long)SweepInterval.TotalMilliseconds, due) != due)
        {
            return;
        }

        foreach (var (task, expires) in _indexed)
        {
            if (expires <= now)
            {
                _indexed.TryRemove(new KeyValuePair<(string, string), long>(task, expires));
            }
        }

        foreach (var (key, owner) in _owners)
        {
            lock (owner.Gate)
            {
                foreach (var (id, expires) in owner.Mine.ToArray())
                {
                    if (expires <= now)
                    {
                        owner.Mine.Remove(id);
                    }
                }

                foreach (var (id, until) in owner.Forgotten.ToArray())
                {
                    if (until <= now)
                    {
                        owner.Forgotten.Remove(id);
                    }
                }

                if (owner.Mine.Count == 0 && owner.Forgotten.Count == 0 && Volatile.Read(ref owner.Verifying) == 0)
                {
                    _owners.TryRemove(new KeyValuePair<string, OwnerIndex>(key, owner));
                }
            }
        }
    }

    // Owner ids can hold any characters; a hash keeps cache keys short and safe for every cache backend.
    private string IndexKey(string agentId, string? ownerId)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(ownerId ?? "\0anonymous"), hash);
        return string.Concat(_prefix, "tasks-of:", agentId, ":", Base64Url.EncodeToString(hash[..18]));
    }

    // {"v":1,"tasks":{"<id>":<expires unix ms>,…}}
    private static byte[] Serialize(Dictionary<string, long> entries)
    {
        var buffer = new ArrayBufferWriter<byte>(64 + (entries.Count * 64));
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteNumber("v"u8, 1);
            writer.WriteStartObject("tasks"u8);
            foreach (var (id, expires) in entries)
            {
                writer.WriteNumber(id, expires);
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static Dictionary<string, long> Parse(byte[]? bytes)
    {
        var entries = new Dictionary<string, long>(StringComparer.Ordinal);
        if (bytes is null)
        {
            return entries;
        }

        try
        {
            using var document = JsonDocument.Parse(bytes);
            if (document.RootElement.TryGetProperty("v"u8, out var version) && version.TryGetInt32(out var v) && v == 1
                && document.RootElement.TryGetProperty("tasks"u8, out var tasks) && tasks.ValueKind == JsonValueKind.Object)
            {
                foreach (var task in tasks.EnumerateObject())
                {
                    if (task.Value.TryGetInt64(out var expires) && TaskIds.IsValid(task.Name))
                    {
                        entries[task.Name] = expires;
                    }
                }
            }
        }
        catch (JsonException)
        {
            // An unreadable entry is rebuilt from what the instances remember.
        }

        return entries;
    }

    private sealed class OwnerIndex
    {
        public readonly object Gate = new();
        public readonly SemaphoreSlim WriteLock = new(1, 1);
        public readonly Dictionary<string, long> Mine = new(StringComparer.Ordinal);
        public readonly Dictionary<string, long> Forgotten = new(StringComparer.Ordinal);
        public long Added;
        public long Written;
        public int Verifying;
    }
}
