using System.Net;
using System.Net.Http.Headers;
using A2AGen.Client;
using A2AGen.Protocol;

namespace A2AGen.Fuzz.Targets;

/// <summary>
/// An agent's <c>text/event-stream</c> answer as the client reads it. The first byte sets how the bytes arrive (reads
/// of 1 to 32 bytes, or all at once) and the event size limit; the rest is the stream. The reader must split events the
/// same way whatever the reads, and <see cref="A2AClient"/> may refuse a stream only with an
/// <see cref="A2AClientException"/> whose message is safe to log.
/// </summary>
internal static class ServerSentEventTarget
{
    private static readonly Uri Endpoint = new("http://127.0.0.1/a2a");

    public static void Run(byte[] data)
    {
        if (data.Length == 0)
        {
            return;
        }

        var chunk = data[0] % 33;
        var maxEventSize = 64 << (data[0] >> 5);
        var body = data[1..];
        var whole = Events(new MemoryStream(body), maxEventSize);
        var trickled = Events(new TricklingStream(body, chunk == 0 ? int.MaxValue : chunk), maxEventSize);
        FuzzInvariant.Check(whole.SequenceEqual(trickled), "the events do not depend on how the bytes arrive");
        ReadThroughClient(body, chunk == 0 ? int.MaxValue : chunk, maxEventSize);
    }

    private static List<string> Events(Stream stream, int maxEventSize)
    {
        var events = new List<string>();
        try
        {
            var reader = ServerSentEventReader.ReadAsync(stream, maxEventSize, CancellationToken.None).GetAsyncEnumerator();
            while (reader.MoveNextAsync().AsTask().GetAwaiter().GetResult())
            {
                events.Add(reader.Current.EventType + "\u0000" + Convert.ToHexString(reader.Current.Data.Span));
            }
        }
        catch (A2AClientException e) when (e.Reason == "EVENT_TOO_LARGE")
        {
            events.Add("EVENT_TOO_LARGE");
        }

        return events;
    }

    private static void ReadThroughClient(byte[] body, int chunk, int maxEventSize)
    {
        using var http = new HttpClient(new StreamAnswer(body, chunk));
        var client = new A2AClient(http, Endpoint, new A2AClientOptions { MaxEventSize = maxEventSize });
        try
        {
            var stream = client.SendStreamingMessageAsync(new SendMessageRequest { Message = Message.UserText("fuzz") }).GetAsyncEnumerator();
            while (stream.MoveNextAsync().AsTask().GetAwaiter().GetResult())
            {
                A2AGen.Protocol.Serialization.A2AJson.SerializeToUtf8Bytes(stream.Current);
            }
        }
        catch (A2AClientException e)
        {
            FuzzInvariant.SafeText(e.Reason, "a client refusal's reason");
        }
    }

    /// <summary>The agent's side of the connection: answers any request with the fuzzed event stream.</summary>
    private sealed class StreamAnswer(byte[] body, int chunk) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var content = new StreamContent(new TricklingStream(body, chunk));
            content.Headers.ContentType = new MediaTypeHeaderValue("text/event-stream");
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = content, RequestMessage = request });
        }
    }

    /// <summary>A stream that returns at most <c>chunk</c> bytes per read, as a network connection may.</summary>
    private sealed class TricklingStream(byte[] data, int chunk) : Stream
    {
        private int _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => data.Length;

        public override long Position
        {
            get => _position;
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var n = Math.Min(Math.Min(buffer.Length, chunk), data.Length - _position);
            data.AsSpan(_position, n).CopyTo(buffer);
            _position += n;
            return n;
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => new(Read(buffer.Span));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => Task.FromResult(Read(buffer, offset, count));

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
