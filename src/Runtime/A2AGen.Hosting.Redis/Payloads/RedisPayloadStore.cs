using System.Buffers;
using System.Buffers.Binary;
using System.Text.Json;
using StackExchange.Redis;

namespace A2AGen.Hosting.Redis;

/// <summary>
/// Published payloads (store-and-fetch) in Redis, so any instance of the sender serves them: one string per payload at
/// <c>{prefix}payload:&lt;id&gt;</c> expiring with its URL (<c>PX</c>), taken with <c>GETDEL</c> — atomic, so a URL is
/// used once however many instances are asked at once. The value is a length-prefixed JSON header (recipient, expiry,
/// media type) and the content. An unreachable Redis throws <see cref="Tasks.TaskStoreUnavailableException"/>. Thread-safe.
/// </summary>
public sealed class RedisPayloadStore : IPayloadStore
{
    private readonly A2ARedisConnection _redis;
    private readonly TimeProvider _time;

    /// <summary>Creates the store.</summary>
    /// <param name="redis">The shared connection.</param>
    /// <param name="time">The clock the expiry times are measured against.</param>
    public RedisPayloadStore(A2ARedisConnection redis, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(redis);
        ArgumentNullException.ThrowIfNull(time);
        _redis = redis;
        _time = time;
    }

    /// <inheritdoc />
    public async ValueTask StoreAsync(StoredPayload payload, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(payload);
        var ttl = payload.ExpiresAt - _time.GetUtcNow();
        if (ttl <= TimeSpan.Zero)
        {
            return;
        }

        var header = new ArrayBufferWriter<byte>(128);
        using (var writer = new Utf8JsonWriter(header))
        {
            writer.WriteStartObject();
            writer.WriteString("recipient", payload.Recipient);
            writer.WriteNumber("expiresAt", payload.ExpiresAt.ToUnixTimeMilliseconds());
            if (payload.MediaType is not null)
            {
                writer.WriteString("mediaType", payload.MediaType);
            }

            writer.WriteEndObject();
        }

        var value = new byte[4 + header.WrittenCount + payload.Content.Length];
        BinaryPrimitives.WriteInt32BigEndian(value, header.WrittenCount);
        header.WrittenSpan.CopyTo(value.AsSpan(4));
        payload.Content.Span.CopyTo(value.AsSpan(4 + header.WrittenCount));
        try
        {
            if (!await _redis.Database.StringSetAsync(Key(payload.Id), value, ttl, When.NotExists).WaitAsync(cancellationToken).ConfigureAwait(false))
            {
                throw new InvalidOperationException("A payload with this id is already stored.");
            }
        }
        catch (Exception e) when (A2ARedisConnection.IsUnavailable(e))
        {
            throw A2ARedisConnection.Unavailable("store a payload", e);
        }
    }

    /// <inheritdoc />
    public async ValueTask<StoredPayload?> TakeAsync(string id, CancellationToken cancellationToken)
    {
        RedisValue value;
        try
        {
            value = await _redis.Database.StringGetDeleteAsync(Key(id)).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (A2ARedisConnection.IsUnavailable(e))
        {
            throw A2ARedisConnection.Unavailable("take a payload", e);
        }

        if (value.IsNull)
        {
            return null;
        }

        var bytes = (byte[])value!;
        if (bytes.Length < 4)
        {
            return null;
        }

        var length = BinaryPrimitives.ReadInt32BigEndian(bytes);
        if (length < 2 || length > bytes.Length - 4)
        {
            return null;
        }

        try
        {
            using var header = JsonDocument.Parse(bytes.AsMemory(4, length));
            var root = header.RootElement;
            var expires = DateTimeOffset.FromUnixTimeMilliseconds(root.GetProperty("expiresAt").GetInt64());
            return expires > _time.GetUtcNow()
                ? new StoredPayload(id, root.GetProperty("recipient").GetString()!, expires,
                    root.TryGetProperty("mediaType", out var mediaType) ? mediaType.GetString() : null, bytes.AsMemory(4 + length))
                : null;
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return null;
        }
    }

    private RedisKey Key(string id) => _redis.KeyPrefix + "payload:" + id;
}
