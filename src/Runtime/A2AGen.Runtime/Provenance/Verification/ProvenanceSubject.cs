using System.Text.Json;
using A2AGen.Protocol;

namespace A2AGen.Provenance;

/// <summary>The content an envelope must vouch for: its kind, digest and id, and for a message the task and context it states itself.</summary>
/// <param name="Kind">Artifact or message.</param>
/// <param name="Digest">The content digest (<see cref="ProvenanceFormat.ComputeDigest(Artifact)"/>).</param>
/// <param name="ContentId">The artifact or message id.</param>
/// <param name="StatedBinding">For a message: its own <c>taskId</c>/<c>contextId</c>, which the statement must repeat.</param>
public sealed record ProvenanceSubject(ProvenanceKind Kind, string Digest, string ContentId, ProvenanceBinding? StatedBinding = null)
{
    /// <summary>The subject of an artifact.</summary>
    /// <param name="artifact">The artifact.</param>
    /// <exception cref="FormatException">The artifact cannot be canonicalized.</exception>
    public static ProvenanceSubject For(Artifact artifact) =>
        new(ProvenanceKind.Artifact, ProvenanceFormat.ComputeDigest(artifact), artifact.ArtifactId);

    /// <summary>The subject of a message.</summary>
    /// <param name="message">The message.</param>
    /// <exception cref="FormatException">The message cannot be canonicalized.</exception>
    public static ProvenanceSubject For(Message message) =>
        new(ProvenanceKind.Message, ProvenanceFormat.ComputeDigest(message), message.MessageId, new ProvenanceBinding(message.TaskId, message.ContextId ?? ""));

    /// <summary>The subject of an artifact or message given as JSON (a message is told apart by its <c>messageId</c>).</summary>
    /// <param name="content">The JSON object.</param>
    /// <exception cref="FormatException">The value is neither an artifact nor a message, or cannot be canonicalized.</exception>
    public static ProvenanceSubject FromJson(JsonElement content)
    {
        if (content.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException("an artifact or message must be a JSON object");
        }

        string digest = ProvenanceFormat.ComputeDigest(content);
        if (content.TryGetProperty("messageId"u8, out var messageId) && messageId.ValueKind == JsonValueKind.String)
        {
            return new ProvenanceSubject(ProvenanceKind.Message, digest, messageId.GetString()!, new ProvenanceBinding(Text(content, "taskId"), Text(content, "contextId") ?? ""));
        }

        if (content.TryGetProperty("artifactId"u8, out var artifactId) && artifactId.ValueKind == JsonValueKind.String)
        {
            return new ProvenanceSubject(ProvenanceKind.Artifact, digest, artifactId.GetString()!);
        }

        throw new FormatException("the content has neither an 'artifactId' nor a 'messageId'");
    }

    private static string? Text(JsonElement content, string name) =>
        content.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
