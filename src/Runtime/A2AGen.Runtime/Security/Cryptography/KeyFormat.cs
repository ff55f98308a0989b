namespace A2AGen.Security;

/// <summary>
/// Encodings of keys for <see cref="SigningKey.Import"/>, <see cref="SigningKey.Export"/>, <see cref="VerificationKey.Import"/> and
/// <see cref="VerificationKey.Export"/>. Negative values hold secret material; positive values only public material
/// (the NSec convention).
/// </summary>
public enum KeyFormat
{
    /// <summary>No format.</summary>
    None = 0,

    /// <summary>The raw private key: the 32-byte seed for Ed25519 (RFC 8032), the 32-byte big-endian scalar <c>d</c> for P-256.</summary>
    RawPrivateKey = -2,

    /// <summary>PKCS#8 <c>PrivateKeyInfo</c>/<c>OneAsymmetricKey</c>, DER (RFC 5958, RFC 8410 for Ed25519).</summary>
    PkixPrivateKey = -202,

    /// <summary>PKCS#8 in PEM (<c>-----BEGIN PRIVATE KEY-----</c>), ASCII bytes. Import also reads SEC1 <c>EC PRIVATE KEY</c>.</summary>
    PkixPrivateKeyText = -203,

    /// <summary>The raw public key: 32 bytes for Ed25519, the 65-byte uncompressed point <c>04‖x‖y</c> for P-256.</summary>
    RawPublicKey = 1,

    /// <summary>X.509 <c>SubjectPublicKeyInfo</c>, DER (RFC 5280, RFC 8410 for Ed25519).</summary>
    PkixPublicKey = 201,

    /// <summary><c>SubjectPublicKeyInfo</c> in PEM (<c>-----BEGIN PUBLIC KEY-----</c>), ASCII bytes.</summary>
    PkixPublicKeyText = 202,
}
