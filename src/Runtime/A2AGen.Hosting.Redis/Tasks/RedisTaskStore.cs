using System.Buffers;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using A2AGen.Hosting.Tasks;
using A2AGen.Protocol;
using A2AGen.Protocol.Serialization;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace A2AGen.Hosting.Redis;

/// <summary>
/// Tasks in Redis, shared by every instance, with optimistic concurrency: each task is a hash holding its revision and
/// its ProtoJSON, and every write is one Lua script that checks the revision it was computed from, admits a new task
/// within its owner's budget and records it in the owner's index — all or nothing. The owner's index (a sorted set of
/// task ids scored by expiry) serves <c>ListTasks</c> (the same scoping, order and paging as the in-memory store, through
/// <see cref="TaskListing"/>) and the budgets of <see cref="A2ARedisOptions"/>, exactly, across instances. Cancellation
/// requests are keys the running instance polls. Redis unreachable: <see cref="TaskStoreUnavailableException"/>, and
/// nothing is written. Thread-safe.
/// </summary>
public sealed class RedisTaskStore : IRevisionedTaskStore
{
    private const int FormatVersion = 1;
    private const int ListBatch = 256;

    private static readonly RedisValue[] TaskFields = ["rev", "data"];

    private readonly A2ARedisConnection _redis;
    private readonly TimeProvider _time;
    private readonly int _capacityPerCaller;
    private readonly int _anonymousCapacity;

