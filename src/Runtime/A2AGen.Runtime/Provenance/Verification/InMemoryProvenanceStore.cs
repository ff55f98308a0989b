using System.Collections.Concurrent;

namespace A2AGen.Provenance;

/// <summary>
/// Envelopes kept by digest (e.g. every envelope an agent received or produced), answering parent lookups. Bounded:
/// once full, new envelopes are not added. Thread-safe.
/// </summary>
public sealed class InMemoryProvenanceStore : IProvenanceParentResolver
{
    private readonly ConcurrentDictionary<string, ProvenanceEnvelope> _envelopes = new(StringComparer.Ordinal);
    private readonly int _capacity;

    /// <summary>Creates a store holding at most <paramref name="capacity"/> envelopes.</summary>
    /// <param name="capacity">The bound (default 10,000).</param>
    public InMemoryProvenanceStore(int capacity = 10_000)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        _capacity = capacity;
    }

    /// <summary>How many envelopes the store holds.</summary>
    public int Count => _envelopes.Count;

    /// <summary>Keeps <paramref name="envelope"/> and the ancestors it carries; false when the store is full.</summary>
    /// <param name="envelope">An envelope (signature not checked here: the verifier checks what it resolves).</param>
    public bool Add(ProvenanceEnvelope envelope)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        foreach (var ancestor in envelope.Ancestors)
        {
            TryAdd(ancestor);
        }

        return TryAdd(envelope.WithoutAncestors());
    }

    /// <inheritdoc />
    public ValueTask<ProvenanceEnvelope?> ResolveAsync(ProvenanceParent parent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parent);
        return ValueTask.FromResult(_envelopes.TryGetValue(parent.Digest, out var envelope) ? envelope : null);
    }

    private bool TryAdd(ProvenanceEnvelope envelope)
    {
        if (_envelopes.ContainsKey(envelope.Digest))
        {
            return true;
        }

        if (_envelopes.Count >= _capacity)
        {
            return false;
        }

        _envelopes.TryAdd(envelope.Digest, envelope);
        return true;
    }
}
