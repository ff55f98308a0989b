using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace A2AGen.Cli.Output;

/// <summary>JSON for people and scripts: indented, non-ASCII and HTML characters left readable.</summary>
internal static class JsonText
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static readonly JsonWriterOptions IndentedWriter = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The node as indented JSON.</summary>
    public static string Format(JsonNode node) => node.ToJsonString(Indented);

    /// <summary>Any UTF-8 JSON re-indented (e.g. a JWS header or claims exactly as received).</summary>
    public static string Format(ReadOnlySpan<byte> utf8Json)
    {
        using var document = JsonDocument.Parse(utf8Json.ToArray());
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, IndentedWriter))
        {
            document.RootElement.WriteTo(writer);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Parses UTF-8 JSON into a node (for embedding received JSON in a <c>--json</c> result).</summary>
    public static JsonNode? Parse(ReadOnlySpan<byte> utf8Json) => JsonNode.Parse(utf8Json);
}
