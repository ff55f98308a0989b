namespace A2AGen.Security;

/// <summary>What a <see cref="RequestSignatureValidator"/> tolerates.</summary>
public sealed record RequestSignatureValidationOptions
{
    /// <summary>Tolerance for clocks that differ (default 5 seconds, DESIGN §6.4).</summary>
    public TimeSpan ClockSkew { get; init; } = RequestSignatureFormat.DefaultClockSkew;

    /// <summary>
    /// The longest accepted <c>exp</c> − <c>iat</c> (default 5 minutes). It bounds how long a token id stays in the
    /// replay cache, so a trusted caller cannot fill the cache with long-lived tokens.
    /// </summary>
    public TimeSpan MaxLifetime { get; init; } = RequestSignatureFormat.DefaultMaxLifetime;

    /// <summary>Accepted <c>alg</c> values: a subset of <c>EdDSA</c> and <c>ES256</c>.</summary>
    public IReadOnlyCollection<string> AllowedAlgorithms { get; init; } = ["EdDSA", "ES256"];

    /// <summary>The longest accepted token, in characters (default 8 KiB).</summary>
    public int MaxTokenLength { get; init; } = 8 * 1024;

    /// <summary>The clock.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
