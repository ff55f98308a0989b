using A2AGen.Protocol;

namespace A2AGen.Client;

/// <summary>
/// Store-and-fetch for large payloads (issue 17 item 5): <see cref="A2AClient"/> hands every <c>raw</c> or <c>text</c>
/// part larger than <see cref="Threshold"/> bytes to the publisher, which stores the content and returns the part that
/// replaces it — a <c>url</c> part whose URL is signed, expiring, single-use and bound to the recipient, carrying the
/// content's SHA-256. <c>A2AGen.Hosting</c> implements it (<c>AddA2APayloads</c>, <c>MapA2APayloads</c>).
/// </summary>
public interface IA2APayloadPublisher
{
    /// <summary>Parts whose content is larger than this many bytes are published instead of sent inline.</summary>
    int Threshold { get; }

    /// <summary>Stores <paramref name="content"/> for <paramref name="recipientAgentId"/> and returns the part to send instead of <paramref name="part"/>.</summary>
    /// <param name="part">The part being replaced (its media type and file name are kept).</param>
    /// <param name="content">The part's content bytes (UTF-8 for a text part).</param>
    /// <param name="recipientAgentId">The agent the message goes to: the only one that may fetch it.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    ValueTask<Part> PublishAsync(Part part, ReadOnlyMemory<byte> content, string recipientAgentId, CancellationToken cancellationToken);
}
