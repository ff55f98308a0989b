using A2AGen.Client;
using StackExchange.Redis;

namespace A2AGen.Hosting.Redis;

/// <summary>
/// The dead letters of the host's outbound calls in Redis (registered by <c>AddA2ARedis</c>, on its connection): one
/// hash, <c>{prefix}{dlq}:letters</c>, entry id → the entry's JSON (<see cref="DeadLetterJson"/>), so every instance sees
/// and may redeliver every entry. With Redis persistence the entries survive restarts. Thread-safe.
/// </summary>
public sealed class RedisDeadLetterQueue : IDeadLetterQueue
{
    private readonly A2ARedisConnection _redis;
    private readonly RedisKey _key;

    /// <summary>Creates the queue on the host's connection.</summary>
    /// <param name="redis">The shared connection and key prefix.</param>
    public RedisDeadLetterQueue(A2ARedisConnection redis)
    {
        ArgumentNullException.ThrowIfNull(redis);
        _redis = redis;
        _key = redis.KeyPrefix + "{dlq}:letters";
    }

    /// <inheritdoc />
    public async ValueTask SaveAsync(DeadLetter letter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(letter);
        Check(letter.Id);
        await _redis.Database.HashSetAsync(_key, letter.Id, DeadLetterJson.Serialize(letter)).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask<DeadLetter?> GetAsync(string id, CancellationToken cancellationToken = default)
    {
        Check(id);
        var value = await _redis.Database.HashGetAsync(_key, id).ConfigureAwait(false);
        return value.IsNull ? null : DeadLetterJson.Deserialize((byte[])value!);
    }

    /// <inheritdoc />
    /// <remarks>Entries that cannot be read are skipped; <see cref="GetAsync"/> says what is wrong with one.</remarks>
    public async ValueTask<IReadOnlyList<DeadLetter>> ListAsync(CancellationToken cancellationToken = default)
    {
        var letters = new List<DeadLetter>();
        foreach (var entry in await _redis.Database.HashGetAllAsync(_key).ConfigureAwait(false))
        {
            try
            {
                letters.Add(DeadLetterJson.Deserialize((byte[])entry.Value!));
            }
            catch (InvalidDataException)
            {
                // Damaged: left for GetAsync to explain.
            }
        }

        letters.Sort((a, b) => a.CreatedAt != b.CreatedAt ? a.CreatedAt.CompareTo(b.CreatedAt) : string.CompareOrdinal(a.Id, b.Id));
        return letters;
    }

    /// <inheritdoc />
    public async ValueTask<bool> RemoveAsync(string id, CancellationToken cancellationToken = default)
    {
        Check(id);
        return await _redis.Database.HashDeleteAsync(_key, id).ConfigureAwait(false);
    }

    private static void Check(string id)
    {
        if (!DeadLetter.IsValidId(id))
        {
            throw new ArgumentException("A dead-letter id is 32 lowercase hex digits.", nameof(id));
        }
    }
}
