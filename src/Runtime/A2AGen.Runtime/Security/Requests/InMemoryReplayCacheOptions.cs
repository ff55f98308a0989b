namespace A2AGen.Security;

/// <summary>Bounds of an <see cref="InMemoryReplayCache"/>.</summary>
public sealed record InMemoryReplayCacheOptions
{
    /// <summary>The default <see cref="Capacity"/>: one million token ids (about 50 MB when full).</summary>
    public const int DefaultCapacity = 1_000_000;

    /// <summary>
    /// The most token ids held at once (default one million). Each stays for its token's lifetime plus the clock skew
    /// (65 s with the defaults), so the default sustains about 15,000 signed requests per second. When full of live
    /// entries the cache refuses new ids (<see cref="ReplayCacheUnavailableException"/>, HTTP 503) rather than forget
    /// one that could still be replayed.
    /// </summary>
    public int Capacity { get; init; } = DefaultCapacity;

    /// <summary>The clock that decides when entries expire.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
