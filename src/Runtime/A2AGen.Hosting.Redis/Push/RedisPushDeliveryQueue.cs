using System.Buffers;
using System.Security.Cryptography;
using System.Text.Json;
using A2AGen.Hosting.Push;
using A2AGen.Protocol;
using A2AGen.Protocol.Serialization;
using StackExchange.Redis;

namespace A2AGen.Hosting.Redis;

/// <summary>
/// A durable push-delivery queue in Redis: a list per task (<c>{push}:q:&lt;agent&gt;:&lt;task&gt;</c>) holding its
/// deliveries in order, a sorted set of task queues scored by when their head is due (<c>{push}:due</c>), a hash of the
/// current lease of each task queue (<c>{push}:leases</c>) and a capped dead-letter list (<c>{push}:dead</c>, the newest
/// <see cref="DeadLetterCapacity"/>). Every operation is one Lua script, so instances never hand out one task's
/// deliveries twice at once or out of order; a lease that ends (its holder crashed) makes the head due again. All queue
/// keys share the <c>{push}</c> hash tag (one Redis Cluster shard). With Redis persistence (<c>appendonly yes</c>) the
/// queue survives restarts of Redis and of every instance. Thread-safe.
/// </summary>
public sealed class RedisPushDeliveryQueue : IPushDeliveryQueue
{
    /// <summary>How many dead-lettered deliveries are kept (the oldest go first).</summary>
    public const int DeadLetterCapacity = 10_000;

    // KEYS: due, queue. ARGV: member, delivery JSON, now (ms).
    private const string EnqueueScript = """
        redis.call('RPUSH', KEYS[2], ARGV[2])
        redis.call('ZADD', KEYS[1], 'NX', ARGV[3], ARGV[1])
        return 1
        """;

    // KEYS: due, leases. ARGV: now (ms), lease (ms), token, queue key prefix. Returns {member, head} or nil.
    private const string TakeScript = """
        for _ = 1, 16 do
          local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, 1)
          if #due == 0 then return nil end
          local member = due[1]
          local head = redis.call('LINDEX', ARGV[4] .. member, 0)
          if head then
            redis.call('ZADD', KEYS[1], tonumber(ARGV[1]) + tonumber(ARGV[2]), member)
            redis.call('HSET', KEYS[2], member, ARGV[3])
            return {member, head}
          end
          redis.call('ZREM', KEYS[1], member)
          redis.call('HDEL', KEYS[2], member)
        end
        return nil
        """;

    // KEYS: due, leases, queue, dead. ARGV: member, token, action (complete|retry|dead), now or not-before (ms), new head or dead entry.
    private const string SettleScript = """
        if redis.call('HGET', KEYS[2], ARGV[1]) ~= ARGV[2] then return 0 end
        redis.call('HDEL', KEYS[2], ARGV[1])
        if ARGV[3] == 'retry' then
          redis.call('LSET', KEYS[3], 0, ARGV[5])
          redis.call('ZADD', KEYS[1], ARGV[4], ARGV[1])
          return 1
        end
        redis.call('LPOP', KEYS[3])
        if ARGV[3] == 'dead' then
          redis.call('RPUSH', KEYS[4], ARGV[5])
          redis.call('LTRIM', KEYS[4], -10000, -1)
        end
        if redis.call('LLEN', KEYS[3]) > 0 then
          redis.call('ZADD', KEYS[1], ARGV[4], ARGV[1])
        else
          redis.call('ZREM', KEYS[1], ARGV[1])
        end
        return 1
        """;

    private readonly A2ARedisConnection _redis;
    private readonly TimeProvider _time;
    private readonly RedisKey _due;
    private readonly RedisKey _leases;
    private readonly RedisKey _dead;
    private readonly string _queuePrefix;

    /// <summary>Creates the queue.</summary>
    /// <param name="redis">The shared connection.</param>
    /// <param name="time">The clock of the schedule.</param>
    public RedisPushDeliveryQueue(A2ARedisConnection redis, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(redis);
        ArgumentNullException.ThrowIfNull(time);
        _redis = redis;
        _time = time;
        _due = redis.KeyPrefix + "{push}:due";
        _leases = redis.KeyPrefix + "{push}:leases";
        _dead = redis.KeyPrefix + "{push}:dead";
        _queuePrefix = redis.KeyPrefix + "{push}:q:";
    }

    /// <summary>The dead-lettered deliveries, oldest first, with the reason each was given up.</summary>
    /// <param name="cancellationToken">Cancellation.</param>
    public async ValueTask<IReadOnlyList<(PushDelivery Delivery, string Reason)>> ReadDeadLettersAsync(CancellationToken cancellationToken)
    {
        var entries = await Run(() => _redis.Database.ListRangeAsync(_dead), "read dead letters", cancellationToken).ConfigureAwait(false);
        var list = new List<(PushDelivery, string)>();
        foreach (var entry in entries)
        {
            using var document = JsonDocument.Parse((byte[])entry!);
            if (Read(document.RootElement.GetProperty("delivery")) is { } delivery)
            {
                list.Add((delivery, document.RootElement.GetProperty("reason").GetString() ?? ""));
            }
        }

        return list;
    }

