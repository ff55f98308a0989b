using System.Net;
using System.Text.Json;

namespace A2AGen.Client;

/// <summary>
/// An A2A call failed: a JSON-RPC error from the agent (with its code, message and <c>ErrorInfo</c> reason), an HTTP
/// failure without a JSON-RPC answer, or an answer that breaks the protocol.
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

    /// <summary>The JSON-RPC error code (<c>-32001</c> task not found, …), or null when the agent gave none.</summary>
    public int? Code { get; }

    /// <summary>The machine-readable <c>ErrorInfo.reason</c>, e.g. <c>TASK_NOT_FOUND</c> or <c>REQUEST_SIGNATURE_MISSING</c>.</summary>
    public string? Reason { get; }

    /// <summary>The <c>ErrorInfo.domain</c> of <see cref="Reason"/>.</summary>
    public string? Domain { get; init; }

    /// <summary>The request field at fault for invalid parameters (<c>params.message.parts</c>), when the agent named one.</summary>
    public string? Field { get; init; }

    /// <summary>The <c>ErrorInfo.metadata</c> (for example a <c>correlationId</c> of an internal error).</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; init; } = new Dictionary<string, string>();

    /// <summary>The HTTP status of the response, when one arrived.</summary>
    public HttpStatusCode? StatusCode { get; }

    /// <summary>The raw <c>error.data</c>, when present.</summary>
    public JsonElement? ErrorData { get; init; }
}
