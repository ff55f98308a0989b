using System.Runtime.CompilerServices;
using A2AGen.Protocol;
using A2AGen.Security;

namespace A2AGen.Client;

/// <summary>
/// An <see cref="A2AClient"/>'s payload encryption for one agent: a message's parts go out as one encrypted part to the
/// agent's key (DESIGN §13; <c>iss</c> the caller, <c>aud</c> the agent), and encrypted parts of answers are decrypted
/// with the caller's keys, each into the parts array it holds.
/// A part encrypted to another key (the caller's own message in a task's history, encrypted to the agent) is left as
/// it is; any other failure, or an answer whose <c>iss</c> is not the agent, throws <see cref="A2AClientException"/>.
/// </summary>
internal sealed class ClientEncryption(A2AClientEncryption settings, JweEncryptionKey recipientKey, string recipientId)
{
    /// <summary>The encryption for a client without a card: only when <see cref="A2AClientEncryption.Always"/> and the recipient are set.</summary>
    public static ClientEncryption? Without(A2AClientOptions options) =>
        options.Encryption is { Always: true, RecipientKey: { } key, RecipientId: { } id } settings ? new ClientEncryption(settings, key, id) : null;

    /// <summary>The encryption for the agent of <paramref name="card"/>, or null when the card does not ask for it (or the options set none).</summary>
    public static async Task<ClientEncryption?> ForAsync(HttpClient http, ResolvedAgentCard card, A2AClientOptions options, CancellationToken cancellationToken)
    {
        if (options.Encryption is not { } settings)
        {
            return null;
        }

        var declared = card.Card.Capabilities.Extensions?.Any(static e => e.Uri == A2AProtocol.EncryptionExtensionUri) == true;
        if (!declared && !settings.Always)
        {
            return null;
        }

        var recipientId = settings.RecipientId ?? card.Verification?.Key?.AgentId ?? options.ExpectedAgentId
            ?? throw new A2AClientException(
                $"The Agent Card at {card.Url} asks for encrypted messages, but the agent's id is unknown (the card is not verified): set A2AClientEncryption.RecipientId or A2AClientOptions.ExpectedAgentId.",
                reason: "ENCRYPTION_RECIPIENT_UNKNOWN");
        var key = settings.RecipientKey ?? FirstOf(settings.Trust, recipientId) ?? await FetchAsync(http, card, cancellationToken).ConfigureAwait(false)
            ?? throw new A2AClientException(
                $"Agent '{recipientId}' asks for encrypted messages but publishes no encryption key (use \"enc\") in its JWKS.",
                reason: "ENCRYPTION_KEY_UNKNOWN");
        return new ClientEncryption(settings, key, recipientId);
    }

    public SendMessageRequest Encrypt(SendMessageRequest request)
    {
        if (request.Message is not { Parts: { Count: > 0 } parts } message || EncryptedParts.AnyEncrypted(parts))
        {
            return request;
        }

        return request with { Message = message with { Parts = [EncryptedParts.Encrypt(parts, recipientKey, settings.SenderId, recipientId)] } };
    }

    public async Task<SendMessageResponse> DecryptAsync(Task<SendMessageResponse> call)
    {
        var response = await call.ConfigureAwait(false);
        return response.Task is { } task ? response with { Task = Decrypt(task) }
            : response.Message is { } message ? response with { Message = Decrypt(message) }
            : response;
    }

    public async Task<AgentTask> DecryptAsync(Task<AgentTask> call) => Decrypt(await call.ConfigureAwait(false));

    public async IAsyncEnumerable<StreamResponse> DecryptAsync(IAsyncEnumerable<StreamResponse> events, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var item in events.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            yield return item.Task is { } task ? item with { Task = Decrypt(task) }
                : item.Message is { } message ? item with { Message = Decrypt(message) }
                : item.StatusUpdate is { Status.Message: { } status } update ? item with { StatusUpdate = update with { Status = update.Status with { Message = Decrypt(status) } } }
                : item.ArtifactUpdate is { } artifact ? item with { ArtifactUpdate = artifact with { Artifact = Decrypt(artifact.Artifact) } }
                : item;
        }
    }

    private AgentTask Decrypt(AgentTask task) => task with
    {
        Status = task.Status.Message is { } message ? task.Status with { Message = Decrypt(message) } : task.Status,
        Artifacts = task.Artifacts?.Select(Decrypt).ToArray(),
        History = task.History?.Select(Decrypt).ToArray(),
    };

    private Artifact Decrypt(Artifact artifact) =>
        EncryptedParts.AnyEncrypted(artifact.Parts) ? artifact with { Parts = DecryptParts(artifact.Parts) } : artifact;

    private Message Decrypt(Message message) =>
        EncryptedParts.AnyEncrypted(message.Parts) ? message with { Parts = DecryptParts(message.Parts) } : message;

    // Each encrypted part opens into the parts array it holds (one for a whole artifact or message, one per chunk of a
    // streamed artifact); plaintext parts stay where they are.
    private List<Part> DecryptParts(IReadOnlyList<Part> parts)
    {
        var plain = new List<Part>(parts.Count);
        foreach (var part in parts)
        {
            if (!EncryptedParts.IsEncrypted(part))
            {
                plain.Add(part);
                continue;
            }

            var result = EncryptedParts.Decrypt(part, settings.DecryptionKeys);
            if (result.Failure == JweFailure.WrongRecipient)
            {
                plain.Add(part); // encrypted to someone else (the agent, in the history): not ours to read
                continue;
            }

            if (!result.Succeeded)
            {
                throw new A2AClientException($"An encrypted part of the answer was refused: {result.Reason}", reason: "ENCRYPTION_" + result.Failure.ToReasonCode());
            }

            if (!string.Equals(result.Issuer, recipientId, StringComparison.Ordinal) || !string.Equals(result.Audience, settings.SenderId, StringComparison.Ordinal))
            {
                throw new A2AClientException(
                    $"An encrypted part of the answer names sender '{CallerText.Sanitize(result.Issuer)}' and recipient '{CallerText.Sanitize(result.Audience)}'; expected '{recipientId}' to '{settings.SenderId}'.",
                    reason: "ENCRYPTION_WRONG_PARTIES");
            }

            plain.AddRange(result.Parts!);
        }

        return plain;
    }

    private static JweEncryptionKey? FirstOf(TrustStore? trust, string agentId) =>
        trust?.GetEncryptionKeys(agentId) is { Count: > 0 } keys ? keys[0] : null;

    // The JWKS next to the card ({path}/.well-known/jwks.json): the card was verified from the same place.
    private static async Task<JweEncryptionKey?> FetchAsync(HttpClient http, ResolvedAgentCard card, CancellationToken cancellationToken)
    {
        var url = new Uri(card.Url, "jwks.json");
        try
        {
            using var response = await http.GetAsync(url, cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                return null;
            }

            var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            var set = JsonWebKeySet.Parse(bytes);
            return set.EncryptionKeys.Count > 0 ? set.EncryptionKeys[0] : null;
        }
        catch (FormatException e)
        {
            throw new A2AClientException($"The JWKS at {url} cannot be read: {e.Message}", reason: "ENCRYPTION_KEY_UNKNOWN", innerException: e);
        }
    }
}