    /// <inheritdoc />
    public async ValueTask EnqueueAsync(PushDelivery delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        var member = Member(delivery.AgentId, delivery.TaskId);
        await Run(() => _redis.Database.ScriptEvaluateAsync(EnqueueScript, [_due, _queuePrefix + member],
            [member, Write(delivery), _time.GetUtcNow().ToUnixTimeMilliseconds()]), "enqueue a push delivery", cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask<PushDeliveryLease?> TakeAsync(DateTimeOffset now, TimeSpan lease, CancellationToken cancellationToken)
    {
        var token = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        var result = await Run(() => _redis.Database.ScriptEvaluateAsync(TakeScript, [_due, _leases],
            [now.ToUnixTimeMilliseconds(), Math.Max(1, (long)lease.TotalMilliseconds), token, _queuePrefix]), "take a push delivery", cancellationToken).ConfigureAwait(false);
        if (result.IsNull || result.Length != 2)
        {
            return null;
        }

        using var document = JsonDocument.Parse((byte[])result[1]!);
        return Read(document.RootElement) is { } delivery ? new PushDeliveryLease(delivery, token, now + lease) : null;
    }

    /// <inheritdoc />
    public ValueTask<bool> CompleteAsync(PushDeliveryLease lease, CancellationToken cancellationToken) =>
        SettleAsync(lease, "complete", _time.GetUtcNow(), RedisValue.EmptyString, cancellationToken);

    /// <inheritdoc />
    public ValueTask<bool> RetryAsync(PushDeliveryLease lease, DateTimeOffset notBefore, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lease);
        return SettleAsync(lease, "retry", notBefore, Write(lease.Delivery with { Attempts = lease.Delivery.Attempts + 1 }), cancellationToken);
    }

    /// <inheritdoc />
    public ValueTask<bool> DeadLetterAsync(PushDeliveryLease lease, string reason, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lease);
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("reason"u8, A2AGen.Security.CallerText.Sanitize(reason ?? "", 500));
            writer.WriteString("at"u8, _time.GetUtcNow());
            writer.WritePropertyName("delivery"u8);
            using var delivery = JsonDocument.Parse(Write(lease.Delivery));
            delivery.RootElement.WriteTo(writer);
            writer.WriteEndObject();
        }

        return SettleAsync(lease, "dead", _time.GetUtcNow(), buffer.WrittenSpan.ToArray(), cancellationToken);
    }

    private async ValueTask<bool> SettleAsync(PushDeliveryLease lease, string action, DateTimeOffset at, RedisValue value, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lease);
        var member = Member(lease.Delivery.AgentId, lease.Delivery.TaskId);
        var result = await Run(() => _redis.Database.ScriptEvaluateAsync(SettleScript, [_due, _leases, _queuePrefix + member, _dead],
            [member, lease.Token, action, at.ToUnixTimeMilliseconds(), value]), "settle a push delivery", cancellationToken).ConfigureAwait(false);
        return (long)result == 1;
    }

    private static async Task<T> Run<T>(Func<Task<T>> command, string what, CancellationToken cancellationToken)
    {
        try
        {
            return await command().WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (A2ARedisConnection.IsUnavailable(e))
        {
            throw A2ARedisConnection.Unavailable(what, e);
        }
    }

    // Agent ids hold no ':', so the first ':' separates agent and task.
    private static string Member(string agentId, string taskId) => agentId + ":" + taskId;

    // {"id":…,"agentId":…,"taskId":…,"configId":…,"attempts":n,"event":{…ProtoJSON…}}
    private static byte[] Write(PushDelivery delivery)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("id"u8, delivery.Id);
            writer.WriteString("agentId"u8, delivery.AgentId);
            writer.WriteString("taskId"u8, delivery.TaskId);
            writer.WriteString("configId"u8, delivery.ConfigId);
            writer.WriteNumber("attempts"u8, delivery.Attempts);
            writer.WritePropertyName("event"u8);
            A2AJson.Serialize(writer, delivery.Event);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static PushDelivery? Read(JsonElement root)
    {
        try
        {
            return A2AJson.Deserialize<StreamResponse>(root.GetProperty("event")) is { } item
                ? new PushDelivery
                {
                    Id = root.GetProperty("id").GetString()!,
                    AgentId = root.GetProperty("agentId").GetString()!,
                    TaskId = root.GetProperty("taskId").GetString()!,
                    ConfigId = root.GetProperty("configId").GetString()!,
                    Attempts = root.GetProperty("attempts").GetInt32(),
                    Event = item,
                }
                : null;
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            return null;
        }
    }
}
