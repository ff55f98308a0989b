namespace A2AGen.Security;

/// <summary>Stable UPPER_SNAKE reason codes for <see cref="JweFailure"/>, for ErrorInfo reasons (e.g. <c>ENCRYPTION_</c> + code).</summary>
public static class JweFailureCodes
{
    /// <summary>The UPPER_SNAKE reason code (stable across versions).</summary>
    /// <param name="failure">The failure.</param>
    public static string ToReasonCode(this JweFailure failure) => failure switch
    {
        JweFailure.None => "NONE",
        JweFailure.Malformed => "MALFORMED",
        JweFailure.TooLarge => "TOO_LARGE",
        JweFailure.AlgorithmNotAllowed => "ALGORITHM_NOT_ALLOWED",
        JweFailure.EncryptionNotAllowed => "ENCRYPTION_NOT_ALLOWED",
        JweFailure.CompressionNotAllowed => "COMPRESSION_NOT_ALLOWED",
        JweFailure.UnknownCritical => "CRIT_UNSUPPORTED",
        JweFailure.WrongRecipient => "WRONG_RECIPIENT",
        JweFailure.InvalidEphemeralKey => "INVALID_EPHEMERAL_KEY",
        JweFailure.DecryptionFailed => "DECRYPTION_FAILED",
        _ => throw new ArgumentOutOfRangeException(nameof(failure)),
    };
}
