using System.Buffers;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using A2AGen.Protocol;
using A2AGen.Protocol.Serialization;
using A2AGen.Security;

namespace A2AGen.Provenance;

/// <summary>
/// The provenance wire format: the extension URI (also the metadata key that carries an envelope), the signature
/// profile's <c>typ</c>, and the content digest — SHA-256 of the RFC 8785 form of the artifact or message (its
/// ProtoJSON, as A2AGen writes it) with the envelope's metadata key removed, and <c>metadata</c> removed if then empty.
/// </summary>
public static class ProvenanceFormat
{
    /// <summary>The extension URI a card declares, and the metadata key of the envelope.</summary>
    public const string ExtensionUri = "urn:a2agen:ext:provenance:v1";

    /// <summary>The metadata key that carries an envelope (the extension URI).</summary>
    public const string MetadataKey = ExtensionUri;

    /// <summary>The <c>typ</c> of an envelope signature's protected header.</summary>
    public const string SignatureType = "a2a-provenance+jws";

    private const int MaxRetainedBuffer = 256 * 1024;

    // The content's JSON for its digest: as A2AJson writes it, except that JSON values the content holds (data parts,
    // metadata) are copied as the bytes they were parsed from instead of being written token by token. RFC 8785 makes
    // both the same digest; the copy saves a pass over what is usually most of the content.
    private static readonly JsonSerializerOptions DigestJson = CreateDigestJson();

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_canonical;

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_json;

    [ThreadStatic]
    private static Utf8JsonWriter? t_writer;

    /// <summary>The content digest of an artifact (its metadata's envelope left out).</summary>
    /// <param name="artifact">The artifact.</param>
    /// <exception cref="FormatException">The artifact holds a value RFC 8785 cannot express (a lone surrogate, a number beyond the double range).</exception>
    public static string ComputeDigest(Artifact artifact)
    {
        ArgumentNullException.ThrowIfNull(artifact);
        var stripped = artifact.Metadata is { } metadata && metadata.ContainsKey(MetadataKey) ? artifact with { Metadata = Without(metadata) } : artifact;
        return DigestOf(stripped);
    }

    /// <summary>The content digest of a message (its metadata's envelope left out).</summary>
    /// <param name="message">The message.</param>
    /// <exception cref="FormatException">The message holds a value RFC 8785 cannot express.</exception>
    public static string ComputeDigest(Message message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var stripped = message.Metadata is { } metadata && metadata.ContainsKey(MetadataKey) ? message with { Metadata = Without(metadata) } : message;
        return DigestOf(stripped);
    }

    /// <summary>
    /// The content digest of an artifact or message given as JSON (e.g. read from a file): the JSON object as it is,
    /// minus <c>metadata[<see cref="MetadataKey"/>]</c> and a <c>metadata</c> left empty.
    /// </summary>
    /// <param name="content">A JSON object.</param>
    /// <exception cref="FormatException">The value is not an object, or cannot be canonicalized.</exception>
    public static string ComputeDigest(JsonElement content)
    {
        if (content.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException("an artifact or message must be a JSON object");
        }

        if (!content.TryGetProperty("metadata"u8, out var metadata) || metadata.ValueKind != JsonValueKind.Object || !metadata.TryGetProperty(MetadataKey, out _))
        {
            return DigestOf(JsonMarshal.GetRawUtf8Value(content));
        }

        var node = JsonObject.Create(content)!;
        var metadataNode = node["metadata"]!.AsObject();
        metadataNode.Remove(MetadataKey);
        if (metadataNode.Count == 0)
        {
            node.Remove("metadata");
        }

        var json = new ArrayBufferWriter<byte>(JsonMarshal.GetRawUtf8Value(content).Length);
        using (var writer = new Utf8JsonWriter(json))
        {
            node.WriteTo(writer);
        }

        return DigestOf(json.WrittenSpan);
    }

    /// <summary>The envelope an artifact carries, or null when it carries none.</summary>
    /// <param name="artifact">The artifact.</param>
    public static JsonElement? FindEnvelope(Artifact artifact) => Find(artifact?.Metadata);

