using System.Diagnostics.Metrics;

namespace A2AGen.Passport;

/// <summary>The rules a <see cref="PassportVerifier"/> enforces and the size of its verified-passport cache.</summary>
public sealed record PassportVerifierOptions
{
    /// <summary>Acceptable <c>alg</c> values: a subset of <c>EdDSA</c> and <c>ES256</c>.</summary>
    public IReadOnlyCollection<string> AllowedAlgorithms { get; init; } = ["EdDSA", "ES256"];

    /// <summary>Tolerance for clocks that differ (default 5 seconds; at most 5 minutes).</summary>
    public TimeSpan ClockSkew { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The longest accepted <c>exp</c> − <c>iat</c> (default 1 hour; at most 24 hours).</summary>
    public TimeSpan MaxLifetime { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Refuse signed passports without <c>aud</c> (default false: the profile makes <c>aud</c> optional).</summary>
    public bool RequireAudience { get; init; }

    /// <summary>
    /// How many verified passports to remember (default 10,000; 0 turns the cache off). A repeated passport then costs
    /// a hash and a lookup instead of a signature verification; every check that depends on the request still runs.
    /// </summary>
    public int CacheCapacity { get; init; } = 10_000;

    /// <summary>The longest accepted <c>signature</c>, in characters (default 8 KiB).</summary>
    public int MaxSignatureLength { get; init; } = 8 * 1024;

    /// <summary>The clock.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>
    /// Where the verifier's counters go (<c>a2agen.passport.verifications</c>, <c>a2agen.passport.cache.hits</c>,
    /// <c>a2agen.passport.cache.misses</c>); by default a shared meter named <c>A2AGen.Passport</c>.
    /// </summary>
    public Meter? Meter { get; init; }
}
