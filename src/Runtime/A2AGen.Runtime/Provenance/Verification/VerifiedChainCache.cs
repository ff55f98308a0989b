using System.Collections.Concurrent;

namespace A2AGen.Provenance;

/// <summary>
/// Chains that verified, keyed by the SHA-256 of the envelope's JSON as received (ancestors included), so a hit means
/// the very same bytes. Bounded: when full it starts over (a hit only saves signature checks). Thread-safe.
/// </summary>
internal sealed class VerifiedChainCache(int capacity)
{
    private readonly ConcurrentDictionary<UInt128Pair, ProvenanceVerificationResult> _entries = new();

    public int Count => _entries.Count;

    public bool TryGet(in UInt128Pair key, out ProvenanceVerificationResult result) => _entries.TryGetValue(key, out result!);

    public void Add(in UInt128Pair key, ProvenanceVerificationResult result)
    {
        if (_entries.Count >= capacity)
        {
            _entries.Clear();
        }

        _entries[key] = result;
    }

    public void Remove(in UInt128Pair key) => _entries.TryRemove(key, out _);
}

/// <summary>A SHA-256 value as a dictionary key.</summary>
internal readonly record struct UInt128Pair(UInt128 High, UInt128 Low);
