using A2AGen.Hosting;
using A2AGen.Hosting.Idempotency;
using A2AGen.Hosting.Push;
using A2AGen.Hosting.Redis;
using A2AGen.Hosting.Tasks;
using A2AGen.Security;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the Redis-backed state of every A2AGen agent in the host.</summary>
public static class A2ARedisServiceCollectionExtensions
{
    /// <summary>
    /// Connects to Redis with a StackExchange.Redis configuration string (<c>"127.0.0.1:6379"</c>,
    /// <c>"redis:6379,password=…,ssl=true"</c>) and keeps every agent's replay cache, tasks, task events and remembered
    /// messages there (<see cref="RedisReplayCache"/>, <see cref="RedisTaskStore"/>, <see cref="RedisTaskEventLog"/>,
    /// <see cref="RedisIdempotencyStore"/>) and published payloads (<see cref="RedisPayloadStore"/>), so instances
    /// behind a load balancer act as one agent. The connection is made when first needed and re-made by itself after
    /// an outage; while Redis cannot be reached, requests that need it are refused with HTTP 503.
    /// </summary>
    /// <param name="services">The application's services.</param>
    /// <param name="configuration">A StackExchange.Redis configuration string.</param>
    /// <param name="configure">Key prefix and task budgets.</param>
    public static IServiceCollection AddA2ARedis(this IServiceCollection services, string configuration, Action<A2ARedisOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(configuration);
        var options = ConfigurationOptions.Parse(configuration);
        // Start even while Redis is down, keep retrying, and refuse commands at once while disconnected (503 now, not
        // after a queueing timeout) — unless the configuration string says otherwise.
        if (!configuration.Contains("abortConnect", StringComparison.OrdinalIgnoreCase))
        {
            options.AbortOnConnectFail = false;
        }

        options.BacklogPolicy = BacklogPolicy.FailFast;
        options.ReconnectRetryPolicy ??= new ExponentialRetry(250, 2_000);
        services.TryAddSingleton<IConnectionMultiplexer>(_ => ConnectionMultiplexer.Connect(options));
        return services.AddA2ARedis(configure);
    }

    /// <summary>
    /// Keeps every agent's replay cache, tasks and task events in the Redis of the <see cref="IConnectionMultiplexer"/>
    /// registered by the application (see the other overload for what that gives).
    /// </summary>
    /// <param name="services">The application's services.</param>
    public static IServiceCollection AddA2ARedis(this IServiceCollection services) => services.AddA2ARedis((Action<A2ARedisOptions>?)null);

    /// <summary>
    /// Keeps every agent's replay cache, tasks and task events in the Redis of the <see cref="IConnectionMultiplexer"/>
    /// registered by the application, with the given key prefix and task budgets.
    /// </summary>
    /// <param name="services">The application's services.</param>
    /// <param name="configure">Key prefix and task budgets.</param>
    public static IServiceCollection AddA2ARedis(this IServiceCollection services, Action<A2ARedisOptions>? configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<A2ARedisOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(static sp => new A2ARedisConnection(
            sp.GetRequiredService<IConnectionMultiplexer>(),
            sp.GetRequiredService<IOptions<A2ARedisOptions>>().Value.KeyPrefix));
        services.RemoveAll<IReplayCache>();
        services.AddSingleton<IReplayCache, RedisReplayCache>();
        services.RemoveAll<ITaskStore>();
        services.AddSingleton<ITaskStore, RedisTaskStore>();
        services.RemoveAll<ITaskEventLog>();
        services.AddSingleton<ITaskEventLog, RedisTaskEventLog>();
        services.RemoveAll<IPushConfigStore>();
        services.AddSingleton<IPushConfigStore, RedisPushConfigStore>();
        services.RemoveAll<IPushDeliveryQueue>();
        services.AddSingleton<IPushDeliveryQueue, RedisPushDeliveryQueue>();
        services.RemoveAll<IIdempotencyStore>();
        services.AddSingleton<IIdempotencyStore, RedisIdempotencyStore>();
        services.RemoveAll<IPayloadStore>();
        services.AddSingleton<IPayloadStore, RedisPayloadStore>();
        return services;
    }
}
