using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using A2AGen.Protocol;
using A2AGen.Protocol.Serialization;

namespace A2AGen.Client;

/// <summary>
/// Fetches Agent Cards: <c>{agent URL}/.well-known/agent-card.json</c> (or the URL itself when it names a
/// <c>.json</c> file), revalidated with <c>If-None-Match</c>, checked by the <see cref="IAgentCardVerifier"/> — by
/// default an <see cref="AgentCardTrustVerifier"/> that trusts nobody, so a card is refused unless the caller passes a
/// verifier with trusted keys or explicitly accepts unverified cards.
/// </summary>
public sealed class AgentCardResolver
{
    private const int MaxCardSize = 1024 * 1024;

    private readonly HttpClient _http;
    private readonly IAgentCardVerifier _verifier;
    private readonly ConcurrentDictionary<Uri, ResolvedAgentCard> _cache = new();

    /// <summary>Creates a resolver.</summary>
    /// <param name="httpClient">The HTTP client (its handlers apply).</param>
    /// <param name="verifier">
    /// Checks each card before it is returned; null refuses every card that is not signed by a trusted key (pass an
    /// <see cref="AgentCardTrustVerifier"/> with trusted keys, or one with <c>allowUnverified: true</c>).
    /// </param>
    public AgentCardResolver(HttpClient httpClient, IAgentCardVerifier? verifier = null)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        _http = httpClient;
        _verifier = verifier ?? new AgentCardTrustVerifier(trust: null);
    }

    /// <summary>The card URL for an agent URL: <c>https://h/agents/x</c> → <c>https://h/agents/x/.well-known/agent-card.json</c>.</summary>
    /// <param name="agentUrl">The agent's base URL, or the card's own URL.</param>
    public static Uri CardUrl(Uri agentUrl)
    {
        ArgumentNullException.ThrowIfNull(agentUrl);
        if (!agentUrl.IsAbsoluteUri || (agentUrl.Scheme != Uri.UriSchemeHttps && agentUrl.Scheme != Uri.UriSchemeHttp))
        {
            throw new ArgumentException($"The agent URL '{agentUrl}' must be an absolute http or https URL.", nameof(agentUrl));
        }

        if (agentUrl.AbsolutePath.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
        {
            return agentUrl;
        }

        var builder = new UriBuilder(agentUrl) { Query = "", Fragment = "" };
        builder.Path = builder.Path.TrimEnd('/') + A2AProtocol.AgentCardPath;
        return builder.Uri;
    }

    /// <summary>Fetches (or revalidates) and verifies the card of the agent at <paramref name="agentUrl"/>.</summary>
    /// <param name="agentUrl">The agent's base URL, or the card's own URL.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <exception cref="A2AClientException">The card cannot be fetched, read, or trusted.</exception>
    public async Task<ResolvedAgentCard> ResolveAsync(Uri agentUrl, CancellationToken cancellationToken = default)
    {
        var url = CardUrl(agentUrl);
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add(A2AProtocol.VersionHeader, A2AProtocol.Version);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        _cache.TryGetValue(url, out var cached);
        if (cached?.ETag is { } etag && EntityTagHeaderValue.TryParse(etag, out var tag))
        {
            request.Headers.IfNoneMatch.Add(tag);
        }

        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            throw new A2AClientException($"Could not fetch the Agent Card from {url}: {ex.Message}", reason: "CARD_UNREACHABLE", innerException: ex);
        }

        using (response)
        {
            if (response.StatusCode == HttpStatusCode.NotModified && cached is not null)
            {
                return cached;
            }

            if (!response.IsSuccessStatusCode)
            {
                throw new A2AClientException($"Fetching the Agent Card from {url} answered HTTP {(int)response.StatusCode} {response.ReasonPhrase}.", reason: "CARD_UNAVAILABLE", statusCode: response.StatusCode);
            }

            var json = await ResponseBodies.ReadAsync(response, MaxCardSize, cancellationToken).ConfigureAwait(false);
            AgentCard? card;
            try
            {
                card = A2AJson.Deserialize<AgentCard>(json);
            }
            catch (JsonException ex)
            {
                throw new A2AClientException($"The Agent Card at {url} is not valid A2A 1.0 JSON: {ex.Message}", reason: "CARD_INVALID", statusCode: response.StatusCode, innerException: ex);
            }

            if (card is null || string.IsNullOrEmpty(card.Name) || card.SupportedInterfaces is null)
            {
                throw new A2AClientException($"The Agent Card at {url} lacks required fields (name, supportedInterfaces).", reason: "CARD_INVALID", statusCode: response.StatusCode);
            }

            var resolved = new ResolvedAgentCard(card, json, url, response.Headers.ETag?.ToString());
            resolved = resolved with { Verification = await _verifier.VerifyAsync(resolved, cancellationToken).ConfigureAwait(false) };

            _cache[url] = resolved;
            return resolved;
        }
    }
}
