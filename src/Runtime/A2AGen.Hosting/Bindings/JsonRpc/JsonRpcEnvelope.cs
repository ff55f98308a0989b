using System.Runtime.InteropServices;
using System.Text.Json;
using A2AGen.Protocol.Serialization;
using A2AGen.Security;

namespace A2AGen.Hosting;

/// <summary>
/// A parsed JSON-RPC 2.0 request: the raw <c>id</c> bytes (echoed verbatim), the method name and the raw
/// <c>params</c>. Parsing checks the envelope only; each method reads its own parameters.
/// </summary>
internal sealed class JsonRpcEnvelope : IDisposable
{
    /// <summary>The longest <c>id</c> echoed back, in bytes of JSON; longer ids are rejected.</summary>
    public const int MaxIdLength = 256;

    private const int MaxMethodLength = 128;

    private JsonRpcEnvelope(JsonDocument document, ReadOnlyMemory<byte> id, string method, JsonElement parameters)
    {
        Document = document;
        Id = id;
        Method = method;
        Params = parameters;
    }

    public JsonDocument Document { get; }

    public ReadOnlyMemory<byte> Id { get; }

    public string Method { get; }

    /// <summary>The <c>params</c> object, or an element of kind <see cref="JsonValueKind.Undefined"/> when absent.</summary>
    public JsonElement Params { get; }

    public void Dispose() => Document.Dispose();

