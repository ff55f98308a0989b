using System.Globalization;

namespace A2AGen.Cli.Inputs;

/// <summary>The size limits on everything the tool reads, and how to say them.</summary>
internal static class Sizes
{
    /// <summary>Agent Cards (the client's limit too).</summary>
    public const int Card = 1024 * 1024;

    /// <summary>JWK Sets (the card verifier's <c>jku</c> limit).</summary>
    public const int JwkSet = 64 * 1024;

    /// <summary>PEM key files.</summary>
    public const int KeyFile = 64 * 1024;

    /// <summary>Compact JWS tokens (the verifier's default token limit).</summary>
    public const int Token = 16 * 1024;

    /// <summary>Passport metadata and state JSON.</summary>
    public const int Passport = 1024 * 1024;

    /// <summary>An artifact, message or task carrying provenance envelopes (more than a verifier's chain limit, so an oversized chain gets the verifier's reason).</summary>
    public const int Provenance = 16 * 1024 * 1024;

    /// <summary>A request body or detached payload given with <c>--body</c>.</summary>
    public const int Body = 16 * 1024 * 1024;

    public static string Describe(int bytes) => bytes >= 1024 * 1024
        ? (bytes / (1024 * 1024)).ToString(CultureInfo.InvariantCulture) + " MiB"
        : (bytes / 1024).ToString(CultureInfo.InvariantCulture) + " KiB";
}
