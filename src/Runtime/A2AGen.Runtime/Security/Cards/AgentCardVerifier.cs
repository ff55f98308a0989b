using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text.Json;

namespace A2AGen.Security;

/// <summary>
/// Verifies received Agent Cards (A2A v1.0 §8.4.3): drops <c>signatures</c>, canonicalizes the rest (RFC 8785) and
/// checks each signature with keys from the trust store, or, for unknown keys, from an allow-listed <c>jku</c>. The
/// result is explicit: Verified (which key), Unverified (no trusted key) or Invalid (which check failed). Thread-safe.
/// </summary>
public sealed class AgentCardVerifier
{
    private readonly IJwsKeyResolver _trust;
    private readonly AgentCardVerificationOptions _options;
    private readonly JwsVerifier _verifier;
    private readonly ConcurrentDictionary<string, (DateTimeOffset Expires, JsonWebKeySet Keys)> _jwkSets = new(StringComparer.Ordinal);

    /// <summary>Creates a verifier.</summary>
    /// <param name="trust">Trusted keys (usually a <see cref="TrustStore"/>).</param>
    /// <param name="options">Algorithms, <c>jku</c> policy and limits.</param>
    public AgentCardVerifier(IJwsKeyResolver trust, AgentCardVerificationOptions? options = null)
    {
        _trust = trust ?? throw new ArgumentNullException(nameof(trust));
        _options = options ?? new AgentCardVerificationOptions();
        foreach (var origin in _options.AllowedJwkSetOrigins)
        {
            if (!origin.IsAbsoluteUri || origin.Scheme is not ("https" or "http"))
            {
                throw new ArgumentException($"'{origin}' is not an http(s) origin.", nameof(options));
            }
        }

        _verifier = new JwsVerifier(trust, Rules(_options));
    }

    /// <summary>Verifies with the trust store only (never follows <c>jku</c>).</summary>
    /// <param name="cardJson">The card as received (UTF-8 JSON).</param>
    /// <param name="expectedAgentId">The agent the card should belong to; null accepts any trusted agent.</param>
    public AgentCardVerificationResult Verify(ReadOnlySpan<byte> cardJson, string? expectedAgentId = null)
    {
        var (result, _, _) = VerifyLocally(cardJson, expectedAgentId);
        return result;
    }

    /// <summary>Verifies, following an allow-listed <c>jku</c> when no trusted key matches.</summary>
    /// <param name="cardJson">The card as received (UTF-8 JSON).</param>
    /// <param name="expectedAgentId">The agent the card should belong to; null accepts any trusted agent.</param>
    /// <param name="cancellationToken">Cancels a <c>jku</c> fetch.</param>
    public async ValueTask<AgentCardVerificationResult> VerifyAsync(ReadOnlyMemory<byte> cardJson, string? expectedAgentId = null, CancellationToken cancellationToken = default)
    {
        var (result, payload, unknown) = VerifyLocally(cardJson.Span, expectedAgentId);
        if (result.Status != AgentCardVerificationStatus.Unverified || unknown.Count == 0)
        {
            return result;
        }

        AgentCardVerificationResult? firstProblem = null;
        foreach (var (index, token, header) in unknown)
        {
            var outcome = await VerifyWithJwkSetAsync(index, token, header, payload!, expectedAgentId, cancellationToken).ConfigureAwait(false);
            if (outcome.Status != AgentCardVerificationStatus.Unverified)
            {
                return outcome;
            }

            firstProblem ??= outcome;
        }

        return firstProblem ?? result;
    }

