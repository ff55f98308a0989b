using System.Buffers;
using System.Text.Json;
using A2AGen.Protocol;
using A2AGen.Protocol.Serialization;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Options;

namespace A2AGen.Hosting.Tasks;

/// <summary>
/// Tasks in an <see cref="IDistributedCache"/>, shared by every instance that uses the same cache: one entry per
/// task (its owner and its ProtoJSON), expiring after the time to live given on each save; one entry per cancellation
/// request, which the instance running the task polls; and one index entry per (agent, owner) listing the owner's
/// task ids, which <see cref="ListAsync"/> reads (see <see cref="DistributedTaskIndex"/>). The same index is each
/// caller's budget (<see cref="DistributedCacheTaskStoreOptions"/>): an identified caller's task beyond
/// <c>CapacityPerCaller</c> is refused (<see cref="TaskQuotaExceededException"/>); an anonymous task beyond
/// <c>AnonymousCapacity</c> replaces the oldest anonymous tasks, never an identified caller's. Listing loads every
/// listed task of the caller, so it suits callers with up to a few thousand live tasks; beyond that implement
/// <see cref="ITaskStore"/> over a database.
/// </summary>
public sealed class DistributedCacheTaskStore : ITaskStore
{
    private const int FormatVersion = 1;

    private static readonly byte[] CancellationMarker = [1];

    private const int ListParallelism = 16;

    private readonly IDistributedCache _cache;
    private readonly string _prefix;
    private readonly DistributedTaskIndex _index;
    private readonly int _capacityPerCaller;
    private readonly int _anonymousCapacity;

