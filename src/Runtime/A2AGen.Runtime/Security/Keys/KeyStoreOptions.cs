namespace A2AGen.Security;

/// <summary>Where <see cref="KeyStore.Load"/> finds keys. Unset values come from the environment (<see cref="KeyEnvironment"/>).</summary>
public sealed record KeyStoreOptions
{
    /// <summary>This agent's id (used for self-trust and the development key's location).</summary>
    public required string AgentId { get; init; }

    /// <summary>The key directory; default <c>A2AGEN_KEYS_DIR</c>, else <c>./a2a-keys</c>.</summary>
    public string? KeysDirectory { get; init; }

    /// <summary>The private key password; default <c>A2AGEN_KEY_PASSWORD</c>.</summary>
    public string? KeyPassword { get; init; }

    /// <summary>Generate (once) and use a development key when none is configured. Refused in Production.</summary>
    public bool AllowDevelopmentKey { get; init; }

    /// <summary>The hosting environment name; default <c>DOTNET_ENVIRONMENT</c>, then <c>ASPNETCORE_ENVIRONMENT</c>, else <c>Production</c>.</summary>
    public string? EnvironmentName { get; init; }

    /// <summary>Where development keys live; default <c>A2AGEN_DEV_KEYS_DIR</c>, else the user's local application data.</summary>
    public string? DevelopmentKeysDirectory { get; init; }

    /// <summary>The algorithm of a generated key (development key, <see cref="KeyStore.RotateSigningKey"/>); default Ed25519.</summary>
    public SigningAlgorithm? KeyAlgorithm { get; init; }

    /// <summary>Whether a missing signing key is an error (default true); false lets an agent that only verifies start.</summary>
    public bool RequireSigningKey { get; init; } = true;

    /// <summary>Reads an environment variable (tests replace it); default <see cref="Environment.GetEnvironmentVariable(string)"/>.</summary>
    public Func<string, string?> GetEnvironmentVariable { get; init; } = Environment.GetEnvironmentVariable;
}
