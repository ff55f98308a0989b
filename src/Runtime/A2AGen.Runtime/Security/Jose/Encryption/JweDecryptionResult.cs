namespace A2AGen.Security;

/// <summary>The outcome of <see cref="Jwe.Decrypt"/>: the plaintext and the protected <c>iss</c>/<c>aud</c>, or why not.</summary>
public sealed class JweDecryptionResult
{
    private JweDecryptionResult(JweFailure failure, string reason, byte[]? plaintext, string? issuer, string? audience)
    {
        Failure = failure;
        Reason = reason;
        Plaintext = plaintext;
        Issuer = issuer;
        Audience = audience;
    }

    /// <summary>True when the JWE was decrypted and authenticated.</summary>
    public bool Succeeded => Failure == JweFailure.None;

    /// <summary>Why it failed, or <see cref="JweFailure.None"/>.</summary>
    public JweFailure Failure { get; }

    /// <summary>A short reason without secrets (empty on success).</summary>
    public string Reason { get; }

    /// <summary>The plaintext, on success.</summary>
    public byte[]? Plaintext { get; }

    /// <summary>The protected <c>iss</c> (the sender's agent id), if present.</summary>
    public string? Issuer { get; }

    /// <summary>The protected <c>aud</c> (the recipient's agent id), if present.</summary>
    public string? Audience { get; }

    internal static JweDecryptionResult Success(byte[] plaintext, string? issuer, string? audience) => new(JweFailure.None, string.Empty, plaintext, issuer, audience);

    internal static JweDecryptionResult Fail(JweFailure failure, string reason) => new(failure, reason, null, null, null);
}
