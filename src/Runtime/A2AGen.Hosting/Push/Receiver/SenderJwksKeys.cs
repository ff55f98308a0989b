using System.Buffers.Text;
using System.Net;
using System.Text.Json;
using A2AGen.Security;
using Microsoft.Extensions.Logging;

namespace A2AGen.Hosting;

/// <summary>
/// The keys of senders configured by JWKS URL (<see cref="A2APushReceiverOptions.SenderJwks"/>), in a trust store of
/// their own: fetched before a notification of such a sender is verified when none are held yet, when they are older
/// than the refresh interval, or when the token names a <c>kid</c> not held (a rotation) and the last fetch is older
/// than the minimum interval. A failed fetch keeps the keys held. Only the JWKS URL configured for an agent id can
/// vouch for that agent; nothing in the token chooses where keys come from.
/// </summary>
internal sealed class SenderJwksKeys : IJwsKeyResolver
{
    private const int MaxJwksBytes = 64 * 1024;

    private readonly TrustStore _keys = new();
    private readonly Dictionary<string, Source> _sources;
    private readonly HttpClient _http;
    private readonly TimeProvider _time;
    private readonly TimeSpan _refresh;
    private readonly TimeSpan _minimumRefetch;
    private readonly ILogger _logger;

    public SenderJwksKeys(A2APushReceiverOptions options, HttpClient http, TimeProvider time, ILogger logger)
    {
        _sources = options.SenderJwks.ToDictionary(p => p.Key, p => new Source(p.Value), StringComparer.Ordinal);
        _http = http;
        _time = time;
        _refresh = options.JwksRefreshInterval;
        _minimumRefetch = options.JwksMinimumRefetchInterval;
        _logger = logger;
    }

    public bool IsEmpty => _sources.Count == 0;

    public IReadOnlyList<TrustedKey> ResolveKeys(string? issuer, string? keyId) => _keys.ResolveKeys(issuer, keyId);

    /// <summary>Fetches the JWKS of the token's (claimed, not yet verified) issuer when it is due.</summary>
    public ValueTask PrepareAsync(string token, CancellationToken cancellationToken)
    {
        if (_sources.Count == 0 || !TryPeek(token, out var issuer, out var keyId) || !_sources.TryGetValue(issuer, out var source))
        {
            return ValueTask.CompletedTask;
        }

        return IsDue(source, issuer, keyId) ? new ValueTask(FetchAsync(source, issuer, keyId, cancellationToken)) : ValueTask.CompletedTask;
    }

    // Never more often than the minimum interval (a failed fetch included); otherwise when nothing is held, the keys are
    // old, or the token names a kid the sender's set does not have.
    private bool IsDue(Source source, string issuer, string? keyId)
    {
        var now = _time.GetUtcNow();
        if (source.LastAttempt is { } last && now - last < _minimumRefetch)
        {
            return false;
        }

        if (source.FetchedAt is not { } fetched || now - fetched >= _refresh)
        {
            return true;
        }

        return keyId is not null && _keys.ResolveKeys(issuer, keyId).Count == 0;
    }

    private async Task FetchAsync(Source source, string issuer, string? keyId, CancellationToken cancellationToken)
    {
        await source.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Another request may have fetched while this one waited.
            if (!IsDue(source, issuer, keyId))
            {
                return;
            }

            source.LastAttempt = _time.GetUtcNow();
            var set = await DownloadAsync(source.Url, issuer, cancellationToken).ConfigureAwait(false);
            if (set is null)
            {
                return;
            }

            try
            {
                _keys.Replace(issuer, set);
                source.FetchedAt = _time.GetUtcNow();
            }
            catch (InvalidOperationException e)
            {
                PushReceiverLog.JwksRejected(_logger, issuer, source.Url.ToString(), e.Message);
            }
        }
        finally
        {
            source.Gate.Release();
        }
    }

    private async Task<JsonWebKeySet?> DownloadAsync(Uri url, string issuer, CancellationToken cancellationToken)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(10));
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.Accept.ParseAdd("application/jwk-set+json, application/json");
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                PushReceiverLog.JwksRejected(_logger, issuer, url.ToString(), $"HTTP {(int)response.StatusCode}");
                return null;
            }

            if (response.Content.Headers.ContentLength is > MaxJwksBytes)
            {
                PushReceiverLog.JwksRejected(_logger, issuer, url.ToString(), $"larger than {MaxJwksBytes} bytes");
                return null;
            }

            await using var stream = await response.Content.ReadAsStreamAsync(timeout.Token).ConfigureAwait(false);
            var buffer = new byte[MaxJwksBytes + 1];
            var length = 0;
            int read;
            while (length < buffer.Length && (read = await stream.ReadAsync(buffer.AsMemory(length), timeout.Token).ConfigureAwait(false)) > 0)
            {
                length += read;
            }

            if (length > MaxJwksBytes)
            {
                PushReceiverLog.JwksRejected(_logger, issuer, url.ToString(), $"larger than {MaxJwksBytes} bytes");
                return null;
            }

            return JsonWebKeySet.Parse(buffer.AsSpan(0, length));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            PushReceiverLog.JwksRejected(_logger, issuer, url.ToString(), "no answer within 10 seconds");
            return null;
        }
        catch (HttpRequestException e)
        {
            PushReceiverLog.JwksRejected(_logger, issuer, url.ToString(), "unreachable (" + (e.HttpRequestError.ToString()) + ")");
            return null;
        }
        catch (Exception e) when (e is JsonException or FormatException or ArgumentException or InvalidOperationException or KeyStoreException)
        {
            PushReceiverLog.JwksRejected(_logger, issuer, url.ToString(), "not a valid public JWK Set");
            return null;
        }
    }

    // The claimed issuer and kid, read without verifying: they only select which configured JWKS may be fetched.
    private static bool TryPeek(string token, out string issuer, out string? keyId)
    {
        issuer = "";
        keyId = null;
        var first = token.IndexOf('.');
        var second = first < 0 ? -1 : token.IndexOf('.', first + 1);
        if (second < 0 || token.Length > 16 * 1024)
        {
            return false;
        }

        try
        {
            keyId = ReadString(Base64Url.DecodeFromChars(token.AsSpan(0, first)), "kid"u8);
            issuer = ReadString(Base64Url.DecodeFromChars(token.AsSpan(first + 1, second - first - 1)), "iss"u8) ?? "";
            return issuer.Length > 0;
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            return false;
        }
    }

    private static string? ReadString(ReadOnlySpan<byte> json, ReadOnlySpan<byte> name)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 8 });
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return null;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var match = reader.ValueTextEquals(name);
            reader.Read();
            if (match && reader.TokenType == JsonTokenType.String)
            {
                return reader.GetString();
            }

            reader.Skip();
        }

        return null;
    }

    private sealed class Source(Uri url)
    {
        public Uri Url { get; } = url;

        public SemaphoreSlim Gate { get; } = new(1, 1);

        public DateTimeOffset? FetchedAt { get; set; }

        public DateTimeOffset? LastAttempt { get; set; }
    }
}
