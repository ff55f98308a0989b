namespace A2AGen.Security;

/// <summary>The rules a <see cref="JwsVerifier"/> enforces besides the signature itself.</summary>
public sealed record JwsVerificationOptions
{
    /// <summary>Acceptable <c>alg</c> values: a subset of <c>EdDSA</c> and <c>ES256</c> (nothing else can be allowed).</summary>
    public IReadOnlyCollection<string> AllowedAlgorithms { get; init; } = ["EdDSA", "ES256"];

    /// <summary>The required <c>typ</c> (compared case-insensitively, RFC 7515 §4.1.9); null accepts any or none.</summary>
    public string? ExpectedType { get; init; }

    /// <summary>Whether the header must name its key (default true).</summary>
    public bool RequireKeyId { get; init; } = true;

    /// <summary><c>crit</c> extensions the caller processes itself; any other listed extension is refused.</summary>
    public IReadOnlyCollection<string> SupportedCriticalParameters { get; init; } = [];

    /// <summary>Longest accepted compact token, in characters (default 16 KiB).</summary>
    public int MaxTokenLength { get; init; } = 16 * 1024;

    /// <summary>Longest accepted encoded protected header, in characters (default 2 KiB).</summary>
    public int MaxHeaderLength { get; init; } = 2 * 1024;

    /// <summary>Largest accepted payload, in bytes, attached or detached (default 1 MiB).</summary>
    public int MaxPayloadLength { get; init; } = 1024 * 1024;
}
