using System.Collections.Concurrent;

namespace A2AGen.Hosting;

/// <summary>
/// The default <see cref="IPayloadStore"/>: one process. Expired payloads are dropped when taken, and swept when a new
/// one is stored while more than <see cref="SweepAbove"/> are held. Thread-safe.
/// </summary>
public sealed class InMemoryPayloadStore : IPayloadStore
{
    /// <summary>Held payloads above which storing one sweeps out the expired ones.</summary>
    public const int SweepAbove = 1_000;

    private readonly ConcurrentDictionary<string, StoredPayload> _payloads = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;

    /// <summary>Creates a store.</summary>
    /// <param name="time">The clock the expiry times are read against.</param>
    public InMemoryPayloadStore(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        _time = time;
    }

    /// <summary>The payloads held now (expired ones included until swept).</summary>
    public int Count => _payloads.Count;

    /// <inheritdoc />
    public ValueTask StoreAsync(StoredPayload payload, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(payload);
        if (_payloads.Count > SweepAbove)
        {
            var now = _time.GetUtcNow();
            foreach (var (id, held) in _payloads)
            {
                if (held.ExpiresAt <= now)
                {
                    _payloads.TryRemove(id, out _);
                }
            }
        }

        if (!_payloads.TryAdd(payload.Id, payload))
        {
            throw new InvalidOperationException("A payload with this id is already stored.");
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask<StoredPayload?> TakeAsync(string id, CancellationToken cancellationToken) =>
        ValueTask.FromResult(_payloads.TryRemove(id, out var payload) && payload.ExpiresAt > _time.GetUtcNow() ? payload : null);
}
