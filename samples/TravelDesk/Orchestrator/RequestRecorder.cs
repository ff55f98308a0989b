namespace TravelDesk.Orchestrator;

/// <summary>
/// Remembers the last request sent through it exactly as it went on the wire (method, URL, headers with the
/// <c>A2A-Signature</c>, body bytes), so a scenario can send the very same request again.
/// </summary>
public sealed class RequestRecorder : DelegatingHandler
{
    /// <summary>Records what passes through and hands it to <paramref name="innerHandler"/>.</summary>
    /// <param name="innerHandler">The transport.</param>
    public RequestRecorder(HttpMessageHandler innerHandler)
        : base(innerHandler)
    {
    }

    /// <summary>The last POST (a JSON-RPC call), null before the first.</summary>
    public RecordedRequest? LastPost { get; private set; }

    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Method == HttpMethod.Post && request.Content is not null)
        {
            var body = await request.Content.ReadAsByteArrayAsync(cancellationToken);
            var headers = request.Headers.Concat(request.Content.Headers)
                .Select(h => new KeyValuePair<string, string[]>(h.Key, [.. h.Value]))
                .ToList();
            LastPost = new RecordedRequest(request.RequestUri!, headers, body);
        }

        return await base.SendAsync(request, cancellationToken);
    }
}

/// <summary>A request as it was sent.</summary>
/// <param name="Url">Where it went.</param>
/// <param name="Headers">Its request and content headers.</param>
/// <param name="Body">The exact body bytes.</param>
public sealed record RecordedRequest(Uri Url, IReadOnlyList<KeyValuePair<string, string[]>> Headers, byte[] Body)
{
    /// <summary>The same request (same headers and bytes) addressed to <paramref name="url"/>.</summary>
    /// <param name="url">Where to send it; null for the original URL.</param>
    public HttpRequestMessage ToMessage(Uri? url = null)
    {
        var message = new HttpRequestMessage(HttpMethod.Post, url ?? Url) { Content = new ByteArrayContent(Body) };
        foreach (var (name, values) in Headers.Where(h => !h.Key.Equals("Content-Length", StringComparison.OrdinalIgnoreCase)))
        {
            if (!message.Headers.TryAddWithoutValidation(name, values))
            {
                message.Content.Headers.TryAddWithoutValidation(name, values);
            }
        }

        return message;
    }
}
