using System.Security.Cryptography;
using A2AGen.Security;

namespace A2AGen.Provenance;

/// <summary>The digest spelling provenance uses: <c>sha-256:</c> and the unpadded base64url SHA-256 (43 characters).</summary>
public static class ProvenanceDigest
{
    /// <summary>The prefix naming the hash function.</summary>
    public const string Prefix = "sha-256:";

    private const int EncodedLength = 43;

    /// <summary>The digest of <paramref name="data"/> (usually RFC 8785 JSON).</summary>
    /// <param name="data">The bytes to hash.</param>
    public static string Compute(ReadOnlySpan<byte> data)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(data, hash);
        return Prefix + StrictBase64Url.Encode(hash);
    }

    /// <summary>Whether <paramref name="digest"/> is <c>sha-256:</c> and 43 canonical base64url characters.</summary>
    /// <param name="digest">A digest as written in a statement.</param>
    public static bool IsWellFormed(string? digest) =>
        digest is { Length: 8 + EncodedLength }
        && digest.StartsWith(Prefix, StringComparison.Ordinal)
        && StrictBase64Url.IsCanonical(digest.AsSpan(Prefix.Length));
}
