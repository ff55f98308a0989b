using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace A2AGen.Security;

/// <summary>
/// An agent's keys (DESIGN §7): its signing key from <c>A2AGEN_SIGNING_KEY</c>, the key directory
/// (<c>signing.key.pem</c>, optionally encrypted with <c>A2AGEN_KEY_PASSWORD</c>) or, in development only, a key
/// generated outside the source tree; the public keys it publishes (current and retired); and a
/// <see cref="TrustStore"/> with its own keys and its peers' (<c>trusted/&lt;agent-id&gt;.jwks.json</c>,
/// <c>A2AGEN_TRUSTED_KEYS</c>). Startup problems throw <see cref="KeyStoreException"/> with a one-line fix.
/// </summary>
public sealed class KeyStore : IDisposable
{
    /// <summary>The signing key's file name in the key directory.</summary>
    public const string SigningKeyFile = "signing.key.pem";

    /// <summary>The signing key's public key file (SPKI PEM).</summary>
    public const string SigningPublicKeyFile = "signing.pub.pem";

    /// <summary>The folder of previous signing keys' public keys (<c>*.pub.pem</c>), still published and trusted until deleted.</summary>
    public const string RetiredFolder = "retired";

    /// <summary>The folder of peers' public keys, one <c>&lt;agent-id&gt;.jwks.json</c> per peer.</summary>
    public const string TrustedFolder = "trusted";

    /// <summary>The encryption (JWE decryption) key's file: a private JWK (X25519 or P-256, with <c>d</c>), owner-only.</summary>
    public const string EncryptionKeyFile = "encryption.key.jwk";

    /// <summary>The suffix of previous encryption keys in <see cref="RetiredFolder"/>: kept to decrypt what was sent to them, no longer published.</summary>
    public const string RetiredEncryptionKeySuffix = ".enc.jwk";

    private readonly List<JweDecryptionKey> _decryptionKeys = [];

    private readonly Lock _gate = new();
    private readonly List<(SigningKey? Private, VerificationKey Public)> _ring = [];
    private readonly HashSet<string> _peersFromEnvironment = new(StringComparer.Ordinal);

    private KeyStore(string agentId, string keysDirectory)
    {
        AgentId = agentId;
        KeysDirectory = keysDirectory;
    }

    /// <summary>This agent's id.</summary>
    public string AgentId { get; }

    /// <summary>The key directory (full path; it need not exist).</summary>
    public string KeysDirectory { get; }

    /// <summary>Where the signing key came from.</summary>
    public SigningKeySource SigningKeySource { get; private set; }

    /// <summary>The signing key's file, when it came from a file.</summary>
    public string? SigningKeyPath { get; private set; }

    /// <summary>The key that signs: the newest key with a private half.</summary>
    public SigningKey? SigningKey
    {
        get
        {
            lock (_gate)
            {
                return _ring.LastOrDefault(entry => entry.Private is not null).Private;
            }
        }
    }

    /// <summary>Every key this agent publishes (newest first): the signing key and the retired ones still accepted.</summary>
    public IReadOnlyList<VerificationKey> PublishedKeys
    {
        get
        {
            lock (_gate)
            {
                return _ring.Select(entry => entry.Public).Reverse().ToList();
            }
        }
    }

    /// <summary>The encryption key this agent publishes (<c>use: "enc"</c>), or null when it has none.</summary>
    public JweDecryptionKey? EncryptionKey
    {
        get
        {
            lock (_gate)
            {
                return _decryptionKeys.Count > 0 ? _decryptionKeys[0] : null;
            }
        }
    }

    /// <summary>Every key this agent decrypts with: the published encryption key first, then retired ones (JWEs name theirs by <c>kid</c>).</summary>
    public IReadOnlyList<JweDecryptionKey> DecryptionKeys
    {
        get
        {
            lock (_gate)
            {
                return _decryptionKeys.ToList();
            }
        }
    }

    /// <summary>Where the encryption key came from, when it came from a file.</summary>
    public string? EncryptionKeyPath { get; private set; }

    /// <summary>Trusted keys: this agent's own published keys and its peers'.</summary>
    public TrustStore TrustStore { get; } = new();

