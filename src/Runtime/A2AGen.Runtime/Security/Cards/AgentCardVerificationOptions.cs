namespace A2AGen.Security;

/// <summary>How an <see cref="AgentCardVerifier"/> checks cards and when it may follow <c>jku</c>.</summary>
public sealed record AgentCardVerificationOptions
{
    /// <summary>Acceptable <c>alg</c> values (a subset of <c>EdDSA</c>, <c>ES256</c>).</summary>
    public IReadOnlyCollection<string> AllowedAlgorithms { get; init; } = ["EdDSA", "ES256"];

    /// <summary>
    /// Origins (<c>https://host[:port]</c>) whose JWK Sets may supply a key the trust store lacks, when a signature's
    /// <c>jku</c> points there. Empty (the default): <c>jku</c> is never followed.
    /// </summary>
    public IReadOnlyCollection<Uri> AllowedJwkSetOrigins { get; init; } = [];

    /// <summary>Fetches a JWK Set (the raw bytes); defaults to a GET with <see cref="HttpClient"/> when that is set.</summary>
    public Func<Uri, CancellationToken, ValueTask<byte[]>>? FetchJwkSet { get; init; }

    /// <summary>The client for the default fetcher.</summary>
    public HttpClient? HttpClient { get; init; }

    /// <summary>How long a fetched JWK Set is reused (default 5 minutes).</summary>
    public TimeSpan JwkSetCacheDuration { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Largest accepted card (default 1 MiB).</summary>
    public int MaxCardBytes { get; init; } = 1024 * 1024;

    /// <summary>Largest accepted JWK Set (default 64 KiB).</summary>
    public int MaxJwkSetBytes { get; init; } = 64 * 1024;

    /// <summary>Most signatures examined (default 8).</summary>
    public int MaxSignatures { get; init; } = 8;

    /// <summary>The clock for the JWK Set cache.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
