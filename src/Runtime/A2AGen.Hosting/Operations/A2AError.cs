using A2AGen.Security;
using A2AGen.Protocol.JsonRpc;
using A2AGen.Protocol.Serialization;
using Microsoft.AspNetCore.Http;

namespace A2AGen.Hosting;

/// <summary>
/// A typed A2A error an operation or a pipeline stage answers with, independent of the binding: the A2A (JSON-RPC) code,
/// a message safe to show the caller, the machine-readable <c>ErrorInfo</c> reason and domain, the HTTP status, and
/// (for invalid parameters) the field at fault. Each binding renders it in its own form (a JSON-RPC error, a
/// <c>google.rpc.Status</c>).
/// </summary>
internal sealed class A2AError
{
    /// <summary>JSON-RPC code for authentication and authorization failures (HTTP 401/403): the generic
    /// implementation-defined server error, since A2A defines no code of its own; the HTTP status and
    /// <c>ErrorInfo.reason</c> say exactly what failed.</summary>
    public const int SecurityErrorCode = -32000;

    /// <summary>The error domain of reasons the A2A specification defines.</summary>
    public const string SpecDomain = "a2a-protocol.org";

    /// <summary>The longest message an answer or a log line carries.</summary>
    public const int MaxMessageLength = 2048;

    private A2AError(int code, string reason, string message, int httpStatus = StatusCodes.Status200OK)
    {
        Code = code;
        Reason = reason;
        // Pieces of caller text are sanitized where they are quoted; the whole message passes the same sanitizer
        // again, so no path can put a control character into an answer or a log line.
        Message = CallerText.Sanitize(message, MaxMessageLength);
        HttpStatus = httpStatus;
    }

    public int Code { get; }

    public string Reason { get; }

    public string Message { get; }

    public int HttpStatus { get; }

    /// <summary>The request field at fault (<c>params.message.parts</c>), reported as a <c>BadRequest</c> field violation.</summary>
    public string? Field { get; private init; }

    /// <summary>Extra <c>ErrorInfo.metadata</c> (never secrets).</summary>
    public IReadOnlyList<KeyValuePair<string, string>>? Metadata { get; private init; }

    /// <summary>The domain of <see cref="Reason"/>: the spec's for its own errors, A2AGen's otherwise.</summary>
    public string Domain { get; private init; } = ErrorInfo.A2AGenDomain;

    /// <summary>Whether this is an authentication or authorization failure (logged as a warning).</summary>
    public bool IsSecurity => Code == SecurityErrorCode;

    /// <summary>The precise reason for the log and the metrics when the caller is told less (<see cref="Reason"/>), else null.</summary>
    public string? PreciseReason { get; private init; }

    /// <summary>The precise message for the log when the caller is told less (<see cref="Message"/>), else null.</summary>
    public string? PreciseMessage { get; private init; }

    /// <summary>The reason logs and metrics record.</summary>
    public string LoggedReason => PreciseReason ?? Reason;

    /// <summary>The message logs record.</summary>
    public string LoggedMessage => PreciseMessage ?? Message;

    /// <summary>-32700 in A2AGen's own words (<see cref="JsonTextCheck.DescribeSyntaxError"/>), never the parser's message.</summary>
    public static A2AError ParseError(string detail) =>
        new(JsonRpcErrorCodes.ParseError, "PARSE_ERROR", "The request body is not valid JSON: " + detail + ".");

    public static A2AError InvalidRequest(string reason, string message, int httpStatus = StatusCodes.Status200OK) =>
        new(JsonRpcErrorCodes.InvalidRequest, reason, message, httpStatus);

    public static A2AError BodyTooLarge(long limit) =>
        new(JsonRpcErrorCodes.InvalidRequest, "REQUEST_TOO_LARGE", $"The request body exceeds this agent's limit of {limit} bytes.", StatusCodes.Status413PayloadTooLarge);

    public static A2AError UnsupportedMediaType(string? contentType) =>
        new(JsonRpcErrorCodes.InvalidRequest, "UNSUPPORTED_MEDIA_TYPE",
            $"A2A JSON-RPC requests need Content-Type: application/json (got '{CallerText.Sanitize(contentType ?? "none", 64)}').",
            StatusCodes.Status415UnsupportedMediaType);

    public static A2AError JsonTooDeep(int limit) =>
        new(JsonRpcErrorCodes.InvalidRequest, "JSON_TOO_DEEP", $"The request nests JSON deeper than this agent's limit of {limit} levels.");

    public static A2AError MethodNotFound(string message) =>
        new(JsonRpcErrorCodes.MethodNotFound, "METHOD_NOT_FOUND", message);

    public static A2AError InvalidParams(string field, string message, string reason = "INVALID_PARAMS")
    {
        // Field paths and binding messages can carry the caller's own property names.
        field = CallerText.Sanitize(field, 200);
        return new(JsonRpcErrorCodes.InvalidParams, reason, $"Invalid parameters: {field}: {CallerText.Sanitize(message, 500)}") { Field = field };
    }

    public static A2AError Internal(string correlationId) =>
        new(JsonRpcErrorCodes.InternalError, "INTERNAL_ERROR", $"Internal error; correlation id {correlationId}.", StatusCodes.Status500InternalServerError)
        {
            Metadata = [new("correlationId", correlationId)],
        };

    public static A2AError Unavailable(string reason, string message) =>
        new(JsonRpcErrorCodes.InternalError, reason, message, StatusCodes.Status503ServiceUnavailable);

