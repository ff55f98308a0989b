using A2AGen.Security;

namespace TravelDesk.Orchestrator;

/// <summary>
/// The orchestrator's own identity, agent id <see cref="AgentId"/>: its key from <c>&lt;keys&gt;/travel-desk/</c> when
/// that folder exists (<c>A2AGEN_KEYS_DIR</c> or <c>./a2a-keys</c>), else its development key (created once, outside
/// the source tree, like the agents' development keys).
/// </summary>
public static class CallerKey
{
    /// <summary>The orchestrator's agent id: the <c>iss</c> of its request signatures and its passports' <c>clientId</c>.</summary>
    public const string AgentId = "travel-desk";

    /// <summary>Loads the key; problems throw <see cref="KeyStoreException"/> with a one-line fix.</summary>
    public static KeyStore Load()
    {
        var keysRoot = Environment.GetEnvironmentVariable(KeyEnvironment.KeysDirectory) is { Length: > 0 } configured
            ? configured
            : KeyEnvironment.DefaultKeysDirectory;
        var own = Path.GetFullPath(Path.Combine(keysRoot, AgentId));
        if (Directory.Exists(own))
        {
            return KeyStore.Load(new KeyStoreOptions { AgentId = AgentId, KeysDirectory = own, RequireSigningKey = true, GetEnvironmentVariable = OwnKeyOnly });
        }

        // The development key lives in <dev-keys>/travel-desk/; the key store creates it there on first use. That
        // folder is also where it reads it from, so it is named as the key directory (which must exist).
        var developmentRoot = DevelopmentRoot();
        var developmentFolder = Path.GetFullPath(Path.Combine(developmentRoot, AgentId));
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(developmentFolder);
        }
        else
        {
            Directory.CreateDirectory(developmentFolder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        return KeyStore.Load(new KeyStoreOptions
        {
            AgentId = AgentId,
            KeysDirectory = developmentFolder,
            AllowDevelopmentKey = true,
            EnvironmentName = "Development",
            DevelopmentKeysDirectory = developmentRoot,
            GetEnvironmentVariable = OwnKeyOnly,
        });
    }

    /// <summary>Whether <paramref name="keys"/> holds the development key (not one from a key folder or the environment).</summary>
    /// <param name="keys">What <see cref="Load"/> returned.</param>
    public static bool IsDevelopmentKey(KeyStore keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        return keys.SigningKeySource == SigningKeySource.Development
            || string.Equals(keys.KeysDirectory, Path.GetFullPath(Path.Combine(DevelopmentRoot(), AgentId)), StringComparison.Ordinal);
    }

    // A2AGEN_DEV_KEYS_DIR, else where A2AGen.Hosting keeps development keys (docs/hosting.md, Keys).
    private static string DevelopmentRoot() =>
        Environment.GetEnvironmentVariable(KeyEnvironment.DevelopmentKeysDirectory) is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify), "a2agen", "dev-keys");

    // The signing key and trusted peers of the environment belong to an agent run from the same shell, not to the orchestrator.
    private static string? OwnKeyOnly(string name) =>
        name is KeyEnvironment.SigningKey or KeyEnvironment.TrustedKeys or KeyEnvironment.KeysDirectory ? null : Environment.GetEnvironmentVariable(name);
}
