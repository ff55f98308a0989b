using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using A2AGen.Protocol.JsonRpc;
using Microsoft.AspNetCore.Http;

namespace A2AGen.Hosting;

/// <summary>
/// Writes JSON-RPC 2.0 responses: a result or an error, with the request's <c>id</c> echoed byte for byte (a string
/// stays a string, a number keeps its exact spelling, absent or unreadable becomes <c>null</c>).
/// </summary>
internal static class JsonRpcResponseWriter
{
    public const string JsonContentType = "application/json";

    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = true,
    };

    [ThreadStatic]
    private static Utf8JsonWriter? t_writer;

    public static async Task WriteResultAsync<T>(HttpResponse response, ReadOnlyMemory<byte> id, T result, JsonTypeInfo<T> typeInfo)
    {
        using var buffer = new PooledBufferWriter();
        WriteResult(buffer, id, result, typeInfo);
        await SendAsync(response, StatusCodes.Status200OK, buffer).ConfigureAwait(false);
    }

    public static async Task WriteErrorAsync(HttpResponse response, ReadOnlyMemory<byte> id, A2AError error)
    {
        using var buffer = new PooledBufferWriter(1024);
        WriteError(buffer, id, error);
        await SendAsync(response, error.HttpStatus, buffer).ConfigureAwait(false);
    }

    public static void WriteResult<T>(PooledBufferWriter buffer, ReadOnlyMemory<byte> id, T result, JsonTypeInfo<T> typeInfo)
    {
        var writer = RentWriter(buffer);
        try
        {
            WriteEnvelopeStart(writer, id);
            writer.WritePropertyName("result"u8);
            JsonSerializer.Serialize(writer, result, typeInfo);
            writer.WriteEndObject();
            writer.Flush();
        }
        finally
        {
            writer.Reset();
        }
    }

    public static void WriteError(PooledBufferWriter buffer, ReadOnlyMemory<byte> id, A2AError error)
    {
        var writer = RentWriter(buffer);
        try
        {
            WriteEnvelopeStart(writer, id);
            writer.WriteStartObject("error"u8);
            writer.WriteNumber("code"u8, error.Code);
            writer.WriteString("message"u8, error.Message);
            writer.WriteStartArray("data"u8);

            ErrorDetails.WriteItems(writer, error);
            writer.WriteEndArray();
            writer.WriteEndObject();
            writer.WriteEndObject();
            writer.Flush();
        }
        finally
        {
            writer.Reset();
        }
    }

    private static void WriteEnvelopeStart(Utf8JsonWriter writer, ReadOnlyMemory<byte> id)
    {
        writer.WriteStartObject();
        writer.WriteString("jsonrpc"u8, "2.0"u8);
        writer.WritePropertyName("id"u8);
        if (id.IsEmpty)
        {
            writer.WriteNullValue();
        }
        else
        {
            writer.WriteRawValue(id.Span, skipInputValidation: true);
        }
    }

    internal static Utf8JsonWriter RentWriter(PooledBufferWriter buffer)
    {
        var writer = t_writer;
        if (writer is null)
        {
            writer = new Utf8JsonWriter(buffer, WriterOptions);
            t_writer = writer;
        }
        else
        {
            writer.Reset(buffer);
        }

        return writer;
    }

    internal static async Task SendAsync(HttpResponse response, int status, PooledBufferWriter buffer, string contentType = JsonContentType)
    {
        response.StatusCode = status;
        response.ContentType = contentType;
        response.ContentLength = buffer.WrittenCount;
        await response.Body.WriteAsync(buffer.WrittenMemory).ConfigureAwait(false);
    }
}
