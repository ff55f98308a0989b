namespace A2AGen.Security;

/// <summary>The environment variables the key store reads (documented in docs/security.md).</summary>
public static class KeyEnvironment
{
    /// <summary>The key directory (default <c>./a2a-keys</c>).</summary>
    public const string KeysDirectory = "A2AGEN_KEYS_DIR";

    /// <summary>The password of an encrypted <c>signing.key.pem</c> or <see cref="SigningKey"/>.</summary>
    public const string KeyPassword = "A2AGEN_KEY_PASSWORD";

    /// <summary>The signing key itself, as PEM text (takes precedence over <c>signing.key.pem</c>).</summary>
    public const string SigningKey = "A2AGEN_SIGNING_KEY";

    /// <summary>Extra trusted peers: a JSON object mapping agent ids to public JWK Sets.</summary>
    public const string TrustedKeys = "A2AGEN_TRUSTED_KEYS";

    /// <summary>Where development keys are kept (default: the user's local application data, outside any source tree).</summary>
    public const string DevelopmentKeysDirectory = "A2AGEN_DEV_KEYS_DIR";

    /// <summary>The Ed25519 backend: <c>libsodium</c> or <c>openssl</c>.</summary>
    public const string Ed25519Backend = Ed25519SignatureAlgorithm.BackendVariable;

    /// <summary>The default key directory, relative to the working directory.</summary>
    public const string DefaultKeysDirectory = "a2a-keys";
}
