using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using A2AGen.Protocol.JsonRpc;
using A2AGen.Protocol.Serialization;

namespace A2AGen.Client;

/// <summary>Reads a result object into its A2A type; a result that does not fit the schema is the agent's fault.</summary>
internal static class ResultReader
{
    public static TResult Read<TResult>(JsonElement result, string method, HttpStatusCode status, JsonTypeInfo<TResult> resultType)
    {
        try
        {
            return A2AJson.Deserialize<TResult>(result)
                ?? throw new A2AClientException($"{method}: the result is null.", JsonRpcErrorCodes.InvalidAgentResponse, "INVALID_RESPONSE", status);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException or OverflowException)
        {
            throw new A2AClientException($"{method}: the result does not fit the A2A 1.0 schema: {ex.Message}", JsonRpcErrorCodes.InvalidAgentResponse, "INVALID_RESPONSE", status, ex);
        }
    }
}