    /// <summary>Loads keys as <paramref name="options"/> and the environment say.</summary>
    /// <param name="options">Agent id, directory, password, development mode.</param>
    /// <exception cref="KeyStoreException">Missing, unreadable or invalid keys, a wrong password, or a development key in Production.</exception>
    public static KeyStore Load(KeyStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (Security.AgentId.GetProblem(options.AgentId) is { } idProblem)
        {
            throw new KeyStoreException(idProblem);
        }

        var env = options.GetEnvironmentVariable;
        string? configuredDirectory = options.KeysDirectory ?? NonEmpty(env(KeyEnvironment.KeysDirectory));
        string directory = Path.GetFullPath(configuredDirectory ?? KeyEnvironment.DefaultKeysDirectory);
        if (configuredDirectory is not null && !Directory.Exists(directory))
        {
            throw new KeyStoreException($"The key directory '{directory}' does not exist; create it or correct {KeyEnvironment.KeysDirectory}.");
        }

        var store = new KeyStore(options.AgentId, directory);
        try
        {
            store.LoadSigningKey(options, env);
            store.LoadEncryptionKeys(options, env);
            store.LoadRetiredKeys();
            store.TrustOwnKeys();
            store.LoadTrustedKeys(env);
            return store;
        }
        catch
        {
            store.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Rotates the signing key in a key directory: the current key's public half moves to <c>retired/</c> (still
    /// published and trusted until deleted) and a new <c>signing.key.pem</c> (encrypted when a password is set) and
    /// <c>signing.pub.pem</c> are written. With no current key, this creates the first one.
    /// </summary>
    /// <param name="options">Directory, password and key algorithm.</param>
    /// <returns>The new public key.</returns>
    public static VerificationKey RotateSigningKey(KeyStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var env = options.GetEnvironmentVariable;
        string directory = Path.GetFullPath(options.KeysDirectory ?? NonEmpty(env(KeyEnvironment.KeysDirectory)) ?? KeyEnvironment.DefaultKeysDirectory);
        string? password = options.KeyPassword ?? NonEmpty(env(KeyEnvironment.KeyPassword));
        CreatePrivateDirectory(directory);
        string keyPath = Path.Combine(directory, SigningKeyFile);
        if (File.Exists(keyPath))
        {
            using var current = ReadPrivateKey(keyPath, password, KeyEnvironment.KeyPassword);
            string retired = Path.Combine(directory, RetiredFolder);
            Directory.CreateDirectory(retired);
            File.WriteAllText(Path.Combine(retired, current.PublicKey.Thumbprint + ".pub.pem"), current.PublicKey.ExportPem());
        }

        using var key = SigningKey.Create(options.KeyAlgorithm ?? SigningAlgorithm.Ed25519, new SigningKeyOptions { ExportPolicy = SigningKeyExportPolicies.AllowPlaintextArchiving });
        WriteSecretFile(keyPath, key.ExportPem(password));
        File.WriteAllText(Path.Combine(directory, SigningPublicKeyFile), key.PublicKey.ExportPem());
        return key.PublicKey;
    }

    /// <summary>
    /// Rotates the encryption key in a key directory: the current <c>encryption.key.jwk</c> moves to
    /// <c>retired/&lt;kid&gt;.enc.jwk</c> (still decrypting what was sent to it, no longer published) and a new one is
    /// written (owner-only). With no current key, this creates the first one.
    /// </summary>
    /// <param name="options">The directory.</param>
    /// <param name="keyType">The new key's curve.</param>
    /// <returns>The new public key.</returns>
    public static JweEncryptionKey RotateEncryptionKey(KeyStoreOptions options, JweKeyType keyType = JweKeyType.X25519)
    {
        ArgumentNullException.ThrowIfNull(options);
        var env = options.GetEnvironmentVariable;
        string directory = Path.GetFullPath(options.KeysDirectory ?? NonEmpty(env(KeyEnvironment.KeysDirectory)) ?? KeyEnvironment.DefaultKeysDirectory);
        CreatePrivateDirectory(directory);
        string keyPath = Path.Combine(directory, EncryptionKeyFile);
        if (File.Exists(keyPath))
        {
            using var current = ReadEncryptionKey(keyPath);
            string retired = Path.Combine(directory, RetiredFolder);
            CreatePrivateDirectory(retired);
            File.Move(keyPath, Path.Combine(retired, current.PublicKey.Thumbprint + RetiredEncryptionKeySuffix), overwrite: true);
        }

        using var key = JweDecryptionKey.Generate(keyType, allowExport: true);
        WriteSecretFile(keyPath, key.ExportPrivateJwk());
        return key.PublicKey;
    }

    /// <summary>Makes <paramref name="key"/> the published encryption key (in memory); the previous ones still decrypt.</summary>
    /// <param name="key">The new key; the store disposes it.</param>
    public void AddEncryptionKey(JweDecryptionKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        lock (_gate)
        {
            _decryptionKeys.Insert(0, key);
        }

        TrustStore.AddEncryptionKey(AgentId, key.PublicKey);
    }

    /// <summary>Makes <paramref name="key"/> the signing key (in memory); the previous keys stay published and trusted.</summary>
    /// <param name="key">The new key; the store disposes it.</param>
    public void AddSigningKey(SigningKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        lock (_gate)
        {
            _ring.Add((key, key.PublicKey));
        }

        TrustStore.Add(AgentId, key.PublicKey);
    }

    /// <summary>Stops publishing and trusting one of this agent's keys (not the current signing key).</summary>
    /// <param name="keyId">The key's thumbprint.</param>
    public bool RetireKey(string keyId)
    {
        lock (_gate)
        {
            int index = _ring.FindIndex(entry => entry.Public.Thumbprint == keyId);
            if (index < 0)
            {
                return false;
            }

            var entry = _ring[index];
            if (ReferenceEquals(entry.Private, SigningKeyUnlocked()))
            {
                throw new InvalidOperationException("The current signing key cannot be retired; add its successor first.");
            }

            _ring.RemoveAt(index);
            entry.Private?.Dispose();
        }

        TrustStore.Remove(AgentId, keyId);
        return true;
    }

    /// <summary>The public JWK Set to serve at <c>/.well-known/jwks.json</c> (public keys only).</summary>
    public JsonWebKeySet GetJsonWebKeySet() =>
        JsonWebKeySet.Create(PublishedKeys.Select(k => JsonWebKey.FromPublicKey(k)), EncryptionKey is { } key ? [key.PublicKey] : []);

    /// <summary>Re-reads <c>trusted/</c>: changed sets replace the old ones and deleted files stop being trusted.</summary>
    /// <exception cref="KeyStoreException">A file is unreadable or invalid (nothing changes then).</exception>
    public void ReloadTrustedKeys()
    {
        var sets = ReadTrustedDirectory();
        foreach (var (agentId, set) in sets)
        {
            TrustStore.Replace(agentId, agentId == AgentId ? Merge(set, PublishedKeys, EncryptionKey?.PublicKey) : set);
        }

        foreach (string agentId in TrustStore.AgentIds.ToList())
        {
            if (agentId != AgentId && !sets.ContainsKey(agentId) && !_peersFromEnvironment.Contains(agentId))
            {
                TrustStore.RemoveAgent(agentId);
            }
        }
    }

    /// <summary>Zeroes every private key.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            foreach (var entry in _ring)
            {
                entry.Private?.Dispose();
            }

            foreach (var key in _decryptionKeys)
            {
                key.Dispose();
            }
        }
    }

