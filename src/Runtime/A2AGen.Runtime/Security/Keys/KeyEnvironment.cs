using System.Text;
using System.Text.Json;

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

    /// <summary>The default key directory, relative to the working directory.</summary>
    public const string DefaultKeysDirectory = "a2a-keys";

    /// <summary>
    /// Parses the value of <see cref="TrustedKeys"/>: a JSON object mapping agent ids to public JWK Sets. One parser for
    /// the key store, the hosting key ring and the CLI, so the variable means the same everywhere.
    /// </summary>
    /// <param name="json">The variable's value.</param>
    /// <returns>The peers in document order.</returns>
    /// <exception cref="FormatException">
    /// Not JSON, not an object, an invalid agent id, or a key set that is not a valid public JWK Set; the message says which.
    /// </exception>
    public static IReadOnlyList<KeyValuePair<string, JsonWebKeySet>> ParseTrustedKeys(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new FormatException("it must be a JSON object mapping agent ids to JWK Sets");
            }

            var peers = new List<KeyValuePair<string, JsonWebKeySet>>();
            foreach (var peer in document.RootElement.EnumerateObject())
            {
                if (AgentId.GetProblem(peer.Name) is { } problem)
                {
                    throw new FormatException(problem);
                }

                peers.Add(new(peer.Name, JsonWebKeySet.Parse(Encoding.UTF8.GetBytes(peer.Value.GetRawText()))));
            }

            return peers;
        }
        catch (JsonException e)
        {
            throw new FormatException(e.Message, e);
        }
    }
}
