using System.Buffers;
using System.Security.Cryptography;
using System.Text.Json;
using A2AGen.Client;
using A2AGen.Hosting.Payloads;
using A2AGen.Protocol;
using A2AGen.Security;
using Microsoft.Extensions.Options;

namespace A2AGen.Hosting;

/// <summary>
/// The sending side of store-and-fetch: stores a large part's content in the host's <see cref="IPayloadStore"/> and
/// returns the <c>url</c> part that replaces it, whose URL (under <see cref="A2APayloadOptions.PublicUrl"/>) carries a
/// JWS signed with <see cref="A2APayloadOptions.AgentId"/>'s key naming the recipient, the expiry and the SHA-256.
/// Give it to <see cref="A2AClientOptions.Payloads"/>. Thread-safe.
/// </summary>
public sealed class A2APayloadPublisher : IA2APayloadPublisher
{
    private readonly IPayloadStore _store;
    private readonly A2AKeyRing _keys;
    private readonly A2APayloadOptions _options;
    private readonly TimeProvider _time;

    /// <summary>Creates the publisher.</summary>
    /// <param name="store">Where payloads are kept until fetched.</param>
    /// <param name="keys">The host's keys (the signing key of <see cref="A2APayloadOptions.AgentId"/>).</param>
    /// <param name="options">Identity, public URL, threshold, limits.</param>
    /// <param name="time">The clock of the expiry times.</param>
    public A2APayloadPublisher(IPayloadStore store, A2AKeyRing keys, IOptions<A2APayloadOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        _store = store;
        _keys = keys;
        _options = options.Value;
        _time = time;
    }

    /// <inheritdoc />
    public int Threshold => _options.OffloadThreshold;

    /// <inheritdoc />
    public async ValueTask<Part> PublishAsync(Part part, ReadOnlyMemory<byte> content, string recipientAgentId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(part);
        ArgumentException.ThrowIfNullOrEmpty(recipientAgentId);
        if (content.Length > _options.MaxSize)
        {
            throw new InvalidOperationException($"The part has {content.Length} bytes; A2APayloadOptions.MaxSize allows {_options.MaxSize}.");
        }

        var agentId = _options.AgentId ?? throw new InvalidOperationException("Set A2APayloadOptions.AgentId (the hosted agent that signs payload URLs) to publish payloads.");
        var baseUrl = _options.PublicUrl ?? throw new InvalidOperationException("Set A2APayloadOptions.PublicUrl (where MapA2APayloads is reached) to publish payloads.");
        var key = _keys.GetSigningKey(agentId) ?? throw new InvalidOperationException($"The agent '{agentId}' has no signing key to sign payload URLs with.");

        var id = Base64UrlId();
        var digest = System.Buffers.Text.Base64Url.EncodeToString(SHA256.HashData(content.Span));
        var now = _time.GetUtcNow();
        var expires = now + _options.UrlLifetime;
        await _store.StoreAsync(new StoredPayload(id, recipientAgentId, expires, part.MediaType, content), cancellationToken).ConfigureAwait(false);

        var claims = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(claims))
        {
            writer.WriteStartObject();
            writer.WriteString("iss", agentId);
            writer.WriteString("aud", recipientAgentId);
            writer.WriteString("jti", id);
            writer.WriteNumber("iat", now.ToUnixTimeSeconds());
            writer.WriteNumber("exp", expires.ToUnixTimeSeconds());
            writer.WriteString(PayloadFormat.DigestClaim, digest);
            writer.WriteNumber(PayloadFormat.SizeClaim, content.Length);
            writer.WriteEndObject();
        }

        var token = Jws.Sign(key, claims.WrittenSpan, new JwsSigningOptions { Type = PayloadFormat.TokenType });
        var metadata = new Dictionary<string, JsonElement>(part.Metadata ?? new Dictionary<string, JsonElement>(), StringComparer.Ordinal)
        {
            [PayloadFormat.MetadataKey] = JsonSerializer.SerializeToElement(new PayloadMetadata(digest, content.Length, expires.ToUnixTimeSeconds(), part.Raw is null ? PayloadFormat.KindText : PayloadFormat.KindRaw), PayloadMetadataContext.Default.PayloadMetadata),
        };
        return new Part
        {
            Url = $"{baseUrl.TrimEnd('/')}/{id}?{PayloadFormat.TokenParameter}={token}",
            MediaType = part.MediaType ?? (part.Raw is null ? "text/plain" : "application/octet-stream"),
            Filename = part.Filename,
            Metadata = metadata,
        };
    }

    private static string Base64UrlId()
    {
        Span<byte> random = stackalloc byte[32];
        RandomNumberGenerator.Fill(random);
        return System.Buffers.Text.Base64Url.EncodeToString(random);
    }
}

/// <summary>What a url part of a published payload says about its content (<c>metadata["urn:a2agen:ext:fetch:v1"]</c>, DESIGN §13).</summary>
/// <param name="Sha256">Base64url SHA-256 of the content.</param>
/// <param name="Size">The content's length in bytes.</param>
/// <param name="Exp">When the URL expires, in seconds since the epoch (the token's <c>exp</c>); null when absent.</param>
/// <param name="Kind"><c>raw</c> or <c>text</c>: the part the recipient's skill sees.</param>
internal sealed record PayloadMetadata(
    [property: System.Text.Json.Serialization.JsonPropertyName("sha256")] string Sha256,
    [property: System.Text.Json.Serialization.JsonPropertyName("size")] long Size,
    [property: System.Text.Json.Serialization.JsonPropertyName("exp"), System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] long? Exp,
    [property: System.Text.Json.Serialization.JsonPropertyName("kind")] string Kind)
{
    /// <summary>
    /// The metadata value as the idempotency hash counts it: the content (digest, size, kind) without the expiry, which
    /// changes each time a message sent again is published again. Unreadable metadata is counted as it is.
    /// </summary>
    public static JsonElement WithoutExpiry(JsonElement described)
    {
        try
        {
            return described.Deserialize(PayloadMetadataContext.Default.PayloadMetadata) is { } metadata
                ? JsonSerializer.SerializeToElement(metadata with { Exp = null }, PayloadMetadataContext.Default.PayloadMetadata)
                : described;
        }
        catch (JsonException)
        {
            return described;
        }
    }
}

[System.Text.Json.Serialization.JsonSerializable(typeof(PayloadMetadata))]
[System.Text.Json.Serialization.JsonSerializable(typeof(int))]
internal sealed partial class PayloadMetadataContext : System.Text.Json.Serialization.JsonSerializerContext;
