using System.Text;
using System.Text.Json;
using A2AGen.Security;

namespace A2AGen.Hosting;

/// <summary>
/// Reads the peers a host trusts: one public JWK Set per agent in the trust folder (<c>&lt;agent-id&gt;.jwks.json</c>)
/// and the <c>A2AGEN_TRUSTED_KEYS</c> environment variable (<c>{"&lt;agent-id&gt;": {"keys": […]}}</c>). Every problem
/// is a <see cref="KeyStoreException"/> naming the file or variable and what is wrong.
/// </summary>
internal static class TrustedPeers
{
    private const string Suffix = ".jwks.json";

    public static Dictionary<string, (JsonWebKeySet Keys, string Source)> Read(string folder, string? environmentJson)
    {
        var peers = new Dictionary<string, (JsonWebKeySet, string)>(StringComparer.Ordinal);
        if (Directory.Exists(folder))
        {
            foreach (var path in Directory.GetFiles(folder).Order(StringComparer.Ordinal))
            {
                var name = Path.GetFileName(path);
                if (name.StartsWith('.') || !name.EndsWith(Suffix, StringComparison.Ordinal))
                {
                    continue;
                }

                var agentId = name[..^Suffix.Length];
                if (AgentId.GetProblem(agentId) is { } problem)
                {
                    throw new KeyStoreException($"'{path}' is not named after a valid agent id: {Sentence(problem)} Rename it to <agent-id>{Suffix}.");
                }

                byte[] bytes;
                try
                {
                    bytes = File.ReadAllBytes(path);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    throw new KeyStoreException($"Cannot read '{path}': {e.Message} Check that this process may read it.", e);
                }

                try
                {
                    peers[agentId] = (JsonWebKeySet.Parse(bytes), $"'{path}'");
                }
                catch (FormatException e)
                {
                    throw new KeyStoreException($"'{path}' is not a valid public JWK Set: {Sentence(e.Message)} Replace it with the peer's public keys (a2agen keys show --as-jwks) or remove it.", e);
                }
            }
        }

        if (string.IsNullOrEmpty(environmentJson))
        {
            return peers;
        }

        IReadOnlyList<KeyValuePair<string, JsonWebKeySet>> fromEnvironment;
        try
        {
            fromEnvironment = KeyEnvironment.ParseTrustedKeys(environmentJson);
        }
        catch (FormatException e)
        {
            throw new KeyStoreException($"{KeyEnvironment.TrustedKeys} is invalid: {Sentence(e.Message)} Correct or unset it.", e);
        }

        foreach (var (agentId, set) in fromEnvironment)
        {
            if (!peers.TryAdd(agentId, (set, KeyEnvironment.TrustedKeys)))
            {
                throw new KeyStoreException($"{KeyEnvironment.TrustedKeys} is invalid: '{agentId}' is also trusted through the trust folder; keep one source per agent");
            }
        }

        return peers;
    }

    private static string Sentence(string text) => text.EndsWith('.') ? text : text + ".";
}
