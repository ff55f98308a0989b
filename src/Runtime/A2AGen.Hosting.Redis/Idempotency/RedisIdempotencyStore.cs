using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using A2AGen.Hosting.Idempotency;
using A2AGen.Protocol;
using A2AGen.Protocol.Serialization;
using StackExchange.Redis;

namespace A2AGen.Hosting.Redis;

/// <summary>
/// Remembered messages in Redis, shared by every instance of an agent: one string per (agent, caller, <c>messageId</c>)
/// at <c>{prefix}{{agent}}:idem:&lt;base64url SHA-256 of caller and message id&gt;</c>, expiring after the idempotency
/// window. The claim is one Lua script (read the entry, or write a pending claim if there is none), so of any number of
/// instances receiving the same message at the same moment exactly one runs it; the others read the pending claim and
/// wait for its outcome. An unreachable Redis throws <see cref="Tasks.TaskStoreUnavailableException"/> (HTTP 503
/// <c>STATE_STORE_UNAVAILABLE</c>): no message runs without its claim. Thread-safe.
/// </summary>
/// <remarks>
/// Values are short text, not JSON: <c>P|&lt;hash&gt;</c> (pending), <c>T|&lt;hash&gt;|&lt;task id&gt;</c> or
/// <c>R|&lt;hash&gt;|&lt;reply as A2A JSON&gt;</c>. The request hash is base64url, so the first two bars always separate.
/// </remarks>
public sealed class RedisIdempotencyStore : IIdempotencyStore
{
    // KEYS: the entry. ARGV: the pending value, the window (ms). Returns the entry already there, or nil when claimed.
    private const string ClaimScript = """
        local existing = redis.call('GET', KEYS[1])
        if existing then return existing end
        redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
        return false
        """;

    // KEYS: the entry. Forgets it only while it is still a pending claim: a completed entry is never released.
    private const string ReleaseScript = """
        local existing = redis.call('GET', KEYS[1])
        if existing and string.sub(existing, 1, 2) == 'P|' then redis.call('DEL', KEYS[1]) return 1 end
        return 0
        """;

    private readonly A2ARedisConnection _redis;

    /// <summary>Creates the store.</summary>
    /// <param name="redis">The shared connection.</param>
    public RedisIdempotencyStore(A2ARedisConnection redis)
    {
        ArgumentNullException.ThrowIfNull(redis);
        _redis = redis;
    }

    /// <inheritdoc />
    public async ValueTask<IdempotencyEntry?> TryClaimAsync(IdempotencyKey key, string requestHash, TimeSpan window, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(requestHash);
        try
        {
            var existing = await _redis.Database.ScriptEvaluateAsync(ClaimScript, [Key(key)],
                ["P|" + requestHash, Milliseconds(window)]).WaitAsync(cancellationToken).ConfigureAwait(false);
            return existing.IsNull ? null : Read((string?)existing);
        }
        catch (Exception e) when (A2ARedisConnection.IsUnavailable(e))
        {
            throw A2ARedisConnection.Unavailable("claim a message id", e);
        }
    }

    /// <inheritdoc />
    public async ValueTask CompleteAsync(IdempotencyKey key, IdempotencyEntry entry, TimeSpan window, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var value = entry.Reply is { } reply
            ? string.Concat("R|", entry.RequestHash, "|", A2AJson.Serialize(reply))
            : string.Concat("T|", entry.RequestHash, "|", entry.TaskId ?? throw new ArgumentException("A complete entry names a task or a reply.", nameof(entry)));
        try
        {
            await _redis.Database.StringSetAsync(Key(key), value, window > TimeSpan.Zero ? window : TimeSpan.FromMilliseconds(1)).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (A2ARedisConnection.IsUnavailable(e))
        {
            throw A2ARedisConnection.Unavailable("remember a message's outcome", e);
        }
    }

    /// <inheritdoc />
    public async ValueTask ReleaseAsync(IdempotencyKey key, CancellationToken cancellationToken)
    {
        try
        {
            await _redis.Database.ScriptEvaluateAsync(ReleaseScript, [Key(key)]).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (A2ARedisConnection.IsUnavailable(e))
        {
            throw A2ARedisConnection.Unavailable("release a message id", e);
        }
    }

    /// <inheritdoc />
    public async ValueTask<IdempotencyEntry?> GetAsync(IdempotencyKey key, CancellationToken cancellationToken)
    {
        try
        {
            var value = await _redis.Database.StringGetAsync(Key(key)).WaitAsync(cancellationToken).ConfigureAwait(false);
            return value.IsNull ? null : Read(value.ToString());
        }
        catch (Exception e) when (A2ARedisConnection.IsUnavailable(e))
        {
            throw A2ARedisConnection.Unavailable("read a message id", e);
        }
    }

    /// <summary>
    /// The entry's key. Caller and message id are hashed (length-prefixed, anonymous marked apart from every caller id),
    /// so neither can reach into another key's text, and the key length does not grow with a long message id.
    /// </summary>
    private RedisKey Key(IdempotencyKey key)
    {
        var text = key.CallerId is { } caller
            ? string.Concat("c", caller.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), ":", caller, ":", key.MessageId)
            : string.Concat("a:", key.MessageId);
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(text), digest);
        return _redis.AgentKey(key.AgentId, "idem", Base64Url.EncodeToString(digest));
    }

    private static long Milliseconds(TimeSpan window) => Math.Max(1, (long)window.TotalMilliseconds);

    /// <summary>Reads a stored value; one this version cannot read is treated as a pending claim of an unknown request (never matches, so refused rather than run twice).</summary>
    private static IdempotencyEntry? Read(string? value)
    {
        if (value is null || value.Length < 2 || value[1] != '|')
        {
            return new IdempotencyEntry { RequestHash = "" };
        }

        var kind = value[0];
        var hashEnd = value.IndexOf('|', 2);
        if (kind == 'P')
        {
            return new IdempotencyEntry { RequestHash = value[2..] };
        }

        if (hashEnd < 0)
        {
            return new IdempotencyEntry { RequestHash = "" };
        }

        var hash = value[2..hashEnd];
        var rest = value[(hashEnd + 1)..];
        switch (kind)
        {
            case 'T' when rest.Length > 0:
                return new IdempotencyEntry { RequestHash = hash, TaskId = rest };
            case 'R':
                try
                {
                    if (A2AJson.Deserialize<Message>(rest) is { } reply)
                    {
                        return new IdempotencyEntry { RequestHash = hash, Reply = reply };
                    }
                }
                catch (System.Text.Json.JsonException)
                {
                }

                break;
        }

        return new IdempotencyEntry { RequestHash = "" };
    }
}
