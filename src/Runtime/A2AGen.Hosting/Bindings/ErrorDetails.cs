using System.Text.Json;
using A2AGen.Protocol.JsonRpc;

namespace A2AGen.Hosting;

/// <summary>
/// The details every binding attaches to an error: a <c>google.rpc.ErrorInfo</c> (reason, domain, metadata) and, when
/// a request field is at fault, a <c>google.rpc.BadRequest</c> field violation. JSON-RPC carries them in
/// <c>error.data</c>, HTTP+JSON in <c>error.details</c> of a <c>google.rpc.Status</c>.
/// </summary>
internal static class ErrorDetails
{
    /// <summary>Writes the detail objects (not the enclosing array).</summary>
    public static void WriteItems(Utf8JsonWriter writer, A2AError error)
    {
        writer.WriteStartObject();
        writer.WriteString("@type"u8, ErrorInfo.TypeUrl);
        writer.WriteString("reason"u8, error.Reason);
        writer.WriteString("domain"u8, error.Domain);
        if (error.Metadata is { Count: > 0 } || error.Field is not null)
        {
            writer.WriteStartObject("metadata"u8);
            if (error.Field is not null)
            {
                writer.WriteString("field"u8, error.Field);
            }

            if (error.Metadata is not null)
            {
                foreach (var (key, value) in error.Metadata)
                {
                    writer.WriteString(key, value);
                }
            }

            writer.WriteEndObject();
        }

        writer.WriteEndObject();

        if (error.Field is not null)
        {
            writer.WriteStartObject();
            writer.WriteString("@type"u8, "type.googleapis.com/google.rpc.BadRequest"u8);
            writer.WriteStartArray("fieldViolations"u8);
            writer.WriteStartObject();
            writer.WriteString("field"u8, error.Field);
            writer.WriteString("description"u8, error.Message);
            writer.WriteEndObject();
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
    }
}
