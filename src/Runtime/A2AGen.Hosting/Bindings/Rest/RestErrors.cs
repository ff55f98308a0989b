using A2AGen.Protocol.JsonRpc;
using Microsoft.AspNetCore.Http;

namespace A2AGen.Hosting;

/// <summary>
/// The HTTP+JSON form of an <see cref="A2AError"/> (spec §11.6, §5.4): the HTTP status and the <c>google.rpc.Status</c>
/// canonical code name. A2A errors take the §5.4 table of the A2A specification v1.0.1 (the HTTP status of each error's
/// <c>google.rpc.Code</c>, so HTTP+JSON and gRPC agree): <c>TaskNotFoundError</c> → 404 <c>NOT_FOUND</c>, the precondition
/// errors (<c>TaskNotCancelable</c>, <c>PushNotificationNotSupported</c>, <c>UnsupportedOperation</c>,
/// <c>ExtendedAgentCardNotConfigured</c>, <c>ExtensionSupportRequired</c>, <c>VersionNotSupported</c>) → 400
/// <c>FAILED_PRECONDITION</c>, <c>ContentTypeNotSupportedError</c> → 400 <c>INVALID_ARGUMENT</c>,
/// <c>InvalidAgentResponseError</c> → 500 <c>INTERNAL</c>. (v1.0.0 had 409, 415 and 502 for the three last-named and
/// <c>UNIMPLEMENTED</c> on gRPC for three of the precondition errors; v1.0.1, the TCK and the JS SDK follow the table above.)
/// Invalid requests are 400 <c>INVALID_ARGUMENT</c>; errors that already carry an HTTP status (401, 403, 413, 415, 429,
/// 500, 503) keep it, exactly as on JSON-RPC.
/// </summary>
internal static class RestErrors
{
    public static (int HttpStatus, string Status) Of(A2AError error) => error.Code switch
    {
        JsonRpcErrorCodes.TaskNotFound => (StatusCodes.Status404NotFound, "NOT_FOUND"),
        JsonRpcErrorCodes.TaskNotCancelable
            or JsonRpcErrorCodes.PushNotificationNotSupported
            or JsonRpcErrorCodes.UnsupportedOperation
            or JsonRpcErrorCodes.ExtendedAgentCardNotConfigured
            or JsonRpcErrorCodes.ExtensionSupportRequired
            or JsonRpcErrorCodes.VersionNotSupported => (StatusCodes.Status400BadRequest, "FAILED_PRECONDITION"),
        JsonRpcErrorCodes.ContentTypeNotSupported => (StatusCodes.Status400BadRequest, "INVALID_ARGUMENT"),
        JsonRpcErrorCodes.InvalidAgentResponse => (StatusCodes.Status500InternalServerError, "INTERNAL"),
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
