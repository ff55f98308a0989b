namespace A2AGen.Security;

/// <summary>
/// Finds the trusted public keys that may have made a signature. Keys always come from here, never from the token
/// (<c>jwk</c>, <c>x5c</c> and <c>jku</c> headers are not key sources).
/// </summary>
public interface IJwsKeyResolver
{
    /// <summary>
    /// The trusted keys with <paramref name="keyId"/>, limited to <paramref name="issuer"/>'s keys when it is given;
    /// without a <paramref name="keyId"/> (only when the verifier allows kid-less tokens), every key of
    /// <paramref name="issuer"/>. Empty when none. Implementations must be thread-safe and fast (this runs on every
    /// verification).
    /// </summary>
    /// <param name="issuer">The claimed signer (agent id), or null when the caller does not know it.</param>
    /// <param name="keyId">The <c>kid</c> from the protected header, or null.</param>
    IReadOnlyList<TrustedKey> ResolveKeys(string? issuer, string? keyId);
}
