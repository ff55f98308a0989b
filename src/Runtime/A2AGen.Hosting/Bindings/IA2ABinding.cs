using System.Text.Json.Serialization.Metadata;
using A2AGen.Protocol;
using A2AGen.Security;
using Microsoft.AspNetCore.Http;

namespace A2AGen.Hosting;

/// <summary>
/// A protocol binding (JSON-RPC, HTTP+JSON, gRPC): a thin adapter around the one pipeline. It parses what the request names,
/// decodes the operation's typed request, and encodes results, stream events and errors in its own form; everything
/// else — limits, version, extensions, signature, replay, passport, policy and the operation — is the pipeline's.
/// </summary>
internal interface IA2ABinding
{
    /// <summary>The binding's name in the card (<c>JSONRPC</c>, <c>HTTP+JSON</c>, <c>GRPC</c>) and in telemetry.</summary>
    string Name { get; }

    /// <summary>Media-type stage: whether the request's <c>Content-Type</c> is one this binding reads.</summary>
    bool AcceptsMediaType(string? contentType) => RequestBody.IsJsonContentType(contentType);

    /// <summary>Body stage: bytes of framing the body may carry beyond the agent's message limit (gRPC's 5-byte message prefix).</summary>
    int FramingOverhead => 0;

    /// <summary>Sends the headers that open a stream (Server-Sent Events by default).</summary>
    void StartStream(HttpResponse response)
    {
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = ServerSentEventWriter.ContentType;
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no";
    }

    /// <summary>Whether a quiet stream gets keep-alive comments (SSE); gRPC relies on HTTP/2 pings instead.</summary>
    bool SendsKeepAlive => true;

    /// <summary>Whether the request's media type must be checked (it carries, or must carry, a body).</summary>
    bool HasBody(A2ARequest request);

    /// <summary>A refusal before <see cref="Parse"/>: read what the answer must echo (the JSON-RPC id) from the raw body.</summary>
    void PrepareEarlyRefusal(A2ARequest request);

    /// <summary>Parse stage: reads the envelope or route and sets <see cref="A2ARequest.Operation"/>.</summary>
    A2AError? Parse(A2ARequest request);

    /// <summary>Params stage: decodes the operation's typed request into <see cref="A2ARequest.Input"/>.</summary>
    A2AError? Decode(A2ARequest request);

    /// <summary>The request field path in the binding's own terms.</summary>
    string FieldPath(string path);

    /// <summary>The URL(s) a request signature's <c>htu</c> must name for this request.</summary>
    RequestTarget UrlTarget(A2ARequest request);

    /// <summary>The URL(s) a request signature's <c>aud</c> may name for this request.</summary>
    RequestTarget AudienceTarget(A2ARequest request);

    /// <summary>The URL(s) that name the agent in a passport's audience: the agent's URL, whatever binding carried the request.</summary>
    RequestTarget PassportAudience(A2ARequest request) => request.Agent.SignatureTarget(request.Http.Request);

    /// <summary>Writes an operation's result.</summary>
    Task WriteResultAsync<T>(A2ARequest request, T result, JsonTypeInfo<T> typeInfo);

    /// <summary>Writes a refusal (the HTTP status and body of the binding's error form).</summary>
    Task WriteErrorAsync(A2ARequest request, A2AError error);

    /// <summary>Writes one stream item (an SSE event including the <c>data: </c> prefix and the blank line; a gRPC message with its prefix).</summary>
    void WriteEvent(PooledBufferWriter buffer, A2ARequest request, StreamResponse item);

    /// <summary>An error after the answer has started outside a stream's own events (SSE: nothing can be added; gRPC: the status trailers).</summary>
    void WriteLateError(A2ARequest request, A2AError error)
    {
    }

    /// <summary>Writes the error that ends a stream (an SSE event; gRPC: the status trailers, nothing in the buffer).</summary>
    void WriteErrorEvent(PooledBufferWriter buffer, A2ARequest request, A2AError error);

    /// <summary>Releases what parsing held (pooled buffers, documents).</summary>
    void Release(A2ARequest request);
}