    /// <summary>HTTP 429: this caller holds as many tasks as the agent keeps for one caller (the other callers are unaffected).</summary>
    public static A2AError TaskQuotaExceeded() =>
        new(JsonRpcErrorCodes.InternalError, "TASK_QUOTA_EXCEEDED",
            "This caller holds as many tasks as the agent keeps for one caller; retry when some have expired.", StatusCodes.Status429TooManyRequests);

    public static A2AError TaskNotFound(string taskId) =>
        new(JsonRpcErrorCodes.TaskNotFound, "TASK_NOT_FOUND", $"Task '{taskId}' was not found (it may have expired).")
        {
            Domain = SpecDomain,
            Metadata = [new("taskId", taskId)],
        };

    public static A2AError TaskNotCancelable(string taskId, string state) =>
        new(JsonRpcErrorCodes.TaskNotCancelable, "TASK_NOT_CANCELABLE", $"Task '{taskId}' is {state} and can no longer be canceled.")
        {
            Domain = SpecDomain,
            Metadata = [new("taskId", taskId)],
        };

    public static A2AError PushNotificationNotSupported() =>
        new(JsonRpcErrorCodes.PushNotificationNotSupported, "PUSH_NOTIFICATION_NOT_SUPPORTED",
            "This agent does not support push notifications (capabilities.pushNotifications is false).")
        { Domain = SpecDomain };

    /// <summary>The task exists (and is the caller's) but has no push-notification configuration with this id: reported like a missing task (404 on HTTP+JSON, NOT_FOUND on gRPC).</summary>
    public static A2AError PushConfigNotFound(string taskId, string configId) =>
        new(JsonRpcErrorCodes.TaskNotFound, "PUSH_NOTIFICATION_CONFIG_NOT_FOUND", $"Task '{taskId}' has no push-notification configuration '{configId}'.")
        {
            Metadata = [new("taskId", taskId), new("configId", configId)],
        };

    public static A2AError UnsupportedOperation(string message) =>
        new(JsonRpcErrorCodes.UnsupportedOperation, "UNSUPPORTED_OPERATION", message) { Domain = SpecDomain };

    public static A2AError InvalidAgentResponse(string message) =>
        new(JsonRpcErrorCodes.InvalidAgentResponse, "INVALID_AGENT_RESPONSE", message, StatusCodes.Status500InternalServerError) { Domain = SpecDomain };

    public static A2AError ContentTypeNotSupported(string field, string message) =>
        new(JsonRpcErrorCodes.ContentTypeNotSupported, "CONTENT_TYPE_NOT_SUPPORTED", message) { Domain = SpecDomain, Field = field };

    public static A2AError ExtendedCardNotConfigured() =>
        new(JsonRpcErrorCodes.ExtendedAgentCardNotConfigured, "EXTENDED_AGENT_CARD_NOT_CONFIGURED",
            "This agent has no extended Agent Card for this caller.")
        { Domain = SpecDomain };

    public static A2AError ExtensionSupportRequired(IReadOnlyList<string> missing) =>
        new(JsonRpcErrorCodes.ExtensionSupportRequired, "EXTENSION_SUPPORT_REQUIRED",
            $"This agent requires the extension(s) {string.Join(", ", missing)}; list them in the A2A-Extensions header.")
        {
            Domain = SpecDomain,
            Metadata = [new("extensions", string.Join(",", missing))],
        };

    public static A2AError VersionNotSupported(string? version) =>
        new(JsonRpcErrorCodes.VersionNotSupported, "VERSION_NOT_SUPPORTED", version is null
            ? "The request has no A2A-Version, which means A2A 0.3 (spec §3.6.2); this server speaks A2A 1.0. Send the header A2A-Version: 1.0."
            : $"A2A-Version '{CallerText.Sanitize(version, 32)}' is not supported; this server speaks A2A 1.0. Send the header A2A-Version: 1.0.")
        {
            Domain = SpecDomain,
            Metadata = [new("supportedVersions", "1.0")],
        };

    /// <summary>HTTP 401: a credential (signature, passport signature) is missing, invalid or unverifiable.</summary>
    public static A2AError Unauthenticated(string reason, string message) =>
        new(SecurityErrorCode, reason, message, StatusCodes.Status401Unauthorized);

    /// <summary>
    /// HTTP 401 that tells the caller less than the log: the caller gets <paramref name="reason"/> and
    /// <paramref name="message"/>; the log and the metrics keep <paramref name="preciseReason"/> and
    /// <paramref name="preciseMessage"/> (e.g. which of "unknown issuer", "unknown key", "key of another agent" it was).
    /// </summary>
    public static A2AError Unauthenticated(string reason, string message, string preciseReason, string preciseMessage) =>
        new(SecurityErrorCode, reason, message, StatusCodes.Status401Unauthorized)
        {
            PreciseReason = preciseReason,
            PreciseMessage = CallerText.Sanitize($"{preciseMessage} (answered {reason})", MaxMessageLength),
        };

    /// <summary>HTTP 403: the caller is known but the skill's policy refuses it.</summary>
    /// <param name="reason">The <c>ErrorInfo.reason</c>.</param>
    /// <param name="message">What the policy refused.</param>
    /// <param name="field">The request field at fault, if one is (e.g. a malformed passport member).</param>
    public static A2AError Forbidden(string reason, string message, string? field = null) =>
        new(SecurityErrorCode, reason, message, StatusCodes.Status403Forbidden) { Field = field is null ? null : CallerText.Sanitize(field, 200) };
}
