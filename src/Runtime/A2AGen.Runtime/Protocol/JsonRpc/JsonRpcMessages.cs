using System.Text.Json;
using System.Text.Json.Serialization;

namespace A2AGen.Protocol.JsonRpc;

/// <summary>A JSON-RPC 2.0 request. <see cref="Params"/> stays raw until the method is known.</summary>
public sealed record JsonRpcRequest
{
    /// <summary>Always <c>2.0</c>.</summary>
    [JsonPropertyName("jsonrpc")]
    public string JsonRpc { get; init => field = value ?? ""; } = "2.0";

    /// <summary>The request id (string, number or null), echoed with its JSON type.</summary>
    public JsonElement? Id { get; init; }

    /// <summary>The method name, e.g. <c>SendMessage</c>.</summary>
    public string Method { get; init => field = value ?? ""; } = "";

    /// <summary>Method parameters.</summary>
    public JsonElement? Params { get; init; }
}

/// <summary>A JSON-RPC 2.0 response: <see cref="Result"/> or <see cref="Error"/>.</summary>
public sealed record JsonRpcResponse
{
    /// <summary>Always <c>2.0</c>.</summary>
    [JsonPropertyName("jsonrpc")]
    public string JsonRpc { get; init => field = value ?? ""; } = "2.0";

    /// <summary>The id of the request answered (null when it could not be read).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public JsonElement? Id { get; init; }

    /// <summary>The result.</summary>
    public JsonElement? Result { get; init; }

    /// <summary>The error.</summary>
    public JsonRpcError? Error { get; init; }
}

/// <summary>A JSON-RPC 2.0 error object.</summary>
public sealed record JsonRpcError
{
    /// <summary>The error code (<see cref="JsonRpcErrorCodes"/>).</summary>
    public int Code { get; init; }

    /// <summary>A short human-readable message.</summary>
    public string Message { get; init => field = value ?? ""; } = "";

    /// <summary>Details: an array of <c>google.rpc</c> objects such as <see cref="ErrorInfo"/>.</summary>
    public JsonElement? Data { get; init; }
}

/// <summary><c>google.rpc.ErrorInfo</c>: a machine-readable reason for an error (DESIGN §6.7).</summary>
public sealed record ErrorInfo
{
    /// <summary>The ProtoJSON <c>Any</c> type URL.</summary>
    public const string TypeUrl = "type.googleapis.com/google.rpc.ErrorInfo";

    /// <summary>The A2AGen error domain.</summary>
    public const string A2AGenDomain = "a2agen.dev";

    /// <summary>Always <see cref="TypeUrl"/>.</summary>
    [JsonPropertyName("@type")]
    public string Type { get; init => field = value ?? ""; } = TypeUrl;

    /// <summary>UPPER_SNAKE_CASE reason, e.g. <c>REQUEST_SIGNATURE_EXPIRED</c>.</summary>
    public string Reason { get; init => field = value ?? ""; } = "";

    /// <summary>The error domain.</summary>
    public string Domain { get; init => field = value ?? ""; } = A2AGenDomain;

    /// <summary>Extra context (never secrets).</summary>
    public IReadOnlyDictionary<string, string>? Metadata { get; init; }
}
