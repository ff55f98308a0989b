namespace A2AGen.Security;

/// <summary>The curve of a JWE recipient key (ECDH-ES key agreement).</summary>
public enum JweKeyType
{
    /// <summary>X25519 (RFC 7748; JWK <c>OKP</c>/<c>X25519</c>, RFC 8037).</summary>
    X25519 = 1,

    /// <summary>NIST P-256 (JWK <c>EC</c>/<c>P-256</c>).</summary>
    P256 = 2,
}
