namespace A2AGen.Security;

/// <summary>Why a JWE was not decrypted. The reason text never contains secrets or exception text.</summary>
public enum JweFailure
{
    /// <summary>Nothing failed.</summary>
    None = 0,

    /// <summary>The JWE is not well-formed (segments, base64url, JSON members, sizes of IV, tag or wrapped key).</summary>
    Malformed,

    /// <summary>The JWE or its protected header exceeds the size limit.</summary>
    TooLarge,

    /// <summary><c>alg</c> is not <c>ECDH-ES+A256KW</c>.</summary>
    AlgorithmNotAllowed,

    /// <summary><c>enc</c> is not <c>A256GCM</c>.</summary>
    EncryptionNotAllowed,

    /// <summary>The header has <c>zip</c>: compressed payloads are refused (compression oracles).</summary>
    CompressionNotAllowed,

    /// <summary>The header has <c>crit</c>: no critical extension is understood.</summary>
    UnknownCritical,

    /// <summary>The <c>kid</c> is not the thumbprint of the decryption key: the JWE is for another recipient.</summary>
    WrongRecipient,

    /// <summary>The <c>epk</c> is missing, of another curve, not on the curve, or of small order (all-zero shared secret).</summary>
    InvalidEphemeralKey,

    /// <summary>The key unwrap or the AES-GCM tag check failed: the header, IV, ciphertext, tag or wrapped key was altered, or the key is wrong.</summary>
    DecryptionFailed,
}
