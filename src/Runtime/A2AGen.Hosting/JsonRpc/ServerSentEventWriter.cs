using A2AGen.Protocol;
using A2AGen.Protocol.Serialization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace A2AGen.Hosting;

/// <summary>
/// Streams JSON-RPC responses as Server-Sent Events (spec §9.4.2): one <c>data: &lt;JSON-RPC response&gt;</c> event per
/// <see cref="StreamResponse"/>, flushed at once so the client sees progress as it happens.
/// </summary>
internal sealed class ServerSentEventWriter : IDisposable
{
    public const string ContentType = "text/event-stream";

    private static readonly byte[] DataPrefix = "data: "u8.ToArray();
    private static readonly byte[] EventEnd = "\n\n"u8.ToArray();
    private static readonly byte[] KeepAlive = ": keep-alive\n\n"u8.ToArray();

    private readonly HttpResponse _response;
    private readonly ReadOnlyMemory<byte> _id;
    private readonly PooledBufferWriter _buffer = new(4096);
    private bool _started;

    public ServerSentEventWriter(HttpResponse response, ReadOnlyMemory<byte> id)
    {
        _response = response;
        _id = id;
    }

    public bool Started => _started;

    /// <summary>Sends the headers; after this, errors can only travel as events.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (_started)
        {
            return;
        }

        _started = true;
        _response.StatusCode = StatusCodes.Status200OK;
        _response.ContentType = ContentType;
        _response.Headers.CacheControl = "no-cache";
        _response.Headers["X-Accel-Buffering"] = "no";
        _response.HttpContext.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        await _response.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task WriteAsync(StreamResponse item, CancellationToken cancellationToken)
    {
        await StartAsync(cancellationToken).ConfigureAwait(false);
        _buffer.Clear();
        Append(DataPrefix);
        JsonRpcResponseWriter.WriteResult(_buffer, _id, item, A2AJson.GetTypeInfo<StreamResponse>());
        Append(EventEnd);
        await _response.Body.WriteAsync(_buffer.WrittenMemory, cancellationToken).ConfigureAwait(false);
        await _response.Body.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task WriteErrorAsync(A2AError error, CancellationToken cancellationToken)
    {
        await StartAsync(cancellationToken).ConfigureAwait(false);
        _buffer.Clear();
        Append(DataPrefix);
        JsonRpcResponseWriter.WriteError(_buffer, _id, error);
        Append(EventEnd);
        await _response.Body.WriteAsync(_buffer.WrittenMemory, cancellationToken).ConfigureAwait(false);
        await _response.Body.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sends an SSE comment: clients ignore it, intermediaries see traffic on an otherwise quiet stream.</summary>
    public async Task WriteKeepAliveAsync(CancellationToken cancellationToken)
    {
        await StartAsync(cancellationToken).ConfigureAwait(false);
        await _response.Body.WriteAsync(KeepAlive, cancellationToken).ConfigureAwait(false);
        await _response.Body.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    public void Dispose() => _buffer.Dispose();

    private void Append(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(_buffer.GetSpan(bytes.Length));
        _buffer.Advance(bytes.Length);
    }
}
