using A2AGen.Protocol;
using A2AGen.Security;

namespace A2AGen.Hosting;

/// <summary>
/// What the encryption stage learned from an encrypted message: its parts in plaintext (what the skill sees; the task
/// keeps the message as it arrived), and whom the answer goes to — the sender named by the JWE's <c>iss</c> and the
/// encryption key this host trusts for it. Every parts array the agent answers with (an artifact's, an agent
/// message's) becomes one encrypted part to that key (DESIGN §13).
/// </summary>
internal sealed class RequestEncryption(IReadOnlyList<Part> plainParts, JweEncryptionKey answerKey, string sender, string agentId)
{
    /// <summary>The message's parts, decrypted from its one encrypted part.</summary>
    public IReadOnlyList<Part> PlainParts { get; } = plainParts;

    /// <summary>The sender's agent id (the JWE's <c>iss</c>; the request signer when the request is signed).</summary>
    public string Sender { get; } = sender;

    /// <summary>The message with its parts decrypted, for the skill.</summary>
    public Message Plain(Message message) => message with { Parts = PlainParts };

    /// <summary>
    /// One streamed answer part (an artifact chunk), encrypted to the sender as a parts array of its own; a part that
    /// is already encrypted (a whole artifact, see <see cref="Encrypt(IReadOnlyList{Part})"/>) is kept as it is.
    /// </summary>
    public Part Encrypt(Part part) => EncryptedParts.IsEncrypted(part) ? part : EncryptedParts.Encrypt([part], answerKey, agentId, Sender);

    /// <summary>An answer's parts array, as the one encrypted part that replaces it.</summary>
    public List<Part> Encrypt(IReadOnlyList<Part> parts) =>
        parts.Count == 0 || EncryptedParts.AnyEncrypted(parts) ? [.. parts] : [EncryptedParts.Encrypt(parts, answerKey, agentId, Sender)];

    /// <summary>An answer message with its parts encrypted to the sender as one part.</summary>
    public Message Encrypt(Message message) => message.Parts is { Count: > 0 } parts ? message with { Parts = Encrypt(parts) } : message;
}
