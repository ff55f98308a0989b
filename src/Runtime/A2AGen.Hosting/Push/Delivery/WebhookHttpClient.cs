using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;

namespace A2AGen.Hosting.Push;

/// <summary>
/// The HTTP client of push deliveries, with the SSRF guard where it cannot be bypassed: at connection time the host is
/// resolved, every address is checked against the <see cref="WebhookAddressPolicy"/>, and the socket connects only to
/// an address that was checked (so a name that resolves to a public address when the configuration is created and to
/// a private one later — DNS rebinding — is still refused). No proxy, no redirects followed, no cookies, answers read
/// up to a cap.
/// </summary>
internal sealed class WebhookHttpClient : IDisposable
{
    private readonly HttpClient _client;
    private readonly WebhookAddressPolicy _policy;
    private readonly int _maxResponseBytes;

    public WebhookHttpClient(WebhookAddressPolicy policy, int maxResponseBytes)
    {
        _policy = policy;
        _maxResponseBytes = maxResponseBytes;
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseProxy = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,
            MaxResponseHeadersLength = 32, // KiB
            PooledConnectionLifetime = TimeSpan.FromMinutes(1),
            ConnectTimeout = TimeSpan.FromSeconds(10),
            ConnectCallback = ConnectAsync,
        };
        _client = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
    }

    /// <summary>The outcome of one POST.</summary>
    /// <param name="Status">The HTTP status, or 0 when no answer came.</param>
    /// <param name="Refusal">Why the address was refused (no connection made), or null.</param>
    /// <param name="Failure">What went wrong on the way (no secrets, no exception text), or null.</param>
    public readonly record struct Outcome(int Status, string? Refusal, string? Failure)
    {
        public bool Succeeded => Status is >= 200 and < 300;
    }

    /// <summary>POSTs <paramref name="body"/> to <paramref name="url"/> with <paramref name="headers"/>, within <paramref name="cancellationToken"/>.</summary>
    public async Task<Outcome> PostAsync(Uri url, byte[] body, string contentType, IEnumerable<KeyValuePair<string, string>> headers, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        try
        {
            using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            await DrainAsync(response, cancellationToken).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            return new Outcome(status, null, status is >= 300 and < 400 ? "the webhook answered a redirect, which is not followed" : null);
        }
        catch (Exception e) when (RefusalOf(e) is { } refusal)
        {
            return new Outcome(0, refusal, null);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (OperationCanceledException)
        {
            return new Outcome(0, null, "the attempt timed out");
        }
        catch (HttpRequestException e)
        {
            return new Outcome(0, null, e.HttpRequestError switch
            {
                HttpRequestError.NameResolutionError => "the webhook's host name could not be resolved",
                HttpRequestError.ConnectionError => "the webhook could not be connected to",
                HttpRequestError.SecureConnectionError => "the TLS handshake with the webhook failed",
                HttpRequestError.ResponseEnded => "the webhook closed the connection without an answer",
                _ => "the request to the webhook failed",
            });
        }
    }

    public void Dispose() => _client.Dispose();

    // Reads at most the cap of the answer and drops it: nothing in it is used.
    private async Task DrainAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            var buffer = new byte[Math.Min(8192, Math.Max(1, _maxResponseBytes))];
            var total = 0;
            int read;
            while (total < _maxResponseBytes && (read = await stream.ReadAsync(buffer.AsMemory(0, Math.Min(buffer.Length, _maxResponseBytes - total)), cancellationToken).ConfigureAwait(false)) > 0)
            {
                total += read;
            }
        }
    }

    private static string? RefusalOf(Exception e)
    {
        for (var inner = e; inner is not null; inner = inner.InnerException)
        {
            if (inner is WebhookAddressRefusedException refused)
            {
                return refused.Message;
            }
        }

        return null;
    }

    private async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var host = context.DnsEndPoint.Host;
        IPAddress[] addresses = IPAddress.TryParse(host.Trim('[', ']'), out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(host, cancellationToken).ConfigureAwait(false);
        if (addresses.Length == 0)
        {
            throw new HttpRequestException(HttpRequestError.NameResolutionError);
        }

        // Every address is checked before any is tried: a name with one public and one private address is refused.
        foreach (var address in addresses)
        {
            if (_policy.Refusal(address) is { } kind)
            {
                throw new WebhookAddressRefusedException($"the webhook's host resolves to {kind}");
            }
        }

        Exception? last = null;
        foreach (var address in addresses)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, context.DnsEndPoint.Port), cancellationToken).ConfigureAwait(false);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException e)
            {
                socket.Dispose();
                last = e;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }

        throw new HttpRequestException(HttpRequestError.ConnectionError, "connection failed", last);
    }
}
