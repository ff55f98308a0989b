using A2AGen.Security;

namespace A2AGen.Client;

/// <summary>
/// Payload encryption for an <see cref="A2AClient"/> (docs/encryption.md): who the caller is and the keys it decrypts
/// answers with. When the agent's card declares the encryption extension, a message's parts array is encrypted as one part to the agent's
/// published encryption key, and encrypted answer parts are decrypted (their <c>iss</c> must be the agent). The caller
/// must publish the public half of <see cref="DecryptionKeys"/>' first key (its JWKS, <c>use: "enc"</c>), since the
/// agent encrypts answers to the key it trusts for <see cref="SenderId"/>.
/// </summary>
public sealed class A2AClientEncryption
{
    /// <summary>The caller's agent id: the JWE <c>iss</c>; the request signature's issuer must be the same.</summary>
    public required string SenderId { get; init; }

    /// <summary>The caller's decryption keys (current first, then retired ones); answers name theirs by <c>kid</c>.</summary>
    public required IReadOnlyList<JweDecryptionKey> DecryptionKeys { get; init; }

    /// <summary>
    /// The agent's encryption key. Default: the first one <see cref="Trust"/> holds for the agent, else the first
    /// <c>use: "enc"</c> key of the agent's JWKS next to its verified card.
    /// </summary>
    public JweEncryptionKey? RecipientKey { get; init; }

    /// <summary>The agent's id (the JWE <c>aud</c>). Default: the agent id that signed its card, else <see cref="A2AClientOptions.ExpectedAgentId"/>.</summary>
    public string? RecipientId { get; init; }

    /// <summary>Where the agent's trusted encryption key is looked up first (e.g. the host's <see cref="TrustStore"/>).</summary>
    public TrustStore? Trust { get; init; }

    /// <summary>
    /// Encrypt even when the card does not declare the extension (or without a card: with <see cref="RecipientKey"/> and
    /// <see cref="RecipientId"/> set). Default false: encrypt when the card asks for it.
    /// </summary>
    public bool Always { get; init; }
}
