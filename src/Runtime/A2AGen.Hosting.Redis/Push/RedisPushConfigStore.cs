using A2AGen.Hosting.Push;
using A2AGen.Protocol;
using A2AGen.Protocol.Serialization;
using StackExchange.Redis;

namespace A2AGen.Hosting.Redis;

/// <summary>
/// Push-notification configurations in Redis: one hash per task (<c>{agent}:push:&lt;task&gt;</c>, field = configuration
/// id, value = its ProtoJSON), expiring with the task. A new configuration beyond
/// <see cref="A2ARedisOptions.MaxPushConfigsPerTask"/> is refused in the same atomic step that would add it. Thread-safe.
/// </summary>
public sealed class RedisPushConfigStore : IPushConfigStore
{
    // KEYS: the task's hash. ARGV: config id, JSON, time to live (ms), most configurations per task.
    private const string SaveScript = """
        if redis.call('HEXISTS', KEYS[1], ARGV[1]) == 0 and redis.call('HLEN', KEYS[1]) >= tonumber(ARGV[4]) then return 0 end
        redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
        redis.call('PEXPIRE', KEYS[1], ARGV[3])
        return 1
        """;

    private readonly A2ARedisConnection _redis;
    private readonly int _maxPerTask;

    /// <summary>Creates the store.</summary>
    /// <param name="redis">The shared connection.</param>
    /// <param name="options">The limit per task.</param>
    public RedisPushConfigStore(A2ARedisConnection redis, Microsoft.Extensions.Options.IOptions<A2ARedisOptions> options)
    {
        ArgumentNullException.ThrowIfNull(redis);
        ArgumentNullException.ThrowIfNull(options);
        _redis = redis;
        _maxPerTask = options.Value.MaxPushConfigsPerTask;
    }

    /// <inheritdoc />
    public async ValueTask<bool> SaveAsync(string agentId, TaskPushNotificationConfig config, TimeSpan timeToLive, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentException.ThrowIfNullOrEmpty(config.TaskId, nameof(config));
        ArgumentException.ThrowIfNullOrEmpty(config.Id, nameof(config));
        try
        {
            var result = await _redis.Database.ScriptEvaluateAsync(SaveScript, [Key(agentId, config.TaskId)],
                [config.Id, A2AJson.SerializeToUtf8Bytes(config), Math.Max(1, (long)timeToLive.TotalMilliseconds), _maxPerTask]).WaitAsync(cancellationToken).ConfigureAwait(false);
            return (long)result == 1;
        }
        catch (Exception e) when (A2ARedisConnection.IsUnavailable(e))
        {
            throw A2ARedisConnection.Unavailable("save a push-notification configuration", e);
        }
    }

    /// <inheritdoc />
    public async ValueTask<TaskPushNotificationConfig?> GetAsync(string agentId, string taskId, string configId, CancellationToken cancellationToken)
    {
        try
        {
            var value = await _redis.Database.HashGetAsync(Key(agentId, taskId), configId).WaitAsync(cancellationToken).ConfigureAwait(false);
            return Read(value);
        }
        catch (Exception e) when (A2ARedisConnection.IsUnavailable(e))
        {
            throw A2ARedisConnection.Unavailable("read a push-notification configuration", e);
        }
    }

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<TaskPushNotificationConfig>> ListAsync(string agentId, string taskId, CancellationToken cancellationToken)
    {
        try
        {
            var entries = await _redis.Database.HashGetAllAsync(Key(agentId, taskId)).WaitAsync(cancellationToken).ConfigureAwait(false);
            return entries.OrderBy(e => e.Name.ToString(), StringComparer.Ordinal).Select(e => Read(e.Value)).OfType<TaskPushNotificationConfig>().ToArray();
        }
        catch (Exception e) when (A2ARedisConnection.IsUnavailable(e))
        {
            throw A2ARedisConnection.Unavailable("list push-notification configurations", e);
        }
    }

    /// <inheritdoc />
    public async ValueTask<bool> DeleteAsync(string agentId, string taskId, string configId, CancellationToken cancellationToken)
    {
        try
        {
            return await _redis.Database.HashDeleteAsync(Key(agentId, taskId), configId).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (A2ARedisConnection.IsUnavailable(e))
        {
            throw A2ARedisConnection.Unavailable("delete a push-notification configuration", e);
        }
    }

    private RedisKey Key(string agentId, string taskId) => _redis.AgentKey(agentId, "push", taskId);

    private static TaskPushNotificationConfig? Read(RedisValue value)
    {
        if (value.IsNull)
        {
            return null;
        }

        try
        {
            return A2AJson.Deserialize<TaskPushNotificationConfig>((byte[])value!);
        }
        catch (System.Text.Json.JsonException)
        {
            // An entry this version cannot read is treated as absent.
            return null;
        }
    }
}
