using A2AGen.Protocol;

namespace A2AGen.Security;

/// <summary>The outcome of <see cref="EncryptedParts.Decrypt"/>: the original parts and the protected <c>iss</c>/<c>aud</c>, or why not.</summary>
public sealed class EncryptedPartsResult
{
    private EncryptedPartsResult(JweFailure failure, string reason, IReadOnlyList<Part>? parts, string? issuer, string? audience)
    {
        Failure = failure;
        Reason = reason;
        Parts = parts;
        Issuer = issuer;
        Audience = audience;
    }

    /// <summary>True when the JWE was decrypted and its parts read.</summary>
    public bool Succeeded => Failure == JweFailure.None;

    /// <summary>Why it failed, or <see cref="JweFailure.None"/>.</summary>
    public JweFailure Failure { get; }

    /// <summary>A short reason without secrets (empty on success).</summary>
    public string Reason { get; }

    /// <summary>The original parts array (at least one part), on success.</summary>
    public IReadOnlyList<Part>? Parts { get; }

    /// <summary>The protected <c>iss</c> (the sender's agent id), if present.</summary>
    public string? Issuer { get; }

    /// <summary>The protected <c>aud</c> (the recipient's agent id), if present.</summary>
    public string? Audience { get; }

    internal static EncryptedPartsResult Success(IReadOnlyList<Part> parts, string? issuer, string? audience) => new(JweFailure.None, string.Empty, parts, issuer, audience);

    internal static EncryptedPartsResult Fail(JweFailure failure, string reason) => new(failure, reason, null, null, null);
}