    private (AgentCardVerificationResult Result, byte[]? Payload, List<(int Index, string Token, JwsHeader Header)> Unknown) VerifyLocally(ReadOnlySpan<byte> cardJson, string? expectedAgentId)
    {
        var unknown = new List<(int, string, JwsHeader)>();
        if (cardJson.Length > _options.MaxCardBytes)
        {
            return (AgentCardVerificationResult.Invalid(VerificationFailure.CardMalformed, $"the card is larger than {_options.MaxCardBytes} bytes"), null, unknown);
        }

        byte[] payload;
        List<(string Protected, string Signature)> signatures;
        try
        {
            signatures = ReadSignatures(cardJson);
            payload = AgentCardSigner.GetSigningPayload(cardJson);
        }
        catch (FormatException e)
        {
            return (AgentCardVerificationResult.Invalid(VerificationFailure.CardMalformed, e.Message), null, unknown);
        }

        if (signatures.Count == 0)
        {
            return (AgentCardVerificationResult.Unverified(VerificationFailure.NoSignatures, "the card carries no signature"), payload, unknown);
        }

        if (signatures.Count > _options.MaxSignatures)
        {
            return (AgentCardVerificationResult.Invalid(VerificationFailure.CardMalformed, $"the card has more than {_options.MaxSignatures} signatures"), payload, unknown);
        }

        AgentCardVerificationResult? invalid = null;
        AgentCardVerificationResult? unverified = null;
        for (int i = 0; i < signatures.Count; i++)
        {
            string token = signatures[i].Protected + ".." + signatures[i].Signature;
            var result = _verifier.VerifyDetached(token, payload, expectedAgentId);

            // typ SHOULD be "JOSE" (§8.4.2); any other type is a token made for something else.
            if (result.Header?.Type is { } type && !string.Equals(type, "JOSE", StringComparison.OrdinalIgnoreCase))
            {
                invalid ??= AgentCardVerificationResult.Invalid(VerificationFailure.TypeMismatch, $"signature {i}: typ is '{type}', expected 'JOSE'", i);
                continue;
            }

            if (result.IsValid)
            {
                return (AgentCardVerificationResult.Verified(result.Key!, fromJwkSetUrl: false, i), payload, unknown);
            }

            if (result.Failure == VerificationFailure.KeyNotFound)
            {
                unverified ??= AgentCardVerificationResult.Unverified(VerificationFailure.KeyNotFound, $"signature {i}: {result.Detail}", i);
                if (result.Header?.JwkSetUrl is not null)
                {
                    unknown.Add((i, token, result.Header));
                }
            }
            else
            {
                invalid ??= AgentCardVerificationResult.Invalid(result.Failure, $"signature {i}: {result.Detail}", i);
            }
        }

        return (invalid ?? unverified!, payload, invalid is null ? unknown : []);
    }

    private async ValueTask<AgentCardVerificationResult> VerifyWithJwkSetAsync(int index, string token, JwsHeader header, byte[] payload, string? expectedAgentId, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(header.JwkSetUrl, UriKind.Absolute, out var jku) || !IsAllowed(jku))
        {
            return AgentCardVerificationResult.Unverified(VerificationFailure.JkuNotAllowed, $"signature {index}: the key is not trusted and jku '{header.JwkSetUrl}' is not an allow-listed origin", index);
        }

        JsonWebKeySet keys;
        try
        {
            keys = await GetJwkSetAsync(jku, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpRequestException or FormatException or TaskCanceledException or IOException or InvalidOperationException)
        {
            return AgentCardVerificationResult.Unverified(VerificationFailure.JkuFetchFailed, $"signature {index}: fetching jku '{jku}' failed: {e.Message}", index);
        }

        if (header.KeyId is null || !keys.TryFind(header.KeyId, out var jwk))
        {
            return AgentCardVerificationResult.Unverified(VerificationFailure.KeyNotFound, $"signature {index}: the JWK Set at '{jku}' has no key '{header.KeyId}'", index);
        }

        // The JWK Set's key verifies as if it were trusted for the expected agent (the operator trusts the origin).
        var key = new TrustedKey(expectedAgentId ?? jku.GetLeftPart(UriPartial.Authority), jwk.KeyId, jwk.PublicKey);
        var verifier = new JwsVerifier(new SingleKeyResolver(key), Rules(_options));
        var result = verifier.VerifyDetached(token, payload);
        return result.IsValid
            ? AgentCardVerificationResult.Verified(key, fromJwkSetUrl: true, index)
            : AgentCardVerificationResult.Invalid(result.Failure, $"signature {index}: {result.Detail}", index);
    }