    /// <summary>Parses and checks the envelope. On failure, <paramref name="id"/> holds whatever id could be read.</summary>
    public static A2AError? TryParse(ReadOnlyMemory<byte> body, int maxDepth, out JsonRpcEnvelope? envelope, out ReadOnlyMemory<byte> id)
    {
        envelope = null;
        id = default;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = maxDepth });
        }
        catch (JsonException)
        {
            // JSON-RPC 2.0 §5: the id of a request that does not parse is null. Too deep is well-formed JSON over a
            // limit, so its id is still read and echoed.
            if (IsTooDeep(body.Span, maxDepth))
            {
                id = ScanId(body.Span);
                return A2AError.JsonTooDeep(maxDepth);
            }

            return A2AError.ParseError(JsonTextCheck.DescribeSyntaxError(body.Span, maxDepth));
        }

        // Text that is not valid Unicode parses, but can neither be read as a string nor written back out: refused
        // here, before any stage reads it or any skill runs, so no task can hold it.
        if (JsonTextCheck.FindInvalidUnicode(body.Span) is { } invalid)
        {
            document.Dispose();
            id = invalid == "id" ? default : ScanId(body.Span);
            const string Problem = "is not valid Unicode (an unpaired surrogate escape such as \\udc00, or bytes that are not UTF-8).";
            return invalid == "params" || invalid.StartsWith("params.", StringComparison.Ordinal) || invalid.StartsWith("params[", StringComparison.Ordinal)
                ? A2AError.InvalidParams(invalid, Problem, InvalidUnicode)
                : A2AError.InvalidRequest(InvalidUnicode, $"The request's {CallerText.Sanitize(invalid, 200)} {Problem}");
        }

        var root = document.RootElement;
        var error = Check(root, out id, out var method, out var parameters);
        if (error is not null)
        {
            document.Dispose();
            return error;
        }

        envelope = new JsonRpcEnvelope(document, id, method!, parameters);
        return null;
    }

    private static A2AError? Check(JsonElement root, out ReadOnlyMemory<byte> id, out string? method, out JsonElement parameters)
    {
        id = default;
        method = null;
        parameters = default;
        if (root.ValueKind == JsonValueKind.Array)
        {
            return A2AError.InvalidRequest("BATCH_NOT_SUPPORTED", "JSON-RPC batch requests are not supported; send one request object per HTTP request.");
        }

        if (root.ValueKind != JsonValueKind.Object)
        {
            return A2AError.InvalidRequest("INVALID_REQUEST", "The request must be a JSON-RPC 2.0 request object.");
        }

        if (root.TryGetProperty("id"u8, out var idElement))
        {
            switch (idElement.ValueKind)
            {
                case JsonValueKind.String:
                case JsonValueKind.Number:
                    var raw = JsonMarshal.GetRawUtf8Value(idElement);
                    if (raw.Length > MaxIdLength)
                    {
                        return A2AError.InvalidRequest("INVALID_REQUEST", $"The request id is longer than {MaxIdLength} bytes.");
                    }

                    id = raw.ToArray();
                    break;
                case JsonValueKind.Null:
                    break;
                default:
                    return A2AError.InvalidRequest("INVALID_REQUEST", "The request id must be a string, a number or null.");
            }
        }
        else
        {
            return A2AError.InvalidRequest("INVALID_REQUEST", "The request has no id; A2A methods answer every request, so notifications are not supported.");
        }

        if (!root.TryGetProperty("jsonrpc"u8, out var version) || version.ValueKind != JsonValueKind.String || !version.ValueEquals("2.0"u8))
        {
            return A2AError.InvalidRequest("INVALID_REQUEST", "The request must have \"jsonrpc\": \"2.0\".");
        }

        if (!root.TryGetProperty("method"u8, out var methodElement) || methodElement.ValueKind != JsonValueKind.String)
        {
            return A2AError.InvalidRequest("INVALID_REQUEST", "The request must have a string \"method\".");
        }

        method = methodElement.GetString()!;
        if (method.Length is 0 or > MaxMethodLength)
        {
            return A2AError.InvalidRequest("INVALID_REQUEST", $"The method name must be 1 to {MaxMethodLength} characters.");
        }

        if (root.TryGetProperty("params"u8, out var paramsElement))
        {
            switch (paramsElement.ValueKind)
            {
                case JsonValueKind.Object:
                    parameters = paramsElement;
                    break;
                case JsonValueKind.Null:
                    break;
                default:
                    return A2AError.InvalidParams("params", "must be a JSON object.");
            }
        }

        return null;
    }

    /// <summary>The reason of a request refused for text that is not valid Unicode.</summary>
    public const string InvalidUnicode = "INVALID_UNICODE";

    /// <summary>Best effort: the top-level <c>id</c> of a body that is not (or not yet) parsed, for error responses.</summary>
    public static ReadOnlyMemory<byte> ScanId(ReadOnlySpan<byte> body)
    {
        var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = A2AAgentOptions.ProtocolMaxJsonDepth });
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return default;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isId = IsId(ref reader);
                if (!reader.Read())
                {
                    return default;
                }

                if (isId)
                {
                    if (reader.TokenType is not (JsonTokenType.String or JsonTokenType.Number))
                    {
                        return default;
                    }

                    var start = (int)reader.TokenStartIndex;
                    var length = reader.TokenType == JsonTokenType.String ? reader.ValueSpan.Length + 2 : reader.ValueSpan.Length;
                    var raw = body.Slice(start, length);
                    return length <= MaxIdLength && JsonTextCheck.FindInvalidUnicode(raw) is null ? raw.ToArray() : default;
                }

                reader.Skip();
            }
        }
        catch (JsonException)
        {
        }

        return default;
    }

    private static bool IsId(ref Utf8JsonReader reader)
    {
        try
        {
            return reader.ValueTextEquals("id"u8);
        }
        catch (InvalidOperationException)
        {
            // A member name that is not valid Unicode (a lone surrogate escape) cannot be unescaped: it is not "id".
            return false;
        }
    }

    /// <summary>Whether well-formed JSON nests deeper than <paramref name="limit"/> (told apart from a syntax error).</summary>
    internal static bool IsTooDeep(ReadOnlySpan<byte> body, int limit)
    {
        var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = 100_000 });
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray && reader.CurrentDepth >= limit)
                {
                    return true;
                }
            }
        }
        catch (JsonException)
        {
        }

        return false;
    }
}
