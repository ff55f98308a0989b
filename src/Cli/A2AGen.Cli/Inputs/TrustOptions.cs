using System.CommandLine;
using System.Text;
using System.Text.Json;
using A2AGen.Cli.Infrastructure;
using A2AGen.Protocol;
using A2AGen.Security;

namespace A2AGen.Cli.Inputs;

/// <summary>
/// <c>--jwks</c>, <c>--trust</c> and <c>--agent-id</c>, shared by the verifying commands, and how they become a
/// <see cref="KeyTrust"/>. Without <c>--jwks</c> or <c>--trust</c>, the key directory's <c>trusted/</c> folder
/// (<c>A2AGEN_KEYS_DIR</c> or <c>./a2a-keys</c>) and <c>A2AGEN_TRUSTED_KEYS</c> are used — what an agent on this machine trusts.
/// </summary>
internal sealed class TrustOptions
{

    public Option<string?> Jwks { get; } = new("--jwks")
    {
        Description = "The signer's public keys: a URL (an agent's base URL gets /.well-known/jwks.json appended) or a file (JWK Set, JWK or PEM key).",
        HelpName = "url|file",
    };

    public Option<string?> Trust { get; } = new("--trust")
    {
        Description = "A trust folder of <agent-id>.jwks.json files (or a key directory whose trusted/ folder holds them).",
        HelpName = "dir",
    };

    public Option<string?> AgentId { get; } = new("--agent-id")
    {
        Description = "The agent the signature must belong to: limits the trust folder to its keys and names the owner of --jwks keys.",
        HelpName = "id",
    };

    public void AddTo(Command command)
    {
        command.Add(Jwks);
        command.Add(Trust);
        command.Add(AgentId);
    }

    public async Task<KeyTrust> LoadAsync(ParseResult parse, CommandContext context)
    {
        string? jwks = parse.GetValue(Jwks);
        string? trustDirectory = parse.GetValue(Trust);
        string? agentId = parse.GetValue(AgentId);
        if (agentId is not null && Security.AgentId.GetProblem(agentId) is { } problem)
        {
            throw CliException.Usage($"--agent-id: {problem}");
        }

        var store = new TrustStore();
        var sources = new List<string>();
        if (trustDirectory is not null)
        {
            sources.Add(LoadFolder(store, ResolveTrustFolder(trustDirectory), context.Console));
        }
        else if (jwks is null)
        {
            LoadDefaults(store, sources, context.Console);
        }

        IReadOnlyList<JsonWebKey> explicitKeys = [];
        string? explicitSource = null;
        if (jwks is not null)
        {
            (explicitKeys, explicitSource) = await LoadJwksAsync(jwks, context).ConfigureAwait(false);
        }

        return new KeyTrust(store, explicitKeys, explicitSource, agentId, sources);
    }

    private static async Task<(IReadOnlyList<JsonWebKey> Keys, string Source)> LoadJwksAsync(string location, CommandContext context)
    {
        if (HttpFetcher.TryParseUrl(location) is not { } url)
        {
            return (KeyFiles.LoadPublicKeys(context.Console, location, "JWK Set file"), location);
        }

        // An agent's base URL names its JWK Set at the well-known path, as the card's own URL does.
        if (!url.AbsolutePath.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
        {
            var builder = new UriBuilder(url) { Query = "", Fragment = "" };
            builder.Path = builder.Path.TrimEnd('/') + A2AProtocol.JwksPath;
            url = builder.Uri;
        }

        byte[] bytes = await context.Http.GetAsync(url, Sizes.JwkSet, "JWK Set", context.CancellationToken).ConfigureAwait(false);
        try
        {
            return (JsonWebKeySet.Parse(bytes).Keys, url.ToString());
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            throw new CliException("INVALID_JWKS", $"{url} did not answer with a public JWK Set: {ErrorReporter.OneLine(e.Message)}");
        }
    }

    private static string ResolveTrustFolder(string directory)
    {
        if (!Directory.Exists(directory))
        {
            throw new CliException("FILE_NOT_FOUND", $"the trust folder '{directory}' does not exist; give a folder of <agent-id>.jwks.json files.");
        }

        string nested = Path.Combine(directory, KeyStore.TrustedFolder);
        bool hasSets = Directory.EnumerateFiles(directory, "*" + TrustFolder.Suffix).Any();
        return !hasSets && Directory.Exists(nested) ? nested : directory;
    }

    private static void LoadDefaults(TrustStore store, List<string> sources, CliConsole console)
    {
        string keys = console.GetEnvironmentVariable(KeyEnvironment.KeysDirectory) is { Length: > 0 } configured ? configured : KeyEnvironment.DefaultKeysDirectory;
        string folder = Path.Combine(keys, KeyStore.TrustedFolder);
        if (Directory.Exists(folder))
        {
            sources.Add(LoadFolder(store, folder, console));
        }

        if (console.GetEnvironmentVariable(KeyEnvironment.TrustedKeys) is { Length: > 0 } json)
        {
            IReadOnlyList<KeyValuePair<string, JsonWebKeySet>> peers;
            try
            {
                peers = KeyEnvironment.ParseTrustedKeys(json);
            }
            catch (FormatException e)
            {
                throw new CliException("INVALID_TRUST", $"{KeyEnvironment.TrustedKeys} is invalid: {ErrorReporter.OneLine(e.Message)}");
            }

            foreach (var (agentId, set) in peers)
            {
                Add(store, agentId, set, KeyEnvironment.TrustedKeys);
            }

            sources.Add($"{KeyEnvironment.TrustedKeys} ({peers.Count} agents)");
        }
    }

    private static string LoadFolder(TrustStore store, string folder, CliConsole console)
    {
        IReadOnlyList<TrustedPeerFile> peers;
        try
        {
            peers = TrustFolder.Read(folder, path => InputFiles.Read(console, path, Sizes.JwkSet, "trusted key set"));
        }
        catch (KeyStoreException e)
        {
            throw new CliException("INVALID_TRUST", ErrorReporter.OneLine(e.Message));
        }

        foreach (var peer in peers)
        {
            Add(store, peer.AgentId, peer.Keys, $"'{peer.Path}'");
        }

        return $"trust folder {folder} ({peers.Count} agents)";
    }

    private static void Add(TrustStore store, string agentId, JsonWebKeySet set, string source)
    {
        try
        {
            store.Add(agentId, set);
        }
        catch (InvalidOperationException e)
        {
            throw new CliException("INVALID_TRUST", $"{source}: {e.Message}");
        }
    }
}
