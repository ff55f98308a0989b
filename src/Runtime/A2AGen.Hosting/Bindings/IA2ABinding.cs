using System.Text.Json.Serialization.Metadata;
using A2AGen.Protocol;
using A2AGen.Security;

namespace A2AGen.Hosting;

/// <summary>
/// A protocol binding (JSON-RPC, HTTP+JSON): a thin adapter around the one pipeline. It parses what the request names,
/// decodes the operation's typed request, and encodes results, stream events and errors in its own form; everything
/// else — limits, version, extensions, signature, replay, passport, policy and the operation — is the pipeline's.
/// </summary>
internal interface IA2ABinding
{
    /// <summary>The binding's name in the card (<c>JSONRPC</c>, <c>HTTP+JSON</c>) and in telemetry.</summary>
    string Name { get; }

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

    /// <summary>Writes an operation's result.</summary>
    Task WriteResultAsync<T>(A2ARequest request, T result, JsonTypeInfo<T> typeInfo);

    /// <summary>Writes a refusal (the HTTP status and body of the binding's error form).</summary>
    Task WriteErrorAsync(A2ARequest request, A2AError error);

    /// <summary>Writes one Server-Sent Event carrying a stream item (including the <c>data: </c> prefix and the blank line).</summary>
    void WriteEvent(PooledBufferWriter buffer, A2ARequest request, StreamResponse item);

    /// <summary>Writes one Server-Sent Event carrying an error that ends a stream.</summary>
    void WriteErrorEvent(PooledBufferWriter buffer, A2ARequest request, A2AError error);

    /// <summary>Releases what parsing held (pooled buffers, documents).</summary>
    void Release(A2ARequest request);
}
