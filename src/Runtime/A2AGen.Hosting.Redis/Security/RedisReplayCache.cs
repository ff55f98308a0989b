using A2AGen.Security;
using StackExchange.Redis;

namespace A2AGen.Hosting.Redis;

/// <summary>
/// An exact replay cache over Redis: one <c>SET key 1 NX PX ttl</c> per token, so of any number of instances receiving
/// the same token at the same moment exactly one sees it as fresh. Key: prefix + <c>replay:</c> + base64url SHA-256 of
/// issuer and <c>jti</c> (<see cref="ReplayKey"/>); time to live: until the token's <c>exp</c> plus the verifier's clock
/// skew. An unreachable Redis refuses the request (<see cref="ReplayCacheUnavailableException"/>, HTTP 503). Thread-safe.
/// </summary>
public sealed class RedisReplayCache : IReplayCache
{
    private static readonly TimeSpan MinimumTimeToLive = TimeSpan.FromSeconds(1);
    private static readonly RedisValue Marker = 1;

    private readonly A2ARedisConnection _redis;
    private readonly TimeProvider _time;

    /// <summary>Creates the cache.</summary>
    /// <param name="redis">The shared connection.</param>
    /// <param name="time">The clock the token's expiry is measured against (the verifier's).</param>
    public RedisReplayCache(A2ARedisConnection redis, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(redis);
        ArgumentNullException.ThrowIfNull(time);
        _redis = redis;
        _time = time;
    }

    /// <inheritdoc />
    public async ValueTask<bool> TryAddAsync(string issuer, string tokenId, DateTimeOffset keepUntil, CancellationToken cancellationToken = default)
    {
        var ttl = keepUntil - _time.GetUtcNow();
        if (ttl < MinimumTimeToLive)
        {
            ttl = MinimumTimeToLive;
        }

        var key = _redis.KeyPrefix + "replay:" + ReplayKey.ComputeText(issuer, tokenId);
        try
        {
            return await _redis.Database.StringSetAsync(key, Marker, ttl, When.NotExists).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (A2ARedisConnection.IsUnavailable(e))
        {
            throw new ReplayCacheUnavailableException($"The Redis replay cache could not be reached ({e.GetType().Name}).", e);
        }
    }
}
