using System.Security.Cryptography;
using A2AGen.Security;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Options;

namespace A2AGen.Hosting;

/// <summary>
/// An <see cref="IReplayCache"/> over the application's <see cref="IDistributedCache"/> (Redis, SQL Server, …), so
/// several instances behind a load balancer refuse each other's replays. One entry per token id (key: prefix +
/// base64url SHA-256 of issuer and <c>jti</c>; absolute expiry = the token's <c>exp</c> + clock skew).
/// <para>
/// <see cref="IDistributedCache"/> has no atomic add-if-absent, so check-and-set is as atomic as it allows: an
/// in-process cache in front makes it exact within one instance; across instances the id is read, written with a
/// random value, and read back, and only the instance whose value is read back accepts. Two instances can both accept
/// only when both read "absent" before either wrote and each reads its own value back before the other's write lands:
/// the same request delivered to two instances within about one cache round trip (well under a millisecond to a few
/// milliseconds). A replay later than that is always refused. For an exact guarantee implement
/// <see cref="IReplayCache"/> over the store's own primitive (Redis <c>SET key value NX PX ttl</c>).
/// </para>
/// An unreachable cache refuses the request (<see cref="ReplayCacheUnavailableException"/>, HTTP 503) rather than let
/// it through unchecked. Thread-safe.
/// </summary>
public sealed class DistributedReplayCache : IReplayCache
{
    private readonly IDistributedCache _cache;
    private readonly string _prefix;
    private readonly InMemoryReplayCache _local;

    /// <summary>Creates the adapter.</summary>
    /// <param name="cache">The shared cache.</param>
    /// <param name="options">Key prefix and local capacity.</param>
    /// <param name="time">The clock of the local cache.</param>
    public DistributedReplayCache(IDistributedCache cache, IOptions<DistributedReplayCacheOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(cache);
        ArgumentNullException.ThrowIfNull(options);
        _cache = cache;
        _prefix = options.Value.KeyPrefix ?? "";
        _local = new InMemoryReplayCache(new InMemoryReplayCacheOptions { Capacity = options.Value.LocalCapacity, TimeProvider = time ?? TimeProvider.System });
    }

    /// <inheritdoc />
    public async ValueTask<bool> TryAddAsync(string issuer, string tokenId, DateTimeOffset keepUntil, CancellationToken cancellationToken = default)
    {
        if (!await _local.TryAddAsync(issuer, tokenId, keepUntil, cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        var key = _prefix + ReplayKey.ComputeText(issuer, tokenId);
        var mark = RandomNumberGenerator.GetBytes(16);
        try
        {
            if (await _cache.GetAsync(key, cancellationToken).ConfigureAwait(false) is not null)
            {
                return false;
            }

            await _cache.SetAsync(key, mark, new DistributedCacheEntryOptions { AbsoluteExpiration = keepUntil }, cancellationToken).ConfigureAwait(false);
            var stored = await _cache.GetAsync(key, cancellationToken).ConfigureAwait(false);

            // Another instance wrote the same id between our read and our write: exactly one of us reads its own mark.
            return stored is not null && CryptographicOperations.FixedTimeEquals(stored, mark);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw new ReplayCacheUnavailableException($"The shared replay cache could not be reached ({e.GetType().Name}).", e);
        }
    }
}
