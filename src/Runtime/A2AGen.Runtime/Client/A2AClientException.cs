using System.Net;
using System.Text.Json;
using A2AGen.Protocol.JsonRpc;

namespace A2AGen.Client;

/// <summary>
/// An A2A call failed: an error from the agent (with its code, message and <c>ErrorInfo</c> reason), an HTTP
/// failure without an A2A answer, or an answer that breaks the protocol. Errors look the same on every binding: an
/// HTTP+JSON or gRPC error (a <c>google.rpc.Status</c>) carries the <see cref="Code"/> the same error has over JSON-RPC
/// (see <see cref="FromStatus"/>).
/// </summary>
public sealed class A2AClientException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What failed.</param>
    /// <param name="code">The JSON-RPC error code, if the agent answered with one.</param>
    /// <param name="reason">The <c>ErrorInfo.reason</c>, if any.</param>
    /// <param name="statusCode">The HTTP status, if a response arrived.</param>
    /// <param name="innerException">The underlying error, if any.</param>
    public A2AClientException(string message, int? code = null, string? reason = null, HttpStatusCode? statusCode = null, Exception? innerException = null)
        : base(message, innerException)
    {
        Code = code;
        Reason = reason;
        StatusCode = statusCode;
    }

    /// <summary>
    /// The JSON-RPC error code (<c>-32001</c> task not found, …), or null when the agent gave none. On HTTP+JSON and gRPC,
    /// the code the same error has over JSON-RPC (derived from the reason and status, see <see cref="FromStatus"/>).
    /// </summary>
    public int? Code { get; }

    /// <summary>The machine-readable <c>ErrorInfo.reason</c>, e.g. <c>TASK_NOT_FOUND</c> or <c>REQUEST_SIGNATURE_MISSING</c>.</summary>
    public string? Reason { get; }

    /// <summary>The <c>ErrorInfo.domain</c> of <see cref="Reason"/>.</summary>
    public string? Domain { get; init; }

    /// <summary>The request field at fault for invalid parameters (<c>params.message.parts</c>), when the agent named one.</summary>
    public string? Field { get; init; }

    /// <summary>The <c>ErrorInfo.metadata</c> (for example a <c>correlationId</c> of an internal error).</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; init; } = new Dictionary<string, string>();

    /// <summary>The HTTP status of the response, when one arrived (HTTP bindings).</summary>
    public HttpStatusCode? StatusCode { get; }

    /// <summary>The <c>google.rpc.Status</c> code name of an HTTP+JSON or gRPC error (<c>NOT_FOUND</c>, <c>UNAUTHENTICATED</c>, …), else null.</summary>
    public string? Status { get; init; }

    /// <summary>The raw <c>error.data</c>, when present.</summary>
    public JsonElement? ErrorData { get; init; }

    /// <summary>
    /// Every attempt of the call, in order, when the transport retried it (<see cref="A2AClientOptions.Retry"/>): when
    /// each started and how it ended. Empty when the transport does not report attempts.
    /// </summary>
    public IReadOnlyList<DeliveryAttempt> Attempts { get; internal set; } = [];

    /// <summary>
    /// The id of the dead letter the message was saved as (<see cref="A2AClientOptions.DeadLetters"/>) when its retries
    /// were spent; null when it was not saved.
    /// </summary>
    public string? DeadLetterId { get; internal set; }

    /// <summary>
    /// The exception for an error a binding reported as a <c>google.rpc.Status</c> (HTTP+JSON, gRPC), shaped as the same
    /// error is over JSON-RPC. <see cref="Code"/> is the JSON-RPC code the <c>ErrorInfo</c> reason stands for (the spec's
    /// reasons: <c>TASK_NOT_FOUND</c> → -32001 … <c>VERSION_NOT_SUPPORTED</c> → -32009; <c>PARSE_ERROR</c>,
    /// <c>METHOD_NOT_FOUND</c>, <c>INVALID_PARAMS</c>, <c>INTERNAL_ERROR</c>), else the one the status stands for:
    /// <c>UNAUTHENTICATED</c> and <c>PERMISSION_DENIED</c> → -32000 (A2AGen's code for security refusals),
    /// <c>INVALID_ARGUMENT</c> → -32602 with a field at fault and -32600 without, <c>INTERNAL</c>, <c>UNAVAILABLE</c>
    /// and <c>RESOURCE_EXHAUSTED</c> → -32603; otherwise null. For transports (A2AGen's own or yours).
    /// </summary>
    /// <param name="method">The A2A method called.</param>
    /// <param name="status">The canonical status code name (<c>NOT_FOUND</c>).</param>
    /// <param name="message">The status message.</param>
    /// <param name="reason">The <c>ErrorInfo.reason</c>, if any.</param>
    /// <param name="domain">The <c>ErrorInfo.domain</c>, if any.</param>
    /// <param name="metadata">The <c>ErrorInfo.metadata</c>, if any.</param>
    /// <param name="field">The field at fault (<c>BadRequest</c>, else <c>metadata.field</c>), if any.</param>
    /// <param name="statusCode">The HTTP status, for HTTP+JSON.</param>
    /// <param name="innerException">The underlying error (e.g. an <c>RpcException</c>).</param>
    public static A2AClientException FromStatus(string method, string status, string? message, string? reason, string? domain, IReadOnlyDictionary<string, string>? metadata, string? field, HttpStatusCode? statusCode = null, Exception? innerException = null)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(status);
        metadata ??= new Dictionary<string, string>();
        field ??= metadata.GetValueOrDefault("field");
        var code = CodeOf(reason, status, field);
        return new A2AClientException($"{method} failed: {message ?? "no message"} ({status}{(reason is null ? "" : ", " + reason)})", code, reason, statusCode, innerException)
        {
            Domain = domain,
            Field = field,
            Metadata = metadata,
            Status = status,
        };
    }

    private static int? CodeOf(string? reason, string status, string? field) => reason switch
    {
        "TASK_NOT_FOUND" => JsonRpcErrorCodes.TaskNotFound,
        "TASK_NOT_CANCELABLE" => JsonRpcErrorCodes.TaskNotCancelable,
        "PUSH_NOTIFICATION_NOT_SUPPORTED" => JsonRpcErrorCodes.PushNotificationNotSupported,
        "UNSUPPORTED_OPERATION" => JsonRpcErrorCodes.UnsupportedOperation,
        "CONTENT_TYPE_NOT_SUPPORTED" => JsonRpcErrorCodes.ContentTypeNotSupported,
        "INVALID_AGENT_RESPONSE" => JsonRpcErrorCodes.InvalidAgentResponse,
        "EXTENDED_AGENT_CARD_NOT_CONFIGURED" => JsonRpcErrorCodes.ExtendedAgentCardNotConfigured,
        "EXTENSION_SUPPORT_REQUIRED" => JsonRpcErrorCodes.ExtensionSupportRequired,
        "VERSION_NOT_SUPPORTED" => JsonRpcErrorCodes.VersionNotSupported,
        "PARSE_ERROR" => JsonRpcErrorCodes.ParseError,
        "METHOD_NOT_FOUND" => JsonRpcErrorCodes.MethodNotFound,
        "INVALID_PARAMS" => JsonRpcErrorCodes.InvalidParams,
        "INTERNAL_ERROR" => JsonRpcErrorCodes.InternalError,
        _ => status switch
        {
            "UNAUTHENTICATED" or "PERMISSION_DENIED" => SecurityErrorCode,
            "INVALID_ARGUMENT" => field is null ? JsonRpcErrorCodes.InvalidRequest : JsonRpcErrorCodes.InvalidParams,
            "INTERNAL" or "UNAVAILABLE" or "RESOURCE_EXHAUSTED" => JsonRpcErrorCodes.InternalError,
            _ => null,
        },
    };

    // A2AGen agents answer authentication and authorization failures with this implementation-defined code.
    private const int SecurityErrorCode = -32000;
}
