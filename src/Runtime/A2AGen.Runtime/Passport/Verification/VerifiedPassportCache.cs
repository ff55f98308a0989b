using System.Buffers.Binary;
using System.Collections.Concurrent;
using A2AGen.Security;

namespace A2AGen.Passport;

/// <summary>
/// Passports whose signature verified, keyed by the SHA-256 of their signing input and signature, each kept no later
/// than its <c>exp</c>. Bounded: when full, expired entries go first, then those closest to expiry. Only the
/// request-independent facts are kept; the verifier re-checks everything that depends on the request or the trust
/// store on every hit. Thread-safe.
/// </summary>
internal sealed class VerifiedPassportCache
{
    private readonly ConcurrentDictionary<PassportCacheKey, VerifiedPassport> _entries = new();
    private readonly int _capacity;
    private readonly Lock _trimGate = new();
    private int _count;

    public VerifiedPassportCache(int capacity)
    {
        _capacity = capacity;
    }

    public int Count => Volatile.Read(ref _count);

    public bool TryGet(in PassportCacheKey key, DateTimeOffset now, out VerifiedPassport entry)
    {
        if (!_entries.TryGetValue(key, out entry!))
        {
            return false;
        }

        if (now < entry.ExpiresAt)
        {
            return true;
        }

        Remove(key);
        return false;
    }

    public void Add(in PassportCacheKey key, VerifiedPassport entry, DateTimeOffset now)
    {
        if (entry.ExpiresAt <= now)
        {
            return;
        }

        if (Volatile.Read(ref _count) >= _capacity && !Trim(now))
        {
            return;
        }

        if (_entries.TryAdd(key, entry))
        {
            Interlocked.Increment(ref _count);
        }
    }

    public void Remove(in PassportCacheKey key)
    {
        if (_entries.TryRemove(key, out _))
        {
            Interlocked.Decrement(ref _count);
        }
    }

    // One trimmer at a time; a thread that finds a trim under way skips caching its passport rather than wait.
    private bool Trim(DateTimeOffset now)
    {
        if (!_trimGate.TryEnter())
        {
            return false;
        }

        try
        {
            if (Volatile.Read(ref _count) < _capacity)
            {
                return true;
            }

            foreach (var (key, entry) in _entries)
            {
                if (entry.ExpiresAt <= now)
                {
                    Remove(key);
                }
            }

            var target = _capacity - Math.Max(1, _capacity / 10);
            if (Volatile.Read(ref _count) > target)
            {
                var soonest = _entries.ToArray();
                Array.Sort(soonest, static (a, b) => a.Value.ExpiresAt.CompareTo(b.Value.ExpiresAt));
                for (var i = 0; i < soonest.Length && Volatile.Read(ref _count) > target; i++)
                {
                    Remove(soonest[i].Key);
                }
            }

            return true;
        }
        finally
        {
            _trimGate.Exit();
        }
    }
}

/// <summary>A SHA-256 value as four machine words: cheap to compare and hash.</summary>
internal readonly record struct PassportCacheKey(ulong A, ulong B, ulong C, ulong D)
{
    public static PassportCacheKey From(ReadOnlySpan<byte> sha256) => new(
        BinaryPrimitives.ReadUInt64LittleEndian(sha256),
        BinaryPrimitives.ReadUInt64LittleEndian(sha256[8..]),
        BinaryPrimitives.ReadUInt64LittleEndian(sha256[16..]),
        BinaryPrimitives.ReadUInt64LittleEndian(sha256[24..]));
}

/// <summary>What a verified signature established, independent of the request that carried it.</summary>
internal sealed record VerifiedPassport(
    TrustedKey Key,
    string Algorithm,
    DateTimeOffset IssuedAt,
    DateTimeOffset ExpiresAt,
    IReadOnlyList<string> Audiences,
    string? TokenId);
