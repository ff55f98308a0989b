namespace A2AGen.Security;

/// <summary>
/// The native library behind <see cref="SignatureAlgorithm.Ed25519"/>. Both give byte-identical signatures (Ed25519 is
/// deterministic); A2AGen refuses small-order and non-canonical public keys itself, whichever is used.
/// </summary>
public enum Ed25519Backend
{
    /// <summary>libsodium (<c>libsodium.so.23</c>), what NSec wraps; preferred when it loads.</summary>
    Libsodium = 1,

    /// <summary>OpenSSL 3 (<c>libcrypto.so.3</c>), which .NET on Linux already loads; the fallback.</summary>
    OpenSsl = 2,
}
