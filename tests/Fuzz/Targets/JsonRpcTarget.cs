using System.Text.Json;
using A2AGen.Hosting;
using A2AGen.Protocol;
using A2AGen.Protocol.Serialization;

namespace A2AGen.Fuzz.Targets;

/// <summary>
/// A JSON-RPC request body as the endpoint reads it: the envelope, then the params of every A2A method, then the
/// answer. Documented refusals are <see cref="A2AError"/>s; each is written as the endpoint would write it, and the
/// answer must be JSON whose message is safe to show and log. Params that read must serialize back (a stored task
/// must always be serializable).
/// </summary>
internal static class JsonRpcTarget
{
    public static void Run(byte[] data)
    {
        var error = JsonRpcEnvelope.TryParse(data, A2AAgentOptions.ProtocolMaxJsonDepth, out var envelope, out var id);
        if (error is not null)
        {
            FuzzInvariant.Check(envelope is null, "a refused envelope is not returned");
            Answer(id, error);
            return;
        }

        using (envelope)
        {
            ReadParams<SendMessageRequest>(envelope!);
            ReadParams<GetTaskRequest>(envelope!);
            ReadParams<ListTasksRequest>(envelope!);
            ReadParams<CancelTaskRequest>(envelope!);
            ReadParams<SubscribeToTaskRequest>(envelope!);
        }
    }

    // As the JSON-RPC binding reads params: the one RequestReader every binding shares.
    private static void ReadParams<T>(JsonRpcEnvelope envelope)
        where T : class
    {
        var error = RequestReader.Read<T>(envelope.Params, "params", envelope.Method, out var value);
        if (error is not null)
        {
            Answer(envelope.Id, error);
            return;
        }

        using var buffer = new PooledBufferWriter();
        JsonRpcResponseWriter.WriteResult(buffer, envelope.Id, value!, A2AJson.GetTypeInfo<T>());
        Parse(buffer.WrittenMemory, "a result answer");
    }

    private static void Answer(ReadOnlyMemory<byte> id, A2AError error)
    {
        FuzzInvariant.SafeText(error.Message, "an error answer");
        FuzzInvariant.SafeText(error.Field, "an error answer's field");
        FuzzInvariant.SafeText(error.LoggedMessage, "a logged error");
        using var buffer = new PooledBufferWriter(1024);
        JsonRpcResponseWriter.WriteError(buffer, id, error);
        Parse(buffer.WrittenMemory, "an error answer");
    }

    private static void Parse(ReadOnlyMemory<byte> json, string what)
    {
        try
        {
            using var document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 256 });
            FuzzInvariant.Check(JsonTextCheckPasses(json.Span), $"{what} is valid Unicode");
        }
        catch (JsonException e)
        {
            throw new FuzzInvariantException($"{what} is not JSON: {e.Message}");
        }
    }

    private static bool JsonTextCheckPasses(ReadOnlySpan<byte> json) => JsonTextCheck.FindInvalidUnicode(json) is null;
}
