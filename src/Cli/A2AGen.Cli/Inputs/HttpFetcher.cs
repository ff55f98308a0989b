using System.Globalization;
using System.Net.Http.Headers;
using A2AGen.Cli.Infrastructure;

namespace A2AGen.Cli.Inputs;

/// <summary>
/// GETs documents (cards, JWK Sets) with a timeout, at most five redirects and a size limit. Failures become one line
/// naming the URL and what to do.
/// </summary>
internal sealed class HttpFetcher : IDisposable
{
    private readonly TimeSpan _timeout;

    public HttpFetcher(TimeSpan timeout)
    {
        _timeout = timeout;
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = true,
            MaxAutomaticRedirections = 5,
            ConnectTimeout = timeout,
            AutomaticDecompression = System.Net.DecompressionMethods.All,
        };
        Client = new HttpClient(handler) { Timeout = timeout };
        Client.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("a2agen", typeof(HttpFetcher).Assembly.GetName().Version?.ToString(3) ?? "0"));
    }

    /// <summary>The client (its timeout applies to every request).</summary>
    public HttpClient Client { get; }

    /// <summary>Parses a command-line URL: absolute http or https, or null when <paramref name="text"/> is not a URL at all.</summary>
    public static Uri? TryParseUrl(string text)
    {
        if (!text.StartsWith("http://", StringComparison.OrdinalIgnoreCase) && !text.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        return Uri.TryCreate(text, UriKind.Absolute, out var url) && !string.IsNullOrEmpty(url.Host)
            ? url
            : throw new CliException("INVALID_URL", $"'{text}' is not a valid http(s) URL.", ExitCodes.Usage);
    }

    /// <summary>GETs <paramref name="url"/> as JSON, refusing bodies over <paramref name="maxBytes"/>.</summary>
    public async Task<byte[]> GetAsync(Uri url, int maxBytes, string what, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        try
        {
            using var response = await Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw new CliException("HTTP_ERROR", $"{url} answered HTTP {(int)response.StatusCode} {response.ReasonPhrase} instead of the {what}; check the URL.");
            }

            if (response.Content.Headers.ContentLength is long length && length > maxBytes)
            {
                throw new CliException("RESPONSE_TOO_LARGE", $"the {what} at {url} is larger than {Sizes.Describe(maxBytes)}.");
            }

            await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            var buffer = new MemoryStream();
            var chunk = new byte[16 * 1024];
            int read;
            while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > maxBytes)
                {
                    throw new CliException("RESPONSE_TOO_LARGE", $"the {what} at {url} is larger than {Sizes.Describe(maxBytes)}.");
                }

                buffer.Write(chunk, 0, read);
            }

            return buffer.ToArray();
        }
        catch (Exception e) when (e is not CliException)
        {
            throw Describe(e, url, what, cancellationToken);
        }
    }

    /// <summary>The one-line error for a failed request (used for the client's own fetches too).</summary>
    public Exception Describe(Exception exception, Uri url, string what, CancellationToken cancellationToken) => exception switch
    {
        OperationCanceledException when cancellationToken.IsCancellationRequested => exception,
        OperationCanceledException => new CliException("URL_TIMEOUT",
            $"{url} did not answer within {_timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s; check that the server is up, or allow more with --timeout."),
        HttpRequestException e => new CliException("URL_UNREACHABLE",
            $"cannot fetch the {what} from {url}: {ErrorReporter.Sentence(e.Message)} Check the URL and that the server is running."),
        IOException e => new CliException("URL_UNREACHABLE", $"reading the {what} from {url} failed: {ErrorReporter.Sentence(e.Message)}"),
        _ => exception,
    };

    public void Dispose() => Client.Dispose();
}