    private bool IsAllowed(Uri jku) =>
        _options.AllowedJwkSetOrigins.Any(origin =>
            string.Equals(origin.Scheme, jku.Scheme, StringComparison.OrdinalIgnoreCase)
            && string.Equals(origin.IdnHost, jku.IdnHost, StringComparison.OrdinalIgnoreCase)
            && origin.Port == jku.Port);

    private async ValueTask<JsonWebKeySet> GetJwkSetAsync(Uri jku, CancellationToken cancellationToken)
    {
        var now = _options.TimeProvider.GetUtcNow();
        string cacheKey = jku.AbsoluteUri;
        if (_jwkSets.TryGetValue(cacheKey, out var cached) && cached.Expires > now)
        {
            return cached.Keys;
        }

        byte[] bytes = _options.FetchJwkSet is { } fetch
            ? await fetch(jku, cancellationToken).ConfigureAwait(false)
            : await FetchWithHttpClientAsync(jku, cancellationToken).ConfigureAwait(false);
        if (bytes.Length > _options.MaxJwkSetBytes)
        {
            throw new FormatException($"the JWK Set is larger than {_options.MaxJwkSetBytes} bytes");
        }

        var keys = JsonWebKeySet.Parse(bytes);
        _jwkSets[cacheKey] = (now + _options.JwkSetCacheDuration, keys);
        return keys;
    }

    private async ValueTask<byte[]> FetchWithHttpClientAsync(Uri jku, CancellationToken cancellationToken)
    {
        var client = _options.HttpClient ?? throw new InvalidOperationException("no HttpClient or FetchJwkSet is configured");
        using var request = new HttpRequestMessage(HttpMethod.Get, jku);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        if (response.RequestMessage?.RequestUri is { } final && !IsAllowed(final))
        {
            throw new InvalidOperationException($"the request was redirected to '{final.GetLeftPart(UriPartial.Authority)}', which is not allow-listed");
        }

        response.EnsureSuccessStatusCode();
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > _options.MaxJwkSetBytes)
            {
                throw new FormatException($"the JWK Set is larger than {_options.MaxJwkSetBytes} bytes");
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static List<(string Protected, string Signature)> ReadSignatures(ReadOnlySpan<byte> cardJson)
    {
        var list = new List<(string, string)>();
        var reader = new Utf8JsonReader(cardJson, new JsonReaderOptions { MaxDepth = 64 });
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                throw new FormatException("An Agent Card must be a JSON object.");
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                bool isSignatures = reader.ValueTextEquals("signatures"u8);
                reader.Read();
                if (!isSignatures)
                {
                    reader.Skip();
                    continue;
                }

                if (reader.TokenType != JsonTokenType.StartArray)
                {
                    throw new FormatException("'signatures' must be an array.");
                }

                using var document = JsonDocument.ParseValue(ref reader);
                foreach (var entry in document.RootElement.EnumerateArray())
                {
                    if (entry.ValueKind != JsonValueKind.Object
                        || !entry.TryGetProperty("protected", out var protectedHeader) || protectedHeader.ValueKind != JsonValueKind.String
                        || !entry.TryGetProperty("signature", out var signature) || signature.ValueKind != JsonValueKind.String)
                    {
                        throw new FormatException($"signature {list.Count} must be an object with string members 'protected' and 'signature'.");
                    }

                    list.Add((protectedHeader.GetString()!, signature.GetString()!));
                }
            }
        }
        catch (JsonException e)
        {
            throw new FormatException($"The card is not valid JSON: {e.Message}", e);
        }

        return list;
    }

    private static JwsVerificationOptions Rules(AgentCardVerificationOptions options) => new()
    {
        AllowedAlgorithms = options.AllowedAlgorithms,
        ExpectedType = null,
        RequireKeyId = true,
        MaxPayloadLength = options.MaxCardBytes,
        MaxTokenLength = 8 * 1024,
    };

    private sealed class SingleKeyResolver(TrustedKey key) : IJwsKeyResolver
    {
        public IReadOnlyList<TrustedKey> ResolveKeys(string? issuer, string? keyId) =>
            string.Equals(keyId, key.KeyId, StringComparison.Ordinal) ? [key] : [];
    }
}