    internal static string DefaultDevelopmentDirectory()
    {
        string root = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify);
        return string.IsNullOrEmpty(root)
            ? Path.Combine(Path.GetTempPath(), $"a2agen-dev-keys-{Environment.UserName}")
            : Path.Combine(root, "a2agen", "dev-keys");
    }

    private SigningKey? SigningKeyUnlocked() => _ring.LastOrDefault(entry => entry.Private is not null).Private;

    private void LoadSigningKey(KeyStoreOptions options, Func<string, string?> env)
    {
        string? password = options.KeyPassword ?? NonEmpty(env(KeyEnvironment.KeyPassword));
        string? fromEnvironment = NonEmpty(env(KeyEnvironment.SigningKey));
        string keyPath = Path.Combine(KeysDirectory, SigningKeyFile);
        SigningKey? key;
        if (fromEnvironment is not null)
        {
            key = ImportPrivateKey(fromEnvironment.ToCharArray(), password, $"the {KeyEnvironment.SigningKey} environment variable", KeyEnvironment.KeyPassword);
            SigningKeySource = SigningKeySource.EnvironmentVariable;
        }
        else if (File.Exists(keyPath))
        {
            key = ReadPrivateKey(keyPath, password, KeyEnvironment.KeyPassword);
            SigningKeySource = SigningKeySource.KeyDirectory;
            SigningKeyPath = keyPath;
            CheckPublicKeyFile(key);
        }
        else if (options.AllowDevelopmentKey)
        {
            key = LoadDevelopmentKey(options, env);
            SigningKeySource = SigningKeySource.Development;
        }
        else if (options.RequireSigningKey)
        {
            throw new KeyStoreException(
                $"No signing key for agent '{AgentId}': create one with 'openssl genpkey -algorithm ed25519 -out {keyPath}', or set {KeyEnvironment.SigningKey}, or enable development keys outside Production.")
            {
                SigningKeyMissing = true,
            };
        }
        else
        {
            return;
        }

        _ring.Add((key, key.PublicKey));
    }

    private SigningKey LoadDevelopmentKey(KeyStoreOptions options, Func<string, string?> env)
    {
        string environment = options.EnvironmentName ?? NonEmpty(env("DOTNET_ENVIRONMENT")) ?? NonEmpty(env("ASPNETCORE_ENVIRONMENT")) ?? "Production";
        if (string.Equals(environment, "Production", StringComparison.OrdinalIgnoreCase))
        {
            throw new KeyStoreException(
                $"Development signing keys are refused in Production: put the agent's key at '{Path.Combine(KeysDirectory, SigningKeyFile)}' (openssl genpkey -algorithm ed25519) or set {KeyEnvironment.SigningKey}, or run with DOTNET_ENVIRONMENT=Development.");
        }

        string root = options.DevelopmentKeysDirectory ?? NonEmpty(env(KeyEnvironment.DevelopmentKeysDirectory)) ?? DefaultDevelopmentDirectory();
        string directory = Path.GetFullPath(Path.Combine(root, AgentId));
        string path = Path.Combine(directory, SigningKeyFile);
        SigningKeyPath = path;
        if (!File.Exists(path))
        {
            CreatePrivateDirectory(directory);
            using var created = SigningKey.Create(options.KeyAlgorithm ?? SigningAlgorithm.Ed25519, new SigningKeyOptions { ExportPolicy = SigningKeyExportPolicies.AllowPlaintextArchiving });
            try
            {
                WriteSecretFile(path, created.ExportPem(), createNew: true);
            }
            catch (IOException) when (File.Exists(path))
            {
                // Another process created it first; use theirs.
            }
        }

        return ReadPrivateKey(path, password: null, passwordVariable: null);
    }

    // The encryption key: encryption.key.jwk in the key directory, else (development only) one generated once beside the
    // development signing key; then the retired ones, which still decrypt. None is not an error: an agent without one
    // publishes no "enc" key, and hosting refuses to start when a skill requires encryption.
    private void LoadEncryptionKeys(KeyStoreOptions options, Func<string, string?> env)
    {
        string keyPath = Path.Combine(KeysDirectory, EncryptionKeyFile);
        if (File.Exists(keyPath))
        {
            _decryptionKeys.Add(ReadEncryptionKey(keyPath));
            EncryptionKeyPath = keyPath;
        }
        else if (options.AllowDevelopmentKey && !IsProduction(options, env))
        {
            string root = options.DevelopmentKeysDirectory ?? NonEmpty(env(KeyEnvironment.DevelopmentKeysDirectory)) ?? DefaultDevelopmentDirectory();
            string directory = Path.GetFullPath(Path.Combine(root, AgentId));
            string path = Path.Combine(directory, EncryptionKeyFile);
            if (!File.Exists(path))
            {
                CreatePrivateDirectory(directory);
                using var created = JweDecryptionKey.Generate(JweKeyType.X25519, allowExport: true);
                try
                {
                    WriteSecretFile(path, created.ExportPrivateJwk(), createNew: true);
                }
                catch (IOException) when (File.Exists(path))
                {
                    // Another process created it first; use theirs.
                }
            }

            _decryptionKeys.Add(ReadEncryptionKey(path));
            EncryptionKeyPath = path;
        }

        string retired = Path.Combine(KeysDirectory, RetiredFolder);
        if (Directory.Exists(retired))
        {
            foreach (string path in Directory.GetFiles(retired, "*" + RetiredEncryptionKeySuffix).OrderByDescending(File.GetLastWriteTimeUtc).ThenBy(p => p, StringComparer.Ordinal))
            {
                var key = ReadEncryptionKey(path);
                if (_decryptionKeys.Any(k => k.PublicKey.Thumbprint == key.PublicKey.Thumbprint))
                {
                    key.Dispose();
                }
                else
                {
                    _decryptionKeys.Add(key);
                }
            }
        }
    }

    private static bool IsProduction(KeyStoreOptions options, Func<string, string?> env) =>
        string.Equals(options.EnvironmentName ?? NonEmpty(env("DOTNET_ENVIRONMENT")) ?? NonEmpty(env("ASPNETCORE_ENVIRONMENT")) ?? "Production", "Production", StringComparison.OrdinalIgnoreCase);

    private static JweDecryptionKey ReadEncryptionKey(string path)
    {
        var bytes = ReadFile(path);
        try
        {
            return JweDecryptionKey.ImportPrivateJwk(bytes, allowExport: true);
        }
        catch (FormatException e)
        {
            throw new KeyStoreException($"'{path}' is not a usable encryption key (a private X25519 or P-256 JWK): {e.Message}", e);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
        }
    }

    private void CheckPublicKeyFile(SigningKey key)
    {
        string path = Path.Combine(KeysDirectory, SigningPublicKeyFile);
        if (!File.Exists(path))
        {
            return;
        }

        var publicKey = ReadPublicKey(path);
        if (!publicKey.Equals(key.PublicKey))
        {
            throw new KeyStoreException(
                $"'{path}' does not belong to '{SigningKeyPath}': regenerate it with 'openssl pkey -in {SigningKeyFile} -pubout -out {SigningPublicKeyFile}' or delete it.");
        }
    }

    private void LoadRetiredKeys()
    {
        string folder = Path.Combine(KeysDirectory, RetiredFolder);
        if (!Directory.Exists(folder))
        {
            return;
        }

        // The ring runs oldest to newest, the signing key last; retired keys go before it, oldest first.
        int position = 0;
        foreach (string path in Directory.GetFiles(folder, "*.pub.pem").OrderBy(File.GetLastWriteTimeUtc).ThenBy(p => p, StringComparer.Ordinal))
        {
            var publicKey = ReadPublicKey(path);
            if (!_ring.Any(entry => entry.Public.Equals(publicKey)))
            {
                _ring.Insert(position++, (null, publicKey));
            }
        }
    }

    private void TrustOwnKeys()
    {
        foreach (var entry in _ring)
        {
            TrustStore.Add(AgentId, entry.Public);
        }

        if (_decryptionKeys.Count > 0)
        {
            TrustStore.AddEncryptionKey(AgentId, _decryptionKeys[0].PublicKey);
        }
    }

    private void LoadTrustedKeys(Func<string, string?> env)
    {
        foreach (var (agentId, set) in ReadTrustedDirectory())
        {
            AddTrusted(agentId, set, $"'{Path.Combine(KeysDirectory, TrustedFolder, agentId + TrustFolder.Suffix)}'");
        }

        if (NonEmpty(env(KeyEnvironment.TrustedKeys)) is not { } json)
        {
            return;
        }

        IReadOnlyList<KeyValuePair<string, JsonWebKeySet>> peers;
        try
        {
            peers = KeyEnvironment.ParseTrustedKeys(json);
        }
        catch (FormatException e)
        {
            throw new KeyStoreException($"{KeyEnvironment.TrustedKeys} is invalid: {e.Message}", e);
        }

        foreach (var (agentId, set) in peers)
        {
            AddTrusted(agentId, set, KeyEnvironment.TrustedKeys);
            _peersFromEnvironment.Add(agentId);
        }
    }

    private void AddTrusted(string agentId, JsonWebKeySet set, string source)
    {
        try
        {
            TrustStore.Add(agentId, set);
        }
        catch (InvalidOperationException e)
        {
            throw new KeyStoreException($"{source}: {e.Message}", e);
        }
    }

    private Dictionary<string, JsonWebKeySet> ReadTrustedDirectory() =>
        TrustFolder.Read(Path.Combine(KeysDirectory, TrustedFolder), ReadFile).ToDictionary(p => p.AgentId, p => p.Keys, StringComparer.Ordinal);

    private static JsonWebKeySet Merge(JsonWebKeySet set, IReadOnlyList<VerificationKey> own, JweEncryptionKey? ownEncryption) =>
        JsonWebKeySet.Create(
            set.Keys.Concat(own.Where(k => !set.Keys.Any(j => j.PublicKey.Equals(k))).Select(k => JsonWebKey.FromPublicKey(k))),
            ownEncryption is null || set.EncryptionKeys.Any(k => k.Thumbprint == ownEncryption.Thumbprint) ? set.EncryptionKeys : [.. set.EncryptionKeys, ownEncryption]);

    private static SigningKey ReadPrivateKey(string path, string? password, string? passwordVariable)
    {
        var bytes = ReadFile(path);
        var chars = new char[bytes.Length];
        try
        {
            int count = Encoding.UTF8.GetChars(bytes, chars);
            return ImportPrivateKey(chars.AsMemory(0, count), password, $"'{path}'", passwordVariable);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
            Array.Clear(chars);
        }
    }

    private static SigningKey ImportPrivateKey(ReadOnlyMemory<char> pem, string? password, string source, string? passwordVariable)
    {
        try
        {
            return SigningKey.ImportPem(pem.Span, password, algorithm: null, new SigningKeyOptions { ExportPolicy = SigningKeyExportPolicies.AllowPlaintextArchiving });
        }
        catch (CryptographicException) when (string.IsNullOrEmpty(password))
        {
            throw new KeyStoreException(passwordVariable is null
                ? $"{source} is encrypted; development keys must not be."
                : $"{source} is encrypted: set {passwordVariable} to its password.");
        }
        catch (CryptographicException)
        {
            throw new KeyStoreException($"{source} could not be decrypted: {passwordVariable} is wrong (or the key is damaged).");
        }
        catch (FormatException e)
        {
            throw new KeyStoreException($"{source} is not a usable private key: {e.Message}", e);
        }
        catch (PlatformNotSupportedException e)
        {
            throw new KeyStoreException($"{source} cannot be used here: {e.Message}", e);
        }
    }

    private static VerificationKey ReadPublicKey(string path)
    {
        try
        {
            return VerificationKey.ImportPem(Encoding.UTF8.GetString(ReadFile(path)));
        }
        catch (FormatException e)
        {
            throw new KeyStoreException($"'{path}' is not a usable public key: {e.Message}", e);
        }
    }

    private static byte[] ReadFile(string path)
    {
        try
        {
            return File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new KeyStoreException($"Cannot read '{path}': {e.Message} Check that it exists and this process may read it.", e);
        }
    }

    private static void CreatePrivateDirectory(string directory)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(directory);
        }
        else
        {
            Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    // Owner-only file, written through a temporary file so a crash never leaves half a key.
    private static void WriteSecretFile(string path, string contents, bool createNew = false)
    {
        string temporary = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        try
        {
            using (var stream = new FileStream(temporary, options))
            {
                stream.Write(Encoding.ASCII.GetBytes(contents));
            }

            if (createNew)
            {
                File.Move(temporary, path, overwrite: false);
            }
            else
            {
                File.Move(temporary, path, overwrite: true);
            }
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }

    private static string? NonEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
