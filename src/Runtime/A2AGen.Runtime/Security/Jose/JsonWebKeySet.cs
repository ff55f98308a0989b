using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Json;

namespace A2AGen.Security;

/// <summary>
/// A public JWK Set (RFC 7517 §5). Parsing is strict, following the Wycheproof JWK cases: any private member
/// (<c>d</c>, <c>k</c>, …), a duplicate <c>kid</c>, or an unsupported or inconsistent key rejects the whole set.
/// Signing keys (<c>use: "sig"</c> or no <c>use</c>) are in <see cref="Keys"/>; encryption keys (<c>use: "enc"</c>, X25519
/// or P-256 for JWE) in <see cref="EncryptionKeys"/>, kept apart so that neither can be used as the other.
/// </summary>
public sealed class JsonWebKeySet
{
    /// <summary>At most this many keys are read from one set.</summary>
    public const int MaxKeys = 64;

    private JsonWebKeySet(IReadOnlyList<JsonWebKey> keys, IReadOnlyList<JweEncryptionKey>? encryptionKeys = null)
    {
        Keys = keys;
        EncryptionKeys = encryptionKeys ?? [];
    }

    /// <summary>The signing (verification) keys, in order.</summary>
    public IReadOnlyList<JsonWebKey> Keys { get; }

    /// <summary>The encryption keys (<c>use: "enc"</c>), in order; their <c>kid</c> is their RFC 7638 thumbprint.</summary>
    public IReadOnlyList<JweEncryptionKey> EncryptionKeys { get; }

    /// <summary>A set of signing keys and encryption keys (published after the signing keys).</summary>
    /// <param name="keys">The signing keys.</param>
    /// <param name="encryptionKeys">The encryption keys.</param>
    public static JsonWebKeySet Create(IEnumerable<JsonWebKey> keys, IEnumerable<JweEncryptionKey> encryptionKeys)
    {
        ArgumentNullException.ThrowIfNull(encryptionKeys);
        var set = Create(keys);
        var encryption = encryptionKeys.ToList();
        var kids = new HashSet<string>(set.Keys.Select(k => k.KeyId), StringComparer.Ordinal);
        foreach (var key in encryption)
        {
            if (!kids.Add(key.Thumbprint))
            {
                throw new ArgumentException($"Two keys share the kid '{key.Thumbprint}'.", nameof(encryptionKeys));
            }
        }

        return new JsonWebKeySet(set.Keys, encryption);
    }

    /// <summary>A set of the given keys (each published with its JWK defaults).</summary>
    /// <param name="keys">The keys; their <c>kid</c>s must be distinct.</param>
    public static JsonWebKeySet Create(IEnumerable<JsonWebKey> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var list = keys.ToList();
        var duplicate = list.GroupBy(k => k.KeyId, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"Two keys share the kid '{duplicate.Key}'.", nameof(keys));
        }

        return new JsonWebKeySet(list);
    }

    /// <summary>A set of public keys with thumbprint <c>kid</c>s.</summary>
    /// <param name="keys">The keys.</param>
    public static JsonWebKeySet Create(IEnumerable<VerificationKey> keys) => Create(keys.Select(k => JsonWebKey.FromPublicKey(k)));

    /// <summary>Parses a public JWK Set.</summary>
    /// <param name="utf8Json">The set as UTF-8 JSON.</param>
    /// <exception cref="FormatException">The set or one of its keys is malformed, private, duplicated or unsupported (the message says which).</exception>
    public static JsonWebKeySet Parse(ReadOnlySpan<byte> utf8Json)
    {
        using var document = StrictJson.Parse(utf8Json, "JWK Set");
        var root = document.RootElement;
        StrictJson.RequireObjectWithoutDuplicates(root, "JWK Set");
        if (!root.TryGetProperty("keys", out var keys) || keys.ValueKind != JsonValueKind.Array)
        {
            throw new FormatException("The JWK Set has no 'keys' array.");
        }

        if (keys.GetArrayLength() > MaxKeys)
        {
            throw new FormatException($"The JWK Set holds more than {MaxKeys} keys.");
        }

        var list = new List<JsonWebKey>();
        var encryption = new List<JweEncryptionKey>();
        var kids = new HashSet<string>(StringComparer.Ordinal);
        int index = 0;
        foreach (var element in keys.EnumerateArray())
        {
            if (element.ValueKind == JsonValueKind.Object && element.TryGetProperty("use", out var use) && use.ValueKind == JsonValueKind.String && use.ValueEquals("enc"))
            {
                JweEncryptionKey encryptionKey;
                try
                {
                    encryptionKey = JweEncryptionKey.Parse(element, allowPrivate: false);
                    if (StrictJson.OptionalString(element, "kid", "JWK") is { } kid && kid != encryptionKey.Thumbprint)
                    {
                        throw new FormatException("An encryption key's 'kid' must be its RFC 7638 thumbprint (JWEs to it name it so).");
                    }
                }
                catch (FormatException e)
                {
                    throw new FormatException($"Key {index} of the JWK Set: {e.Message}", e);
                }

                if (!kids.Add(encryptionKey.Thumbprint))
                {
                    throw new FormatException($"The JWK Set has two keys with kid '{encryptionKey.Thumbprint}'; kids must be unique.");
                }

                encryption.Add(encryptionKey);
                index++;
                continue;
            }

            JsonWebKey key;
            try
            {
                key = JsonWebKey.Parse(element);
            }
            catch (FormatException e)
            {
                throw new FormatException($"Key {index} of the JWK Set: {e.Message}", e);
            }

            if (!kids.Add(key.KeyId))
            {
                throw new FormatException($"The JWK Set has two keys with kid '{CallerText.Sanitize(key.KeyId)}'; kids must be unique.");
            }

            list.Add(key);
            index++;
        }

        return new JsonWebKeySet(list, encryption);
    }

    /// <summary>Parses a public JWK Set from a string.</summary>
    /// <param name="json">The set.</param>
    public static JsonWebKeySet Parse(string json) => Parse(Encoding.UTF8.GetBytes(json));

    /// <summary>Finds the key with <paramref name="keyId"/>.</summary>
    /// <param name="keyId">The <c>kid</c>.</param>
    /// <param name="key">The key.</param>
    public bool TryFind(string keyId, [NotNullWhen(true)] out JsonWebKey? key)
    {
        foreach (var candidate in Keys)
        {
            if (string.Equals(candidate.KeyId, keyId, StringComparison.Ordinal))
            {
                key = candidate;
                return true;
            }
        }

        key = null;
        return false;
    }

    /// <summary>Writes <c>{"keys":[…]}</c>.</summary>
    /// <param name="writer">The writer.</param>
    public void WriteTo(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        writer.WriteStartArray("keys");
        foreach (var key in Keys)
        {
            key.WriteTo(writer);
        }

        foreach (var key in EncryptionKeys)
        {
            writer.WriteStartObject();
            writer.WriteString("alg", Jwe.KeyManagementAlgorithm);
            writer.WriteString("kid", key.Thumbprint);
            writer.WriteString("use", "enc");
            key.WriteMembers(writer);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    /// <summary>The set as compact UTF-8 JSON (what <c>/.well-known/jwks.json</c> serves).</summary>
    public byte[] ToUtf8Json()
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            WriteTo(writer);
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>The set as compact JSON.</summary>
    public string ToJson() => Encoding.UTF8.GetString(ToUtf8Json());
}
