using A2AGen.Protocol.JsonRpc;
using Microsoft.AspNetCore.Http;

namespace A2AGen.Hosting;

/// <summary>
/// The HTTP+JSON form of an <see cref="A2AError"/> (spec §11.6, §5.4): the HTTP status and the <c>google.rpc.Status</c>
/// canonical code name. A2A errors take the spec's §5.4 HTTP status (<c>TaskNotFoundError</c> → 404,
/// <c>TaskNotCancelableError</c> → 409, <c>ContentTypeNotSupportedError</c> → 415, <c>InvalidAgentResponseError</c> → 502,
/// the other precondition errors → 400 <c>FAILED_PRECONDITION</c>); invalid requests are 400 <c>INVALID_ARGUMENT</c>; errors
/// that already carry an HTTP status (401, 403, 413, 415, 429, 500, 503) keep it, exactly as on JSON-RPC.
/// </summary>
internal static class RestErrors
{
    public static (int HttpStatus, string Status) Of(A2AError error) => error.Code switch
    {
        JsonRpcErrorCodes.TaskNotFound => (StatusCodes.Status404NotFound, "NOT_FOUND"),
        JsonRpcErrorCodes.TaskNotCancelable => (StatusCodes.Status409Conflict, "FAILED_PRECONDITION"),
        JsonRpcErrorCodes.PushNotificationNotSupported
            or JsonRpcErrorCodes.UnsupportedOperation
            or JsonRpcErrorCodes.ExtendedAgentCardNotConfigured
            or JsonRpcErrorCodes.ExtensionSupportRequired
            or JsonRpcErrorCodes.VersionNotSupported => (StatusCodes.Status400BadRequest, "FAILED_PRECONDITION"),
        JsonRpcErrorCodes.ContentTypeNotSupported => (StatusCodes.Status415UnsupportedMediaType, "INVALID_ARGUMENT"),
        JsonRpcErrorCodes.InvalidAgentResponse => (StatusCodes.Status502BadGateway, "INTERNAL"),
        JsonRpcErrorCodes.MethodNotFound => (StatusCodes.Status404NotFound, "NOT_FOUND"),
        _ => ByHttpStatus(error.HttpStatus),
    };

    private static (int, string) ByHttpStatus(int status) => status switch
    {
        StatusCodes.Status200OK or StatusCodes.Status400BadRequest => (StatusCodes.Status400BadRequest, "INVALID_ARGUMENT"),
        StatusCodes.Status401Unauthorized => (status, "UNAUTHENTICATED"),
        StatusCodes.Status403Forbidden => (status, "PERMISSION_DENIED"),
        StatusCodes.Status404NotFound => (status, "NOT_FOUND"),
        StatusCodes.Status413PayloadTooLarge or StatusCodes.Status415UnsupportedMediaType => (status, "INVALID_ARGUMENT"),
        StatusCodes.Status429TooManyRequests => (status, "RESOURCE_EXHAUSTED"),
        StatusCodes.Status503ServiceUnavailable => (status, "UNAVAILABLE"),
        _ => (StatusCodes.Status500InternalServerError, "INTERNAL"),
    };
}