    /// <summary>Creates the store.</summary>
    /// <param name="redis">The shared connection.</param>
    /// <param name="options">Budgets.</param>
    /// <param name="time">The clock of the index expiries.</param>
    public RedisTaskStore(A2ARedisConnection redis, IOptions<A2ARedisOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(redis);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        _redis = redis;
        _time = time;
        _capacityPerCaller = options.Value.CapacityPerCaller;
        _anonymousCapacity = options.Value.AnonymousCapacity;
        if (_capacityPerCaller < 1 || _anonymousCapacity < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), $"A2ARedisOptions: CapacityPerCaller ({_capacityPerCaller}) must be at least 1, AnonymousCapacity ({_anonymousCapacity}) at least 0.");
        }
    }

    /// <inheritdoc />
    public bool IsShared => true;

    /// <inheritdoc />
    public async ValueTask<TaskRecord?> GetAsync(string agentId, string taskId, CancellationToken cancellationToken) =>
        (await GetRevisionAsync(agentId, taskId, cancellationToken).ConfigureAwait(false))?.Record;

    /// <inheritdoc />
    public async ValueTask<RevisionedTaskRecord?> GetRevisionAsync(string agentId, string taskId, CancellationToken cancellationToken)
    {
        RedisValue[] values;
        try
        {
            values = await _redis.Database.HashGetAsync(TaskKey(agentId, taskId), TaskFields).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (A2ARedisConnection.IsUnavailable(e))
        {
            throw A2ARedisConnection.Unavailable("read a task", e);
        }

        return Read(agentId, values[0], values[1]);
    }

    /// <inheritdoc />
    public async ValueTask SaveAsync(TaskRecord record, TimeSpan timeToLive, CancellationToken cancellationToken) =>
        await SaveCoreAsync(record, -1, timeToLive, cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    public async ValueTask<long?> TrySaveAsync(TaskRecord record, long expectedRevision, TimeSpan timeToLive, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(expectedRevision);
        return await SaveCoreAsync(record, expectedRevision, timeToLive, cancellationToken).ConfigureAwait(false);
    }

    private async Task<long?> SaveCoreAsync(TaskRecord record, long expectedRevision, TimeSpan timeToLive, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        var ttl = Math.Max(1, (long)timeToLive.TotalMilliseconds);
        RedisResult result;
        try
        {
            result = await _redis.Database.ScriptEvaluateAsync(
                RedisTaskScripts.Save,
                [TaskKey(record.AgentId, record.TaskId), IndexKey(record.AgentId, record.OwnerId)],
                [
                    expectedRevision,
                    Write(record),
                    ttl,
                    _time.GetUtcNow().ToUnixTimeMilliseconds(),
                    record.OwnerId is null ? 0 : 1,
                    _capacityPerCaller,
                    _anonymousCapacity,
                    _redis.AgentKey(record.AgentId, "task", "").ToString(),
                    record.TaskId,
                ]).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (A2ARedisConnection.IsUnavailable(e))
        {
            throw A2ARedisConnection.Unavailable("save a task", e);
        }

        return (long)result switch
        {
            RedisTaskScripts.Conflict => null,
            RedisTaskScripts.QuotaExceeded => throw new TaskQuotaExceededException($"Caller '{record.OwnerId}' holds {_capacityPerCaller} tasks at agent '{record.AgentId}' (A2ARedisOptions.CapacityPerCaller), none expired yet."),
            RedisTaskScripts.NoAnonymousTasks => throw new TaskStoreFullException($"Agent '{record.AgentId}' keeps no anonymous tasks (A2ARedisOptions.AnonymousCapacity is 0)."),
            var revision => revision,
        };
    }

    /// <inheritdoc />
    public async ValueTask<TaskListPage> ListAsync(string agentId, TaskListQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var matching = new List<TaskRecord>();
        try
        {
            var database = _redis.Database;
            var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
            var ids = await database.SortedSetRangeByScoreAsync(IndexKey(agentId, query.OwnerId), now, double.PositiveInfinity, Exclude.Start)
                .WaitAsync(cancellationToken).ConfigureAwait(false);
            for (var start = 0; start < ids.Length; start += ListBatch)
            {
                var batch = database.CreateBatch();
                var reads = new Task<RedisValue[]>[Math.Min(ListBatch, ids.Length - start)];
                for (var i = 0; i < reads.Length; i++)
                {
                    reads[i] = batch.HashGetAsync(TaskKey(agentId, ids[start + i].ToString()), TaskFields);
                }

                batch.Execute();
                foreach (var values in await Task.WhenAll(reads).WaitAsync(cancellationToken).ConfigureAwait(false))
                {
                    if (Read(agentId, values[0], values[1]) is { Record: var record } && TaskListing.Matches(record, query))
                    {
                        matching.Add(record);
                    }
                }
            }
        }
        catch (Exception e) when (A2ARedisConnection.IsUnavailable(e))
        {
            throw A2ARedisConnection.Unavailable("list tasks", e);
        }

        return TaskListing.Page(matching, query);
    }

    /// <inheritdoc />
    public async ValueTask RequestCancellationAsync(string agentId, string taskId, TimeSpan timeToLive, CancellationToken cancellationToken)
    {
        try
        {
            await _redis.Database.StringSetAsync(_redis.AgentKey(agentId, "cancel", taskId), 1, timeToLive).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (A2ARedisConnection.IsUnavailable(e))
        {
            throw A2ARedisConnection.Unavailable("record a cancellation", e);
        }
    }

    /// <inheritdoc />
    public async ValueTask<bool> IsCancellationRequestedAsync(string agentId, string taskId, CancellationToken cancellationToken)
    {
        try
        {
            return await _redis.Database.KeyExistsAsync(_redis.AgentKey(agentId, "cancel", taskId)).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (A2ARedisConnection.IsUnavailable(e))
        {
            throw A2ARedisConnection.Unavailable("check for a cancellation", e);
        }
    }

    private RedisKey TaskKey(string agentId, string taskId) => _redis.AgentKey(agentId, "task", taskId);

    // Owner ids can hold any characters; a hash keeps keys short and printable.
    private RedisKey IndexKey(string agentId, string? ownerId)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(ownerId ?? "\0anonymous"), hash);
        return _redis.AgentKey(agentId, "owner", Base64Url.EncodeToString(hash[..18]));
    }

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

    private static RevisionedTaskRecord? Read(string agentId, RedisValue revision, RedisValue data)
    {
        if (data.IsNull || !revision.TryParse(out long rev))
        {
            return null;
        }

        byte[] bytes = data!;
        // An entry no writer could write back out would make every answer that includes it fail: treated as absent.
        if (JsonTextCheck.FindInvalidUnicode(bytes) is not null)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(bytes);
            var root = document.RootElement;
            if (!root.TryGetProperty("v"u8, out var version) || version.GetInt32() != FormatVersion || !root.TryGetProperty("task"u8, out var taskElement)
                || A2AJson.Deserialize<AgentTask>(taskElement) is not { } task)
            {
                return null;
            }

            var owner = root.TryGetProperty("owner"u8, out var ownerElement) ? ownerElement.GetString() : null;
            return new RevisionedTaskRecord(new TaskRecord { AgentId = agentId, OwnerId = owner, Task = task }, rev);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException)
        {
            // An entry this version cannot read is treated as absent rather than failing the request.
            return null;
        }
    }
}
