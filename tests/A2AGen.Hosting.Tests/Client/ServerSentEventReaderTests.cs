using System.Text;
using A2AGen.Client;

namespace A2AGen.Hosting.Tests.Client;

public sealed class ServerSentEventReaderTests
{
    private static async Task<List<(string Type, string Data)>> ReadAllAsync(string text, int max = 1 << 20, int chunk = 3)
    {
        var events = new List<(string, string)>();
        await foreach (var item in ServerSentEventReader.ReadAsync(new TrickleStream(Encoding.UTF8.GetBytes(text), chunk), max, default))
        {
            events.Add((item.EventType, Encoding.UTF8.GetString(item.Data.Span)));
        }

        return events;
    }

    [Theory]
    [InlineData("data: {\"a\":1}\n\ndata: {\"b\":2}\n\n")]
    [InlineData("data: {\"a\":1}\r\n\r\ndata: {\"b\":2}\r\n\r\n")]
    [InlineData("data: {\"a\":1}\r\rdata: {\"b\":2}\r\r")]
    [InlineData(": keep-alive\ndata: {\"a\":1}\nid: 7\nretry: 10\n\n\n\ndata:{\"b\":2}\n\n")]
    public async Task Events_are_split_on_any_line_ending(string text)
    {
        var events = await ReadAllAsync(text);
        Assert.Equal([("message", "{\"a\":1}"), ("message", "{\"b\":2}")], events);
    }

    [Fact]
    public async Task Data_lines_join_and_event_types_are_kept()
    {
        var events = await ReadAllAsync("event: error\ndata: line one\ndata: line two\n\n");
        Assert.Equal([("error", "line one\nline two")], events);
    }

    [Fact]
    public async Task An_unterminated_last_event_is_dropped()
    {
        Assert.Equal([("message", "x")], await ReadAllAsync("data: x\n\ndata: y"));
    }

    [Fact]
    public async Task An_event_over_the_limit_stops_the_stream()
    {
        var error = await Assert.ThrowsAsync<A2AClientException>(() => ReadAllAsync("data: " + new string('x', 100_000) + "\n\n", max: 50_000, chunk: 4096));
        Assert.Equal("EVENT_TOO_LARGE", error.Reason);
        var lines = await Assert.ThrowsAsync<A2AClientException>(() => ReadAllAsync(string.Concat(Enumerable.Repeat("data: 0123456789\n", 100)) + "\n", max: 500));
        Assert.Equal("EVENT_TOO_LARGE", lines.Reason);
    }

    /// <summary>Returns at most <c>chunk</c> bytes per read, to split lines and CRLF pairs across reads.</summary>
    private sealed class TrickleStream(byte[] bytes, int chunk) : MemoryStream(bytes)
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(chunk, buffer.Length)], cancellationToken);
    }
}
