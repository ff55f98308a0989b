using System.Text;
using System.Text.Json;
using A2AGen.Security;

namespace A2AGen.Hosting;

/// <summary>
/// Reads the peers a host trusts: one public JWK Set per agent in the trust folder (<see cref="TrustFolder"/>)
/// and the <c>A2AGEN_TRUSTED_KEYS</c> environment variable (<c>{"&lt;agent-id&gt;": {"keys": […]}}</c>). Every problem
/// is a <see cref="KeyStoreException"/> naming the file or variable and what is wrong.
/// </summary>
internal static class TrustedPeers
{
    public static Dictionary<string, (JsonWebKeySet Keys, string Source)> Read(string folder, string? environmentJson)
    {
        var peers = new Dictionary<string, (JsonWebKeySet, string)>(StringComparer.Ordinal);
        foreach (var peer in TrustFolder.Read(folder, ReadFile))
        {
            peers[peer.AgentId] = (peer.Keys, $"'{peer.Path}'");
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

    private static byte[] ReadFile(string path)
    {
        try
        {
            return File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new KeyStoreException($"Cannot read '{path}': {e.Message} Check that this process may read it.", e);
        }
    }

    private static string Sentence(string text) => text.EndsWith('.') ? text : text + ".";
}
