using A2AGen.Security;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace A2AGen.Hosting;

/// <summary>
/// The keys of every agent in the host and the keys the host trusts. Each agent signs with its own key: from
/// <see cref="A2AAgentOptions.SigningKey"/>, else <see cref="A2AAgentOptions.KeysDirectory"/>, else
/// <c>&lt;keys&gt;/&lt;agent-id&gt;/</c>, else — for one agent only — the top of the key directory
/// (<c>signing.key.pem</c> or <c>A2AGEN_SIGNING_KEY</c>), else, in Development, a development key. The
/// <see cref="TrustStore"/> holds every hosted agent's published keys (so agents of one host trust each other) and the
/// peers of the shared trust folder and <c>A2AGEN_TRUSTED_KEYS</c>. Loaded once, when the host starts its agents (or
/// when code first reads it); a problem stops the start with a message naming the agent and the fix. Inject it to add trusted keys in code or to
/// sign outgoing requests as a hosted agent. Thread-safe.
/// </summary>
public sealed class A2AKeyRing : IDisposable
{
    private readonly IReadOnlyList<A2AAgentRegistration> _agents;
    private readonly IOptionsMonitor<A2AAgentOptions> _agentOptions;
    private readonly A2AKeyOptions _options;
    private readonly string _environmentName;
    private readonly bool _isDevelopment;
    private readonly Lazy<State> _state;

