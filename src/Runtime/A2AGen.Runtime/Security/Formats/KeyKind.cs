namespace A2AGen.Security;

/// <summary>The key types A2AGen reads from PKCS#8, SEC1, SPKI and JWK.</summary>
internal enum KeyKind
{
    /// <summary>Ed25519 (OID 1.3.101.112, JWK OKP/Ed25519).</summary>
    Ed25519,

    /// <summary>ECDSA on P-256 (id-ecPublicKey with prime256v1, JWK EC/P-256).</summary>
    EcP256,
}
