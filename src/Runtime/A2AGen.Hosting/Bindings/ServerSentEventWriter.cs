using A2AGen.Protocol;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace A2AGen.Hosting;

/// <summary>
/// Streams an operation's events as Server-Sent Events (spec §9.4.2, §11.7), or as gRPC messages of a server stream
/// (spec §10.7): one item per <see cref="StreamResponse"/> in the binding's form (a JSON-RPC response, the bare object
/// for HTTP+JSON, a length-prefixed protobuf message for gRPC), flushed at once so the client sees progress as it happens.
/// </summary>
internal sealed class ServerSentEventWriter : IDisposable
{
    public const string ContentType = "text/event-stream";

    private static readonly byte[] KeepAlive = ": keep-alive\n\n"u8.ToArray();

    private readonly HttpResponse _response;
    private readonly A2ARequest _request;
    private readonly PooledBufferWriter _buffer = new(4096);
    private bool _started;

    public ServerSentEventWriter(A2ARequest request)
    {
        _request = request;
        _response = request.Http.Response;
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
        _request.Binding.StartStream(_response);
        _response.HttpContext.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        await _response.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task WriteAsync(StreamResponse item, CancellationToken cancellationToken)
    {
        await StartAsync(cancellationToken).ConfigureAwait(false);
        _buffer.Clear();
        _request.Binding.WriteEvent(_buffer, _request, item);
        await _response.Body.WriteAsync(_buffer.WrittenMemory, cancellationToken).ConfigureAwait(false);
        await _response.Body.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task WriteErrorAsync(A2AError error, CancellationToken cancellationToken)
    {
        await StartAsync(cancellationToken).ConfigureAwait(false);
        _buffer.Clear();
        _request.Binding.WriteErrorEvent(_buffer, _request, error);
        if (_buffer.WrittenMemory.IsEmpty)
        {
            return;
        }

        await _response.Body.WriteAsync(_buffer.WrittenMemory, cancellationToken).ConfigureAwait(false);
        await _response.Body.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sends an SSE comment: clients ignore it, intermediaries see traffic on an otherwise quiet stream.</summary>
    public async Task WriteKeepAliveAsync(CancellationToken cancellationToken)
    {
        if (!_request.Binding.SendsKeepAlive)
        {
            return;
        }

        await StartAsync(cancellationToken).ConfigureAwait(false);
        await _response.Body.WriteAsync(KeepAlive, cancellationToken).ConfigureAwait(false);
        await _response.Body.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    public void Dispose() => _buffer.Dispose();
}