    internal A2AKeyRing(IEnumerable<A2AAgentRegistration> agents, IOptionsMonitor<A2AAgentOptions> agentOptions, IOptions<A2AKeyOptions> options, IHostEnvironment? environment)
    {
        _agents = agents.ToList();
        _agentOptions = agentOptions;
        _options = options.Value;
        _environmentName = environment?.EnvironmentName ?? Environments.Production;
        _isDevelopment = environment?.IsDevelopment() == true;
        _state = new Lazy<State>(Load, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>The keys this host trusts: its own agents' published keys and its peers'.</summary>
    public TrustStore TrustStore => _state.Value.Trust;

    /// <summary>The key directory in use (full path).</summary>
    public string KeysDirectory => _state.Value.Root;

    /// <summary>The key <paramref name="agentId"/> signs with, or null when it has none (<see cref="A2AAgentOptions.SignCard"/> off).</summary>
    /// <param name="agentId">A hosted agent's id.</param>
    /// <exception cref="InvalidOperationException">The agent is not registered in this host.</exception>
    public SigningKey? GetSigningKey(string agentId) => For(agentId).SigningKey;

    /// <summary>The public keys <paramref name="agentId"/> publishes in its JWKS (current first, then retired ones).</summary>
    /// <param name="agentId">A hosted agent's id.</param>
    public IReadOnlyList<VerificationKey> GetPublishedKeys(string agentId) => For(agentId).Published;

    /// <summary>The encryption key <paramref name="agentId"/> publishes (<c>use: "enc"</c>), or null when it has none.</summary>
    /// <param name="agentId">A hosted agent's id.</param>
    public JweEncryptionKey? GetEncryptionKey(string agentId) => For(agentId).DecryptionKeys is { Count: > 0 } keys ? keys[0].PublicKey : null;

    /// <summary>
    /// The payload encryption settings for an <see cref="A2AGen.Client.A2AClient"/> that <paramref name="agentId"/> uses to
    /// call other agents: its id as sender, its decryption keys for the answers, and this host's trust store for the
    /// recipients' encryption keys. Sign the same client's requests as the same agent (<see cref="CreateRequestSigner"/>).
    /// </summary>
    /// <param name="agentId">A hosted agent's id.</param>
    /// <exception cref="InvalidOperationException">The agent is unknown or has no encryption key.</exception>
    public A2AGen.Client.A2AClientEncryption CreateClientEncryption(string agentId)
    {
        var keys = For(agentId).DecryptionKeys;
        if (keys.Count == 0)
        {
            throw new InvalidOperationException($"A2A agent '{agentId}' has no encryption key ({KeyStore.EncryptionKeyFile} in its key folder, A2AAgentOptions.EncryptionKey, or a development key), so answers to it cannot be encrypted.");
        }

        return new A2AGen.Client.A2AClientEncryption { SenderId = agentId, DecryptionKeys = keys, Trust = TrustStore };
    }

    /// <summary>A signer for requests that <paramref name="agentId"/> sends to other agents (<c>iss</c> = its id).</summary>
    /// <param name="agentId">A hosted agent's id.</param>
    /// <param name="options">Lifetime and clock.</param>
    /// <exception cref="InvalidOperationException">The agent is unknown or has no signing key.</exception>
    public RequestSigner CreateRequestSigner(string agentId, RequestSigningOptions? options = null)
    {
        var key = For(agentId).SigningKey
            ?? throw new InvalidOperationException($"A2A agent '{agentId}' has no signing key (A2AAgentOptions.SignCard is off and no key is configured), so it cannot sign requests.");
        return new RequestSigner(key, agentId, options);
    }

    /// <summary>Re-reads the trust folder and <c>A2AGEN_TRUSTED_KEYS</c>: changed sets replace the old ones, removed peers stop being trusted.</summary>
    /// <exception cref="KeyStoreException">A file or the variable is invalid (nothing changes then).</exception>
    public void ReloadTrustedKeys()
    {
        var state = _state.Value;
        var peers = TrustedPeers.Read(state.TrustedFolder, NonEmpty(_options.GetEnvironmentVariable(KeyEnvironment.TrustedKeys)));
        lock (state)
        {
            foreach (var (agentId, (keys, source)) in peers)
            {
                var set = state.Agents.TryGetValue(agentId, out var own)
                    ? JsonWebKeySet.Create(
                        keys.Keys.Concat(own.Published.Where(p => !keys.Keys.Any(k => k.PublicKey.Equals(p))).Select(p => JsonWebKey.FromPublicKey(p))),
                        keys.EncryptionKeys.Concat(own.PublishedEncryption.Where(p => !keys.EncryptionKeys.Any(k => k.Thumbprint == p.Thumbprint))))
                    : keys;
                try
                {
                    state.Trust.Replace(agentId, set);
                }
                catch (InvalidOperationException e)
                {
                    throw new KeyStoreException($"{source}: {e.Message}", e);
                }
            }

            foreach (var agentId in state.Peers.Where(p => !peers.ContainsKey(p)).ToList())
            {
                if (state.Agents.TryGetValue(agentId, out var own))
                {
                    state.Trust.Replace(agentId, JsonWebKeySet.Create(own.Published.Select(p => JsonWebKey.FromPublicKey(p)), own.PublishedEncryption));
                }
                else
                {
                    state.Trust.RemoveAgent(agentId);
                }
            }

            state.Peers = [.. peers.Keys];
        }
    }

    /// <summary>Zeroes the private keys the ring loaded (keys passed in <see cref="A2AAgentOptions.SigningKey"/> stay the caller's).</summary>
    public void Dispose()
    {
        if (_state.IsValueCreated)
        {
            foreach (var store in _state.Value.Stores)
            {
                store.Dispose();
            }
        }
    }

    internal AgentKeys For(string agentId) =>
        _state.Value.Agents.TryGetValue(agentId, out var keys)
            ? keys
            : throw new InvalidOperationException($"No A2A agent '{agentId}' is registered in this host; call AddA2AAgent for it.");

    private State Load()
    {
        var env = _options.GetEnvironmentVariable;
        var configuredRoot = _options.KeysDirectory ?? NonEmpty(env(KeyEnvironment.KeysDirectory));
        var root = Path.GetFullPath(configuredRoot ?? KeyEnvironment.DefaultKeysDirectory);
        if (configuredRoot is not null && !Directory.Exists(root))
        {
            throw new InvalidOperationException(
                $"The A2A key directory '{root}' does not exist; create it or correct A2AKeyOptions.KeysDirectory / {KeyEnvironment.KeysDirectory}.");
        }

        var production = string.Equals(_environmentName, Environments.Production, StringComparison.OrdinalIgnoreCase);
        if (_options.AllowDevelopmentKeys == true && production)
        {
            throw new InvalidOperationException(
                "A2AKeyOptions.AllowDevelopmentKeys is set in the Production environment. Development keys are refused in Production: " +
                $"give each agent a real key ({Path.Combine(root, "<agent-id>", KeyStore.SigningKeyFile)}) and remove the setting.");
        }

        var allowDevelopment = _options.AllowDevelopmentKeys ?? _isDevelopment;
        var stores = new List<KeyStore>();
        var agents = new Dictionary<string, AgentKeys>(StringComparer.Ordinal);
        var rootUsers = new List<string>();
        try
        {
            foreach (var registration in _agents)
            {
                var agentOptions = _agentOptions.Get(registration.AgentId);
                var keys = LoadAgent(registration, agentOptions, root, allowDevelopment, stores, rootUsers);
                if (rootUsers.Count > 1)
                {
                    throw new InvalidOperationException(
                        $"A2A agents {string.Join(", ", rootUsers.Select(a => "'" + a + "'"))} would all sign with the key at the top of '{root}' ({KeyStore.SigningKeyFile} or {KeyEnvironment.SigningKey}). " +
                        $"Give each agent its own folder: {Path.Combine(root, "<agent-id>", KeyStore.SigningKeyFile)}.");
                }

                var clash = agents.Values.FirstOrDefault(a => a.SigningKey is not null && keys.SigningKey is not null && a.SigningKey.PublicKey.Equals(keys.SigningKey.PublicKey));
                if (clash is not null)
                {
                    throw new InvalidOperationException(
                        $"A2A agents '{clash.AgentId}' and '{keys.AgentId}' would sign with the same key ({clash.Source}, {keys.Source}); every agent needs its own key, e.g. {Path.Combine(root, keys.AgentId, KeyStore.SigningKeyFile)}.");
                }

                agents[registration.AgentId] = keys;
            }

            var trustedFolder = Path.GetFullPath(_options.TrustedKeysDirectory ?? Path.Combine(root, KeyStore.TrustedFolder));
            var trust = new TrustStore();
            foreach (var keys in agents.Values)
            {
                foreach (var publicKey in keys.Published)
                {
                    trust.Add(keys.AgentId, publicKey);
                }

                foreach (var encryptionKey in keys.PublishedEncryption)
                {
                    trust.AddEncryptionKey(keys.AgentId, encryptionKey);
                }
            }

            var peers = TrustedPeers.Read(trustedFolder, NonEmpty(env(KeyEnvironment.TrustedKeys)));
            foreach (var (agentId, (set, source)) in peers)
            {
                try
                {
                    trust.Add(agentId, set);
                }
                catch (InvalidOperationException e)
                {
                    throw new KeyStoreException($"{source}: {e.Message}", e);
                }
            }

            return new State(root, trustedFolder, trust, agents, stores) { Peers = [.. peers.Keys] };
        }
        catch (KeyStoreException e)
        {
            DisposeAll(stores);
            throw new InvalidOperationException("A2A keys: " + e.Message, e);
        }
        catch
        {
            DisposeAll(stores);
            throw;
        }
    }

    private AgentKeys LoadAgent(A2AAgentRegistration registration, A2AAgentOptions agentOptions, string root, bool allowDevelopment, List<KeyStore> stores, List<string> rootUsers)
    {
        var agentId = registration.AgentId;
        var prefix = $"A2A agent '{agentId}' ({registration.AgentType.Name}): ";
        if (agentOptions.SigningKey is { } key)
        {
            return new AgentKeys(agentId, key, [key.PublicKey], "code (A2AAgentOptions.SigningKey)")
            {
                DecryptionKeys = agentOptions.EncryptionKey is { } codeKey ? [codeKey] : [],
            };
        }

        string directory;
        if (agentOptions.KeysDirectory is { } configured)
        {
            directory = Path.GetFullPath(configured);
            if (!Directory.Exists(directory))
            {
                throw new InvalidOperationException(prefix + $"A2AAgentOptions.KeysDirectory '{directory}' does not exist; create it with the agent's {KeyStore.SigningKeyFile} or correct the option.");
            }
        }
        else
        {
            var own = Path.Combine(root, agentId);
            directory = Directory.Exists(own) ? own : root;
        }

        var usesRoot = string.Equals(directory, root, StringComparison.Ordinal) && agentOptions.KeysDirectory is null;
        var ownTrusted = Path.Combine(directory, KeyStore.TrustedFolder);
        if (!string.Equals(directory, root, StringComparison.Ordinal) && Directory.Exists(ownTrusted) && Directory.EnumerateFiles(ownTrusted, "*.jwks.json").Any())
        {
            throw new InvalidOperationException(prefix +
                $"'{ownTrusted}' would not be read: trust is shared by the whole host. Move its files to '{Path.Combine(root, KeyStore.TrustedFolder)}' (or A2AKeyOptions.TrustedKeysDirectory).");
        }

        var env = _options.GetEnvironmentVariable;
        KeyStore store;
        try
        {
            store = KeyStore.Load(new KeyStoreOptions
            {
                AgentId = agentId,

                // The default ./a2a-keys may be absent (a development host with no keys yet): the store then looks for
                // no files and falls back to a development key or reports the missing key, instead of a missing folder.
                KeysDirectory = Directory.Exists(directory) ? directory : null,
                KeyPassword = _options.KeyPassword,
                AllowDevelopmentKey = allowDevelopment,
                EnvironmentName = _environmentName,
                DevelopmentKeysDirectory = _options.DevelopmentKeysDirectory,
                RequireSigningKey = agentOptions.SignCard,

                // Trust is the host's (one trust store for all agents); the signing key from the environment belongs to
                // the agent that uses the top of the key directory.
                GetEnvironmentVariable = name => name == KeyEnvironment.TrustedKeys || (name == KeyEnvironment.SigningKey && !usesRoot) ? null : env(name),
            });
        }
        catch (KeyStoreException e)
        {
            // Where a missing key should go is a question of the folder layout only when the host has several agents.
            throw new InvalidOperationException(prefix + e.Message +
                (usesRoot && e.SigningKeyMissing && _agents.Count > 1 ? $" In a host with several agents, give each its own folder: {Path.Combine(root, agentId, KeyStore.SigningKeyFile)}." : "") +
                (e.SigningKeyMissing ? " An agent that does not sign its card can set A2AAgentOptions.SignCard = false." : ""), e);
        }

        stores.Add(store);
        if (usesRoot && store.SigningKeySource is SigningKeySource.KeyDirectory or SigningKeySource.EnvironmentVariable)
        {
            rootUsers.Add(agentId);
        }

        var source = store.SigningKeySource switch
        {
            SigningKeySource.EnvironmentVariable => $"environment variable {KeyEnvironment.SigningKey}",
            SigningKeySource.KeyDirectory => $"file {store.SigningKeyPath ?? directory}",
            SigningKeySource.Development => $"development key {store.SigningKeyPath ?? directory}",
            _ => "none (the card is not signed)",
        };
        return new AgentKeys(agentId, store.SigningKey, store.PublishedKeys, source)
        {
            DecryptionKeys = agentOptions.EncryptionKey is { } encryption ? [encryption, .. store.DecryptionKeys] : store.DecryptionKeys,
        };
    }

    private static void DisposeAll(List<KeyStore> stores)
    {
        foreach (var store in stores)
        {
            store.Dispose();
        }
    }

    private static string? NonEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private sealed class State(string root, string trustedFolder, TrustStore trust, Dictionary<string, AgentKeys> agents, List<KeyStore> stores)
    {
        public string Root { get; } = root;

        public string TrustedFolder { get; } = trustedFolder;

        public TrustStore Trust { get; } = trust;

        public Dictionary<string, AgentKeys> Agents { get; } = agents;

        public List<KeyStore> Stores { get; } = stores;

        public string[] Peers { get; set; } = [];
    }
}

/// <summary>
/// One hosted agent's keys: the signing key (null when it does not sign), the public keys it publishes, and where the
/// signing key came from, in words for the startup log ("file /srv/a2a-keys/echo-agent/signing.key.pem").
/// </summary>
internal sealed record AgentKeys(string AgentId, SigningKey? SigningKey, IReadOnlyList<VerificationKey> Published, string Source)
{
    /// <summary>The keys the agent decrypts with: the published encryption key first, then retired ones (empty: it has none).</summary>
    public IReadOnlyList<JweDecryptionKey> DecryptionKeys { get; init; } = [];

    /// <summary>The encryption key it publishes (<c>use: "enc"</c>), as a list of zero or one.</summary>
    public IReadOnlyList<JweEncryptionKey> PublishedEncryption => DecryptionKeys.Count > 0 ? [DecryptionKeys[0].PublicKey] : [];
}