    /// <summary>Creates the store over the application's distributed cache.</summary>
    /// <param name="cache">The shared cache.</param>
    /// <param name="options">Key prefix.</param>
    /// <param name="time">The clock (index expiries).</param>
    public DistributedCacheTaskStore(IDistributedCache cache, IOptions<DistributedCacheTaskStoreOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(cache);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        _cache = cache;
        _prefix = options.Value.KeyPrefix ?? "";
        _capacityPerCaller = options.Value.CapacityPerCaller;
        _anonymousCapacity = options.Value.AnonymousCapacity;
        if (_capacityPerCaller < 1 || _anonymousCapacity < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), $"DistributedCacheTaskStoreOptions: CapacityPerCaller ({_capacityPerCaller}) must be at least 1, AnonymousCapacity ({_anonymousCapacity}) at least 0.");
        }

        _index = new DistributedTaskIndex(cache, _prefix, time);
    }

    /// <inheritdoc />
    public bool IsShared => true;

    /// <inheritdoc />
    public async ValueTask<TaskRecord?> GetAsync(string agentId, string taskId, CancellationToken cancellationToken)
    {
        var bytes = await _cache.GetAsync(TaskKey(agentId, taskId), cancellationToken).ConfigureAwait(false);
        return bytes is null ? null : Read(agentId, bytes);
    }

    /// <inheritdoc />
    public async ValueTask SaveAsync(TaskRecord record, TimeSpan timeToLive, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (!_index.Knows(record.AgentId, record.TaskId))
        {
            await AdmitAsync(record, cancellationToken).ConfigureAwait(false);
        }

        await _cache.SetAsync(
            TaskKey(record.AgentId, record.TaskId),
            Write(record),
            new DistributedCacheEntryOptions { AbsoluteExpirationRelativeToNow = timeToLive },
            cancellationToken).ConfigureAwait(false);
        await _index.NoteSavedAsync(record, timeToLive, cancellationToken).ConfigureAwait(false);
    }

    // A task this instance has not stored before: new, unless the owner's index already lists it (another instance made
    // it). A new task must fit its owner's budget; an anonymous one makes room by dropping the oldest anonymous tasks.
    private async Task AdmitAsync(TaskRecord record, CancellationToken cancellationToken)
    {
        var live = await _index.ReadEntriesAsync(record.AgentId, record.OwnerId, cancellationToken).ConfigureAwait(false);
        if (live.ContainsKey(record.TaskId))
        {
            return;
        }

        if (record.OwnerId is { } owner)
        {
            if (live.Count >= _capacityPerCaller)
            {
                throw new TaskQuotaExceededException($"Caller '{owner}' holds {_capacityPerCaller} tasks at agent '{record.AgentId}' (DistributedCacheTaskStoreOptions.CapacityPerCaller), none expired yet.");
            }

            return;
        }

        if (_anonymousCapacity == 0)
        {
            throw new TaskStoreFullException($"Agent '{record.AgentId}' keeps no anonymous tasks (DistributedCacheTaskStoreOptions.AnonymousCapacity is 0).");
        }

        if (live.Count >= _anonymousCapacity)
        {
            // Oldest first: with one time to live for all, the earliest expiry is the least recently saved task.
            var oldest = live.OrderBy(e => e.Value).ThenBy(e => e.Key, StringComparer.Ordinal).Take(live.Count - _anonymousCapacity + 1).Select(e => e.Key).ToList();
            foreach (var taskId in oldest)
            {
                await _cache.RemoveAsync(TaskKey(record.AgentId, taskId), cancellationToken).ConfigureAwait(false);
            }

            await _index.ForgetAsync(record.AgentId, null, oldest, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public async ValueTask<TaskListPage> ListAsync(string agentId, TaskListQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var ids = await _index.ReadAsync(agentId, query.OwnerId, cancellationToken).ConfigureAwait(false);
        var records = new TaskRecord?[ids.Count];
        await Parallel.ForAsync(0, ids.Count, new ParallelOptions { MaxDegreeOfParallelism = ListParallelism, CancellationToken = cancellationToken }, async (i, ct) =>
            records[i] = await GetAsync(agentId, ids[i], ct).ConfigureAwait(false)).ConfigureAwait(false);

        var matching = new List<TaskRecord>(ids.Count);
        foreach (var record in records)
        {
            if (record is not null && TaskListing.Matches(record, query))
            {
                matching.Add(record);
            }
        }

        return TaskListing.Page(matching, query);
    }

    /// <inheritdoc />
    public async ValueTask RequestCancellationAsync(string agentId, string taskId, TimeSpan timeToLive, CancellationToken cancellationToken) =>
        await _cache.SetAsync(
            CancellationKey(agentId, taskId),
            CancellationMarker,
            new DistributedCacheEntryOptions { AbsoluteExpirationRelativeToNow = timeToLive },
            cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    public async ValueTask<bool> IsCancellationRequestedAsync(string agentId, string taskId, CancellationToken cancellationToken) =>
        await _cache.GetAsync(CancellationKey(agentId, taskId), cancellationToken).ConfigureAwait(false) is not null;

    private string TaskKey(string agentId, string taskId) => string.Concat(_prefix, "task:", agentId, ":", taskId);

    private string CancellationKey(string agentId, string taskId) => string.Concat(_prefix, "cancel:", agentId, ":", taskId);

    // {"v":1,"owner":"user:alice","task":{…ProtoJSON…}}
    private static byte[] Write(TaskRecord record)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteNumber("v"u8, FormatVersion);
            if (record.OwnerId is not null)
            {
                writer.WriteString("owner"u8, record.OwnerId);
            }

            writer.WritePropertyName("task"u8);
            A2AJson.Serialize(writer, record.Task);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static TaskRecord? Read(string agentId, byte[] bytes)
    {
        // An entry no writer could write back out (written by something else than this store) would make every answer
        // that includes it fail: it is treated as absent, like any entry this version cannot read.
        if (JsonTextCheck.FindInvalidUnicode(bytes) is not null)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(bytes);
            var root = document.RootElement;
            if (!root.TryGetProperty("v"u8, out var version) || version.GetInt32() != FormatVersion || !root.TryGetProperty("task"u8, out var taskElement))
            {
                return null;
            }

            var task = A2AJson.Deserialize<AgentTask>(taskElement);
            if (task is null)
            {
                return null;
            }

            var owner = root.TryGetProperty("owner"u8, out var ownerElement) ? ownerElement.GetString() : null;
            return new TaskRecord { AgentId = agentId, OwnerId = owner, Task = task };
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException)
        {
            // An entry this version cannot read is treated as absent rather than failing the request.
            return null;
        }
    }
}
