using A2AGen.Hosting.Tasks;
using StackExchange.Redis;

namespace A2AGen.Hosting.Redis;

/// <summary>
/// The one Redis connection and key prefix every A2AGen Redis store of the host shares (replay cache, task store, task
/// event log, and later stores such as idempotency keys or a dead-letter queue). Registered by <c>AddA2ARedis</c>.
/// </summary>
public sealed class A2ARedisConnection
{
    /// <summary>Creates the holder.</summary>
    /// <param name="multiplexer">The connection.</param>
    /// <param name="keyPrefix">Prefix of every key.</param>
    public A2ARedisConnection(IConnectionMultiplexer multiplexer, string keyPrefix)
    {
        ArgumentNullException.ThrowIfNull(multiplexer);
        Multiplexer = multiplexer;
        KeyPrefix = keyPrefix ?? "";
    }

    /// <summary>The connection.</summary>
    public IConnectionMultiplexer Multiplexer { get; }

    /// <summary>Prefix of every key.</summary>
    public string KeyPrefix { get; }

    /// <summary>The database the stores use.</summary>
    public IDatabase Database => Multiplexer.GetDatabase();

    /// <summary>
    /// A key of one agent's state: <c>{prefix}{{agentId}}:{kind}:{id}</c>. The agent id is a Redis Cluster hash tag, so an
    /// agent's task, index and event keys sit on one shard and one script may touch them together.
    /// </summary>
    /// <param name="agentId">The agent.</param>
    /// <param name="kind">What the key holds (<c>task</c>, <c>owner</c>, <c>cancel</c>, <c>events</c>, …).</param>
    /// <param name="id">The item.</param>
    public RedisKey AgentKey(string agentId, string kind, string id) => string.Concat(KeyPrefix, "{", agentId, "}:", kind, ":", id);

    /// <summary>Whether <paramref name="exception"/> means Redis could not be reached or could not serve the command.</summary>
    /// <param name="exception">An exception from a Redis call.</param>
    public static bool IsUnavailable(Exception exception) =>
        exception is RedisException or TimeoutException or ObjectDisposedException;

    /// <summary>The exception the hosting answers with HTTP 503 <c>STATE_STORE_UNAVAILABLE</c>.</summary>
    /// <param name="what">What could not be done.</param>
    /// <param name="exception">The Redis client's error.</param>
    public static TaskStoreUnavailableException Unavailable(string what, Exception exception) =>
        new($"Redis could not be reached to {what} ({exception.GetType().Name}).", exception);
}
