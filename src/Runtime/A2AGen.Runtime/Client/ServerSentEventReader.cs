using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text;

namespace A2AGen.Client;

/// <summary>One Server-Sent Event: its type (<c>message</c> unless named) and its data lines joined by <c>\n</c>.</summary>
/// <param name="EventType">The <c>event:</c> field, or <c>message</c>.</param>
/// <param name="Data">The UTF-8 data.</param>
internal readonly record struct ServerSentEvent(string EventType, ReadOnlyMemory<byte> Data);

/// <summary>
/// Reads <c>text/event-stream</c> (WHATWG HTML §9.2.6) from a stream: <c>data:</c> lines accumulate, <c>event:</c>
/// names the event, comments and other fields are skipped, a blank line dispatches. Any line ending (LF, CRLF, CR)
/// is accepted. An event larger than the limit stops the stream with an error instead of growing without bound.
/// </summary>
internal static class ServerSentEventReader
{
    public static async IAsyncEnumerable<ServerSentEvent> ReadAsync(Stream stream, int maxEventSize, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
        var data = new ArrayBufferWriter<byte>(1024);
        string? eventType = null;
        var start = 0;
        var end = 0;
        var skipLineFeed = false;
        try
        {
            while (true)
            {
                // Every complete line in the buffer.
                while (true)
                {
                    if (skipLineFeed && start < end)
                    {
                        if (buffer[start] == (byte)'\n')
                        {
                            start++;
                        }

                        skipLineFeed = false;
                    }

                    var span = buffer.AsSpan(start, end - start);
                    var lineEnd = span.IndexOfAny((byte)'\n', (byte)'\r');
                    if (lineEnd < 0)
                    {
                        break;
                    }

                    var line = span[..lineEnd];
                    skipLineFeed = span[lineEnd] == (byte)'\r';
                    start += lineEnd + 1;

                    if (line.IsEmpty)
                    {
                        if (data.WrittenCount > 0)
                        {
                            yield return new ServerSentEvent(eventType ?? "message", data.WrittenSpan.ToArray());
                        }

                        data.Clear();
                        eventType = null;
                        continue;
                    }

                    ReadField(line, data, ref eventType, maxEventSize);
                }

                // Make room: move the partial line to the front, grow when one line fills the buffer.
                if (start > 0)
                {
                    buffer.AsSpan(start, end - start).CopyTo(buffer);
                    end -= start;
                    start = 0;
                }

                if (end == buffer.Length)
                {
                    if (buffer.Length > maxEventSize)
                    {
                        throw new A2AClientException($"A streamed event is larger than the client's limit of {maxEventSize} bytes.", reason: "EVENT_TOO_LARGE");
                    }

                    var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                    buffer.AsSpan(0, end).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }

                var read = await stream.ReadAsync(buffer.AsMemory(end), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    // A final event without its blank line is incomplete and dropped (as the standard says).
                    yield break;
                }

                end += read;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static void ReadField(ReadOnlySpan<byte> line, ArrayBufferWriter<byte> data, ref string? eventType, int maxEventSize)
    {
        if (line[0] == (byte)':')
        {
            return; // comment / keep-alive
        }

        var colon = line.IndexOf((byte)':');
        var name = colon < 0 ? line : line[..colon];
        var value = colon < 0 ? [] : line[(colon + 1)..];
        if (!value.IsEmpty && value[0] == (byte)' ')
        {
            value = value[1..];
        }

        if (name.SequenceEqual("data"u8))
        {
            if (data.WrittenCount + value.Length + 1 > maxEventSize)
            {
                throw new A2AClientException($"A streamed event is larger than the client's limit of {maxEventSize} bytes.", reason: "EVENT_TOO_LARGE");
            }

            if (data.WrittenCount > 0)
            {
                data.Write("\n"u8);
            }

            data.Write(value);
        }
        else if (name.SequenceEqual("event"u8))
        {
            eventType = Encoding.UTF8.GetString(value);
        }
    }
}
