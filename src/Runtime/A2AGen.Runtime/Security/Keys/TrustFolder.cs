using System.Text.Json;

namespace A2AGen.Security;

/// <summary>A peer's public keys as read from the trust folder: the agent id its file is named after, the set, the file.</summary>
public readonly record struct TrustedPeerFile(string AgentId, JsonWebKeySet Keys, string Path);

/// <summary>
/// Reads the trust folder (<c>trusted/</c>): one public JWK Set per peer, named <c>&lt;agent-id&gt;.jwks.json</c>.
/// The one reader behind <see cref="KeyStore"/>, A2AGen.Hosting's key ring and the CLI, so all three trust the same
/// files and refuse the same ones with the same words.
/// </summary>
public static class TrustFolder
{
    /// <summary>The file name suffix after the agent id.</summary>
    public const string Suffix = ".jwks.json";

    /// <summary>
    /// Reads every <c>&lt;agent-id&gt;.jwks.json</c> in <paramref name="folder"/> in ordinal order; other files and
    /// dot-files are skipped and a missing folder holds no peers.
    /// </summary>
    /// <param name="folder">The trust folder.</param>
    /// <param name="readFile">Reads one file; the caller decides size limits and how an unreadable file is reported.</param>
    /// <exception cref="KeyStoreException">A file is not named after a valid agent id or is not a public JWK Set.</exception>
    public static IReadOnlyList<TrustedPeerFile> Read(string folder, Func<string, byte[]> readFile)
    {
        var peers = new List<TrustedPeerFile>();
        if (!Directory.Exists(folder))
        {
            return peers;
        }

        foreach (string path in Directory.GetFiles(folder).Order(StringComparer.Ordinal))
        {
            string name = System.IO.Path.GetFileName(path);
            if (name.StartsWith('.') || !name.EndsWith(Suffix, StringComparison.Ordinal))
            {
                continue;
            }

            string agentId = name[..^Suffix.Length];
            if (AgentId.GetProblem(agentId) is { } problem)
            {
                throw new KeyStoreException($"'{path}' is not named after a valid agent id: {Sentence(problem)} Rename it to <agent-id>{Suffix}.");
            }

            byte[] bytes = readFile(path);
            try
            {
                peers.Add(new TrustedPeerFile(agentId, JsonWebKeySet.Parse(bytes), path));
            }
            catch (Exception e) when (e is FormatException or JsonException)
            {
                throw new KeyStoreException($"'{path}' is not a valid public JWK Set: {Sentence(e.Message)} Replace it with the peer's public keys (a2agen keys show --as-jwks) or remove it.", e);
            }
        }

        return peers;
    }

    private static string Sentence(string text) => text.EndsWith('.') ? text : text + ".";
}
