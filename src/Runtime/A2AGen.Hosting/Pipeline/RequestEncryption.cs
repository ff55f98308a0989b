using A2AGen.Protocol;
using A2AGen.Security;

namespace A2AGen.Hosting;

/// <summary>
/// What the encryption stage learned from an encrypted message: the parts in plaintext (what the skill sees; the task
/// keeps the message as it arrived), and whom the answer goes to — the sender named by the JWEs' <c>iss</c> and the
/// encryption key this host trusts for it. Every part the agent answers with is encrypted to that key.
/// </summary>
internal sealed class RequestEncryption(IReadOnlyList<Part> plainParts, JweEncryptionKey answerKey, string sender, string agentId)
{
    /// <summary>The message's parts, decrypted (plaintext parts as they came).</summary>
    public IReadOnlyList<Part> PlainParts { get; } = plainParts;

    /// <summary>The sender's agent id (the JWEs' <c>iss</c>; the request signer when the request is signed).</summary>
    public string Sender { get; } = sender;

    /// <summary>
    /// The message with its encrypted parts decrypted, for the skill. Parts that were not encrypted are taken from
    /// <paramref name="message"/> as it is now (a store-and-fetch reference has been replaced by its content by then).
    /// </summary>
    public Message Plain(Message message)
    {
        if (message.Parts.Count != PlainParts.Count)
        {
            return message with { Parts = PlainParts };
        }

        var parts = new Part[PlainParts.Count];
        for (var i = 0; i < parts.Length; i++)
        {
            parts[i] = EncryptedParts.IsEncrypted(message.Parts[i]) ? PlainParts[i] : message.Parts[i];
        }

        return message with { Parts = parts };
    }

    /// <summary>One answer part, encrypted to the sender.</summary>
    public Part Encrypt(Part part) => EncryptedParts.IsEncrypted(part) ? part : EncryptedParts.Encrypt(part, answerKey, agentId, Sender);

    /// <summary>Answer parts, encrypted to the sender.</summary>
    public List<Part> Encrypt(IReadOnlyList<Part> parts)
    {
        var encrypted = new List<Part>(parts.Count);
        foreach (var part in parts)
        {
            encrypted.Add(Encrypt(part));
        }

        return encrypted;
    }

    /// <summary>An answer message with its parts encrypted to the sender.</summary>
    public Message Encrypt(Message message) => message.Parts is { Count: > 0 } parts ? message with { Parts = Encrypt(parts) } : message;
}
