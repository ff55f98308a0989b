namespace A2AGen.Security;

/// <summary>Where the signing key came from.</summary>
public enum SigningKeySource
{
    /// <summary>No signing key (the agent only verifies).</summary>
    None = 0,

    /// <summary>The <c>A2AGEN_SIGNING_KEY</c> environment variable.</summary>
    EnvironmentVariable = 1,

    /// <summary><c>signing.key.pem</c> in the key directory.</summary>
    KeyDirectory = 2,

    /// <summary>A development key generated outside the source tree (refused in Production).</summary>
    Development = 3,
}