    /// <summary>The envelope a message carries, or null when it carries none.</summary>
    /// <param name="message">The message.</param>
    public static JsonElement? FindEnvelope(Message message) => Find(message?.Metadata);

    /// <summary>A copy of <paramref name="artifact"/> carrying <paramref name="envelope"/> in its metadata.</summary>
    /// <param name="artifact">The artifact.</param>
    /// <param name="envelope">Its envelope.</param>
    public static Artifact Attach(Artifact artifact, ProvenanceEnvelope envelope)
    {
        ArgumentNullException.ThrowIfNull(artifact);
        ArgumentNullException.ThrowIfNull(envelope);
        return artifact with { Metadata = With(artifact.Metadata, envelope) };
    }

    /// <summary>A copy of <paramref name="message"/> carrying <paramref name="envelope"/> in its metadata.</summary>
    /// <param name="message">The message.</param>
    /// <param name="envelope">Its envelope.</param>
    public static Message Attach(Message message, ProvenanceEnvelope envelope)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(envelope);
        return message with { Metadata = With(message.Metadata, envelope) };
    }

    private static JsonElement? Find(IReadOnlyDictionary<string, JsonElement>? metadata) =>
        metadata is not null && metadata.TryGetValue(MetadataKey, out var value) ? value : null;

    private static Dictionary<string, JsonElement> With(IReadOnlyDictionary<string, JsonElement>? metadata, ProvenanceEnvelope envelope)
    {
        var copy = metadata is null ? new Dictionary<string, JsonElement>(1, StringComparer.Ordinal) : new Dictionary<string, JsonElement>(metadata, StringComparer.Ordinal);
        copy[MetadataKey] = envelope.ToJsonElement();
        return copy;
    }

    private static Dictionary<string, JsonElement>? Without(IReadOnlyDictionary<string, JsonElement> metadata)
    {
        if (metadata.Count == 1)
        {
            return null;
        }

        var copy = new Dictionary<string, JsonElement>(metadata.Count - 1, StringComparer.Ordinal);
        foreach (var (key, value) in metadata)
        {
            if (!string.Equals(key, MetadataKey, StringComparison.Ordinal))
            {
                copy[key] = value;
            }
        }

        return copy;
    }

    // The A2A JSON of a protocol value, written into per-thread buffers, then digested. JSON values are copied raw
    // (DigestJson); one the canonicalizer refuses as copied (a document parsed with comments or trailing commas
    // allowed) is written token by token instead, which is what the digest has always been over.
    private static string DigestOf<T>(T value)
    {
        try
        {
            return DigestOf(value, DigestJson);
        }
        catch (FormatException)
        {
            return DigestOf(value, A2AJson.Options);
        }
    }

    private static string DigestOf<T>(T value, JsonSerializerOptions options)
    {
        var json = t_json ??= new ArrayBufferWriter<byte>(4096);
        json.ResetWrittenCount();
        var writer = t_writer;
        if (writer is null)
        {
            writer = t_writer = new Utf8JsonWriter(json, new JsonWriterOptions { Encoder = A2AJson.Options.Encoder, SkipValidation = true });
        }
        else
        {
            writer.Reset(json);
        }

        try
        {
            JsonSerializer.Serialize(writer, value, (JsonTypeInfo<T>)options.GetTypeInfo(typeof(T)));
            writer.Flush();
            return DigestOf(json.WrittenSpan);
        }
        finally
        {
            if (json.Capacity > MaxRetainedBuffer)
            {
                t_json = null;
                t_writer = null;
            }
        }
    }

    private static JsonSerializerOptions CreateDigestJson()
    {
        var options = new JsonSerializerOptions(A2AJson.Options);
        options.Converters.Add(new RawJsonValueConverter());
        options.MakeReadOnly();
        return options;
    }

    private static string DigestOf(ReadOnlySpan<byte> json)
    {
        var buffer = t_canonical ??= new ArrayBufferWriter<byte>(4096);
        buffer.ResetWrittenCount();
        try
        {
            JsonCanonicalizer.Canonicalize(json, buffer);
            return ProvenanceDigest.Compute(buffer.WrittenSpan);
        }
        finally
        {
            if (buffer.Capacity > MaxRetainedBuffer)
            {
                t_canonical = null;
            }
        }
    }
}
