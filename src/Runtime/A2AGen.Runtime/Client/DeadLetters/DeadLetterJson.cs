using System.Buffers;
using System.Globalization;
using System.Text.Json;
using A2AGen.Protocol;
using A2AGen.Protocol.Serialization;

namespace A2AGen.Client;

/// <summary>
/// The stored form of a <see cref="DeadLetter"/>, shared by every <see cref="IDeadLetterQueue"/> (a file's content, a
/// Redis value) and by <c>a2agen dlq show --json</c>: one JSON object, <c>"version": 1</c>, the request in A2A JSON.
/// </summary>
public static class DeadLetterJson
{
    private const int Version = 1;

    /// <summary>The entry as UTF-8 JSON.</summary>
    /// <param name="letter">The entry.</param>
    public static byte[] Serialize(DeadLetter letter)
    {
        ArgumentNullException.ThrowIfNull(letter);
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteNumber("version", Version);
            writer.WriteString("id", letter.Id);
            writer.WriteString("createdAt", letter.CreatedAt.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
            writer.WriteString("operation", letter.Operation);
            writer.WriteString("endpoint", letter.Endpoint.AbsoluteUri);
            writer.WriteString("protocolBinding", letter.ProtocolBinding);
            WriteOptional(writer, "tenant", letter.Tenant);
            WriteOptional(writer, "agentCardUrl", letter.AgentCardUrl?.AbsoluteUri);
            WriteOptional(writer, "agentId", letter.AgentId);
            WriteOptional(writer, "extensions", letter.Extensions);
            WriteOptional(writer, "messageId", letter.MessageId);
            writer.WritePropertyName("request");
            A2AJson.Serialize(writer, letter.Request);
            writer.WriteStartArray("attempts");
            foreach (var attempt in letter.Attempts)
            {
                writer.WriteStartObject();
                writer.WriteString("at", attempt.At.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
                writer.WriteString("outcome", attempt.Outcome);
                if (attempt.StatusCode is { } status)
                {
                    writer.WriteNumber("statusCode", status);
                }

                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            WriteOptional(writer, "lastFailure", letter.LastFailure);
            WriteOptional(writer, "lastReason", letter.LastReason);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Reads an entry written by <see cref="Serialize"/>.</summary>
    /// <param name="utf8Json">The stored bytes.</param>
    /// <exception cref="InvalidDataException">The bytes are not a dead letter of a known version; the message says what is wrong.</exception>
    public static DeadLetter Deserialize(ReadOnlySpan<byte> utf8Json)
    {
        try
        {
            using var document = JsonDocument.Parse(utf8Json.ToArray());
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new InvalidDataException("A dead letter is a JSON object.");
            }

            if (!root.TryGetProperty("version", out var version) || version.ValueKind != JsonValueKind.Number || version.GetInt32() != Version)
            {
                throw new InvalidDataException($"A dead letter must have \"version\": {Version}.");
            }

            var id = Required(root, "id");
            if (!DeadLetter.IsValidId(id))
            {
                throw new InvalidDataException("The dead letter's id is not 32 lowercase hex digits.");
            }

            if (!root.TryGetProperty("request", out var requestElement) || requestElement.ValueKind != JsonValueKind.Object)
            {
                throw new InvalidDataException("The dead letter has no \"request\" object.");
            }

            var request = A2AJson.Deserialize<SendMessageRequest>(requestElement)
                ?? throw new InvalidDataException("The dead letter's request is empty.");
            var attempts = new List<DeliveryAttempt>();
            if (root.TryGetProperty("attempts", out var list) && list.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in list.EnumerateArray())
                {
                    attempts.Add(new DeliveryAttempt(
                        Time(item, "at"),
                        Required(item, "outcome"),
                        item.TryGetProperty("statusCode", out var status) && status.ValueKind == JsonValueKind.Number ? status.GetInt32() : null));
                }
            }

            return new DeadLetter
            {
                Id = id,
                CreatedAt = Time(root, "createdAt"),
                Operation = Required(root, "operation"),
                Endpoint = Url(root, "endpoint") ?? throw new InvalidDataException("The dead letter has no \"endpoint\"."),
                ProtocolBinding = Required(root, "protocolBinding"),
                Tenant = Optional(root, "tenant"),
                AgentCardUrl = Url(root, "agentCardUrl"),
                AgentId = Optional(root, "agentId"),
                Extensions = Optional(root, "extensions"),
                Request = request,
                Attempts = attempts,
                LastFailure = Optional(root, "lastFailure"),
                LastReason = Optional(root, "lastReason"),
            };
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"A dead letter must be JSON: {ex.Message}", ex);
        }
        catch (FormatException ex)
        {
            throw new InvalidDataException($"A dead letter has a malformed value: {ex.Message}", ex);
        }
    }

    private static void WriteOptional(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }

    private static string? Optional(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string Required(JsonElement element, string name) =>
        Optional(element, name) ?? throw new InvalidDataException($"The dead letter has no \"{name}\" string.");

    private static DateTimeOffset Time(JsonElement element, string name) =>
        DateTimeOffset.Parse(Required(element, name), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    private static Uri? Url(JsonElement element, string name) =>
        Optional(element, name) is { } text
            ? Uri.TryCreate(text, UriKind.Absolute, out var url) ? url : throw new InvalidDataException($"The dead letter's \"{name}\" is not an absolute URL.")
            : null;
}
