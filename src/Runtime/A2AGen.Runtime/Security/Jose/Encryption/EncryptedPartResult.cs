using A2AGen.Protocol;

namespace A2AGen.Security;

/// <summary>The outcome of <see cref="EncryptedParts.Decrypt"/>: the original part and the protected <c>iss</c>/<c>aud</c>, or why not.</summary>
public sealed class EncryptedPartResult
{
    private EncryptedPartResult(JweFailure failure, string reason, Part? part, string? issuer, string? audience)
    {
        Failure = failure;
        Reason = reason;
        Part = part;
        Issuer = issuer;
        Audience = audience;
    }

    /// <summary>True when the part was decrypted and read.</summary>
    public bool Succeeded => Failure == JweFailure.None;

    /// <summary>Why it failed, or <see cref="JweFailure.None"/>.</summary>
    public JweFailure Failure { get; }

    /// <summary>A short reason without secrets (empty on success).</summary>
    public string Reason { get; }

    /// <summary>The original part, on success.</summary>
    public Part? Part { get; }

    /// <summary>The protected <c>iss</c> (the sender's agent id), if present.</summary>
    public string? Issuer { get; }

    /// <summary>The protected <c>aud</c> (the recipient's agent id), if present.</summary>
    public string? Audience { get; }

    internal static EncryptedPartResult Success(Part part, string? issuer, string? audience) => new(JweFailure.None, string.Empty, part, issuer, audience);

    internal static EncryptedPartResult Fail(JweFailure failure, string reason) => new(failure, reason, null, null, null);
}
