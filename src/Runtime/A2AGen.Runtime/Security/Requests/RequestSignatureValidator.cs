using System.Security.Cryptography;
using System.Text.Json;

namespace A2AGen.Security;

/// <summary>
/// Checks an <c>A2A-Signature</c> request signature (DESIGN §6.4), in this order: the JWS (size, shape, canonical
/// base64url, <c>typ</c> <c>a2a-request+jwt</c>, <c>alg</c> allow-list, <c>kid</c>), the key — only from the trust
/// store, by <c>iss</c> and <c>kid</c> (a <c>kid</c> of another agent is refused) — the signature, the times
/// (<c>exp</c>, <c>nbf</c>, <c>iat</c> with clock skew, maximum lifetime), <c>aud</c>, <c>htm</c>, <c>htu</c>,
/// <c>bh</c> over the exact body bytes (constant-time), and last the <c>jti</c> in the replay cache, which therefore
/// only ever records otherwise valid tokens. Every failure names its check (<see cref="RequestSignatureReasons"/>).
/// Thread-safe.
/// </summary>
public sealed class RequestSignatureValidator
{
    private const string CapiscioType = "JWT";
    private const string TokenHashPrefix = "sha256:";

    private readonly IJwsKeyResolver _keys;
    private readonly IReplayCache _replayCache;
    private readonly RequestSignatureValidationOptions _options;
    private readonly JwsVerifier _verifier;
    private readonly JwsVerifier _capiscioVerifier;
    private readonly JwtValidationParameters _claimRules;
    private readonly JwtValidationParameters _capiscioClaimRules;

    /// <summary>Creates a validator.</summary>
    /// <param name="keys">Trusted keys by agent id (usually a <see cref="TrustStore"/>).</param>
    /// <param name="replayCache">Where token ids are remembered.</param>
    /// <param name="options">Clock skew, maximum lifetime, algorithms, clock.</param>
    /// <exception cref="ArgumentException">The options allow an algorithm A2AGen never accepts, or a negative skew or lifetime.</exception>
    public RequestSignatureValidator(IJwsKeyResolver keys, IReplayCache replayCache, RequestSignatureValidationOptions? options = null)
    {
        _keys = keys ?? throw new ArgumentNullException(nameof(keys));
        _replayCache = replayCache ?? throw new ArgumentNullException(nameof(replayCache));
        _options = options ?? new RequestSignatureValidationOptions();
        if (_options.ClockSkew < TimeSpan.Zero || _options.MaxLifetime <= TimeSpan.Zero)
        {
            throw new ArgumentException("The clock skew must not be negative and the maximum lifetime must be positive.", nameof(options));
        }

        _verifier = new JwsVerifier(keys, new JwsVerificationOptions
        {
            AllowedAlgorithms = _options.AllowedAlgorithms,
            ExpectedType = RequestSignatureFormat.Type,
            MaxTokenLength = _options.MaxTokenLength,
        });
        _capiscioVerifier = new JwsVerifier(keys, new JwsVerificationOptions
        {
            AllowedAlgorithms = ["EdDSA"],
            MaxTokenLength = _options.MaxTokenLength,
        });
        _claimRules = new JwtValidationParameters
        {
            ClockSkew = _options.ClockSkew,
            MaxLifetime = _options.MaxLifetime,
            RequireExpiration = true,
            RequireIssuedAt = true,
            RequireJwtId = true,
            TimeProvider = _options.TimeProvider,
        };
        _capiscioClaimRules = _claimRules with { RequireJwtId = false };
    }

    /// <summary>The rules in force.</summary>
    public RequestSignatureValidationOptions Options => _options;

    /// <summary>Checks an <c>A2A-Signature</c> token against the request it came with.</summary>
    /// <param name="token">The header value (compact JWS).</param>
    /// <param name="method">The request's HTTP method.</param>
    /// <param name="target">The URLs this endpoint is reached under (for <c>aud</c> and <c>htu</c>).</param>
    /// <param name="body">The exact request body bytes.</param>
    /// <param name="cancellationToken">Cancels a replay-cache round trip.</param>
    public ValueTask<RequestSignatureValidationResult> ValidateAsync(string token, string method, RequestTarget target, ReadOnlyMemory<byte> body, CancellationToken cancellationToken = default) =>
        ValidateAsync(token, method, target, target, body, cancellationToken);

    /// <summary>
    /// Checks an <c>A2A-Signature</c> token against a request whose URL is not the endpoint's own (an HTTP+JSON route
    /// such as <c>{endpoint}/tasks/{id}</c>): <c>aud</c> must name <paramref name="audience"/>, <c>htu</c> <paramref name="url"/>.
    /// </summary>
    /// <param name="token">The header value (compact JWS).</param>
    /// <param name="method">The request's HTTP method.</param>
    /// <param name="audience">The URLs <c>aud</c> may name (the endpoint, and the request URL).</param>
    /// <param name="url">The URLs <c>htu</c> may name (the request URL).</param>
    /// <param name="body">The exact request body bytes.</param>
    /// <param name="cancellationToken">Cancels a replay-cache round trip.</param>
    public ValueTask<RequestSignatureValidationResult> ValidateAsync(string token, string method, RequestTarget audience, RequestTarget url, ReadOnlyMemory<byte> body, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(token);
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(audience);
        ArgumentNullException.ThrowIfNull(url);
        var result = _verifier.VerifyJwt(token, _claimRules);
        if (!result.IsValid)
        {
            return ValueTask.FromResult(Failure(result, token));
        }

        var claims = result.Claims!;
        var key = result.Key!;
        if (claims.Issuer is null)
        {
            return Fail(RequestSignatureReasons.ClaimMissing, "the token has no 'iss'");
        }

        if (!string.Equals(claims.Issuer, key.AgentId, StringComparison.Ordinal))
        {
            return Fail(RequestSignatureReasons.SigningKeyIssuerMismatch, $"the key '{key.KeyId}' belongs to another agent than '{Quote(claims.Issuer)}'");
        }

        var problem = CheckRequest(claims, method, audience, url, body.Span, requireAll: true, out var matchedAudience);
        if (problem is not null)
        {
            return ValueTask.FromResult(problem);
        }

        if (claims.JwtId!.Length is 0 or > RequestSignatureFormat.MaxTokenIdLength)
        {
            return Fail(RequestSignatureReasons.Malformed, $"'jti' must be 1 to {RequestSignatureFormat.MaxTokenIdLength} characters");
        }

        return Remember(new VerifiedRequestSignature
        {
            Issuer = key.AgentId,
            KeyId = key.KeyId,
            Algorithm = result.Header!.Algorithm,
            JwtId = claims.JwtId,
            Audience = matchedAudience!,
            IssuedAt = claims.IssuedAt!.Value,
            ExpiresAt = claims.ExpiresAt!.Value,
        }, cancellationToken);
    }

    /// <summary>
    /// Checks a CapiscIO SimpleGuard token (<c>X-Capiscio-JWS</c> / <c>X-Capiscio-Badge</c>): EdDSA only, <c>typ</c>
    /// absent or <c>JWT</c>, the key found by <c>kid</c> alone (CapiscIO issuers are DIDs, which are not agent ids:
    /// the verified caller is the agent the trust store holds the key for), <c>iss</c>, <c>iat</c>, <c>exp</c> required,
    /// <c>bh</c> required for a non-empty body (CapiscIO itself treats it as optional), <c>aud</c>/<c>htm</c>/<c>htu</c>
    /// checked when present, and the replay cache keyed by <c>jti</c> or, without one, by the token's hash.
    /// </summary>
    /// <param name="token">The header value (compact JWS).</param>
    /// <param name="method">The request's HTTP method.</param>
    /// <param name="target">The URLs this endpoint is reached under.</param>
    /// <param name="body">The exact request body bytes.</param>
    /// <param name="cancellationToken">Cancels a replay-cache round trip.</param>
    public ValueTask<RequestSignatureValidationResult> ValidateCapiscioAsync(string token, string method, RequestTarget target, ReadOnlyMemory<byte> body, CancellationToken cancellationToken = default) =>
        ValidateCapiscioAsync(token, method, target, target, body, cancellationToken);

    /// <summary>Checks a CapiscIO token against a request whose URL is not the endpoint's own (see the A2A overload).</summary>
    /// <param name="token">The header value (compact JWS).</param>
    /// <param name="method">The request's HTTP method.</param>
    /// <param name="audience">The URLs <c>aud</c> may name.</param>
    /// <param name="url">The URLs <c>htu</c> may name.</param>
    /// <param name="body">The exact request body bytes.</param>
    /// <param name="cancellationToken">Cancels a replay-cache round trip.</param>
    public ValueTask<RequestSignatureValidationResult> ValidateCapiscioAsync(string token, string method, RequestTarget audience, RequestTarget url, ReadOnlyMemory<byte> body, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(token);
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(audience);
        ArgumentNullException.ThrowIfNull(url);
        var result = _capiscioVerifier.Verify(token);
        if (!result.IsValid)
        {
            return ValueTask.FromResult(Failure(result, token: null));
        }

        var header = result.Header!;
        if (header.Type is { } type && !string.Equals(type, CapiscioType, StringComparison.OrdinalIgnoreCase))
        {
            return Fail(RequestSignatureReasons.TypeMismatch, $"typ is '{Quote(type)}', expected 'JWT' or none");
        }

        if (!JwtClaims.TryParse(result.Payload, out var claims, out string? claimsProblem))
        {
            return Fail(RequestSignatureReasons.Malformed, claimsProblem);
        }

        var failure = JwtClaimsValidator.Validate(claims, _capiscioClaimRules, out string? detail);
        if (failure != VerificationFailure.None)
        {
            return Fail(ReasonOf(failure), detail!);
        }

        if (string.IsNullOrEmpty(claims.Issuer))
        {
            return Fail(RequestSignatureReasons.ClaimMissing, "the token has no 'iss'");
        }

        var problem = CheckRequest(claims, method, audience, url, body.Span, requireAll: false, out var matchedAudience);
        if (problem is not null)
        {
            return ValueTask.FromResult(problem);
        }

        if (claims.JwtId is { Length: 0 or > RequestSignatureFormat.MaxTokenIdLength })
        {
            return Fail(RequestSignatureReasons.Malformed, $"'jti' must be 1 to {RequestSignatureFormat.MaxTokenIdLength} characters");
        }

        var key = result.Key!;
        return Remember(new VerifiedRequestSignature
        {
            Issuer = key.AgentId,
            KeyId = key.KeyId,
            Algorithm = header.Algorithm,
            JwtId = claims.JwtId ?? TokenHashPrefix + RequestSigner.ComputeBodyHash(System.Text.Encoding.ASCII.GetBytes(token)),
            Audience = matchedAudience ?? "",
            IssuedAt = claims.IssuedAt!.Value,
            ExpiresAt = claims.ExpiresAt!.Value,
        }, cancellationToken);
    }

    // aud, htm, htu, bh. With requireAll (A2A) each must be present; otherwise (CapiscIO) each is checked when present,
    // except bh, which a non-empty body always needs.
    private static RequestSignatureValidationResult? CheckRequest(JwtClaims claims, string method, RequestTarget target, RequestTarget url, ReadOnlySpan<byte> body, bool requireAll, out string? audience)
    {
        audience = null;
        if (claims.Audiences.Count == 0)
        {
            if (requireAll)
            {
                return RequestSignatureValidationResult.Fail(RequestSignatureReasons.ClaimMissing, "the token has no 'aud'");
            }
        }
        else
        {
            foreach (var candidate in claims.Audiences)
            {
                if (target.Matches(candidate))
                {
                    audience = candidate;
                    break;
                }
            }

            if (audience is null)
            {
                return RequestSignatureValidationResult.Fail(RequestSignatureReasons.AudienceMismatch, $"'aud' does not name this endpoint ({target.Urls[0]})");
            }
        }

        if (!ReadRequestClaims(claims.Json.Span, out var htm, out var htu, out var bh, out var problem))
        {
            return RequestSignatureValidationResult.Fail(RequestSignatureReasons.Malformed, problem!);
        }

        if (htm is null)
        {
            if (requireAll)
            {
                return RequestSignatureValidationResult.Fail(RequestSignatureReasons.ClaimMissing, "the token has no 'htm'");
            }
        }
        else if (!string.Equals(htm, method, StringComparison.Ordinal))
        {
            return RequestSignatureValidationResult.Fail(RequestSignatureReasons.MethodMismatch, $"'htm' is '{Quote(htm)}' but the request is {method}");
        }

        if (htu is null)
        {
            if (requireAll)
            {
                return RequestSignatureValidationResult.Fail(RequestSignatureReasons.ClaimMissing, "the token has no 'htu'");
            }
        }
        else if (!url.Matches(htu))
        {
            return RequestSignatureValidationResult.Fail(RequestSignatureReasons.UrlMismatch, $"'htu' is '{Quote(htu)}', not this endpoint ({url.Urls[0]})");
        }

        if (bh is null)
        {
            if (!body.IsEmpty)
            {
                return RequestSignatureValidationResult.Fail(RequestSignatureReasons.ClaimMissing, "the token has no 'bh', which a request with a body needs");
            }
        }
        else if (!BodyHashMatches(bh, body))
        {
            return RequestSignatureValidationResult.Fail(RequestSignatureReasons.BodyHashMismatch, "'bh' is not the base64url SHA-256 of the request body: the body was changed or the signature belongs to another request");
        }

        return null;
    }

    private static bool BodyHashMatches(string claimed, ReadOnlySpan<byte> body)
    {
        Span<byte> expected = stackalloc byte[SHA256.HashSizeInBytes];
        Span<byte> received = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(body, expected);
        if (StrictBase64Url.GetDecodedLength(claimed.Length) != SHA256.HashSizeInBytes
            || !StrictBase64Url.TryDecode(claimed, received, out int written) || written != SHA256.HashSizeInBytes)
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(expected, received);
    }

    // One pass over the (already validated, duplicate-free) claims object for the string members A2A adds.
    private static bool ReadRequestClaims(ReadOnlySpan<byte> json, out string? htm, out string? htu, out string? bh, out string? problem)
    {
        htm = htu = bh = null;
        problem = null;
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 32 });
        reader.Read();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            int which = reader.ValueTextEquals("htm"u8) ? 1 : reader.ValueTextEquals("htu"u8) ? 2 : reader.ValueTextEquals("bh"u8) ? 3 : 0;
            reader.Read();
            if (which == 0)
            {
                reader.Skip();
                continue;
            }

            if (reader.TokenType != JsonTokenType.String)
            {
                problem = $"the claim '{(which == 1 ? "htm" : which == 2 ? "htu" : "bh")}' must be a string";
                return false;
            }

            var value = reader.GetString();
            if (which == 1)
            {
                htm = value;
            }
            else if (which == 2)
            {
                htu = value;
            }
            else
            {
                bh = value;
            }
        }

        return true;
    }

    private ValueTask<RequestSignatureValidationResult> Remember(VerifiedRequestSignature signature, CancellationToken cancellationToken)
    {
        var keepUntil = signature.ExpiresAt + _options.ClockSkew;
        ValueTask<bool> added;
        try
        {
            added = _replayCache.TryAddAsync(signature.Issuer, signature.JwtId, keepUntil, cancellationToken);
        }
        catch (ReplayCacheUnavailableException e)
        {
            return Fail(RequestSignatureReasons.ReplayCacheUnavailable, e.Message);
        }

        return added.IsCompletedSuccessfully ? ValueTask.FromResult(Replayed(added.Result, signature)) : AwaitAsync(added, signature);

        static async ValueTask<RequestSignatureValidationResult> AwaitAsync(ValueTask<bool> pending, VerifiedRequestSignature signature)
        {
            try
            {
                return Replayed(await pending.ConfigureAwait(false), signature);
            }
            catch (ReplayCacheUnavailableException e)
            {
                return RequestSignatureValidationResult.Fail(RequestSignatureReasons.ReplayCacheUnavailable, e.Message);
            }
        }

        static RequestSignatureValidationResult Replayed(bool fresh, VerifiedRequestSignature signature) => fresh
            ? RequestSignatureValidationResult.Success(signature)
            : RequestSignatureValidationResult.Fail(RequestSignatureReasons.Replayed, $"the token id ('jti') was already used by '{signature.Issuer}'");
    }

    private RequestSignatureValidationResult Failure(JwsVerificationResult result, string? token)
    {
        if (result.Failure != VerificationFailure.KeyNotFound)
        {
            return RequestSignatureValidationResult.Fail(ReasonOf(result.Failure), result.Detail ?? result.ReasonCode);
        }

        // Tell apart an unknown key, a key of another agent, and an issuer nobody trusts.
        var keyId = result.Header?.KeyId;
        var issuer = token is null ? null : IssuerOf(token);
        // The owner's id stays out of the detail: callers learn that the key is not theirs, not whose it is.
        if (keyId is not null && _keys.ResolveKeys(null, keyId).Count > 0)
        {
            return RequestSignatureValidationResult.Fail(RequestSignatureReasons.SigningKeyIssuerMismatch,
                $"the key '{Quote(keyId)}' is trusted for another agent than '{Quote(issuer ?? "(no iss)")}'");
        }

        if (issuer is not null && _keys.ResolveKeys(issuer, null).Count == 0)
        {
            return RequestSignatureValidationResult.Fail(RequestSignatureReasons.IssuerUntrusted, $"no key is trusted for the issuer '{Quote(issuer)}'");
        }

        return RequestSignatureValidationResult.Fail(RequestSignatureReasons.SigningKeyUnknown,
            issuer is null ? $"no trusted key has kid '{Quote(keyId ?? "")}'" : $"'{Quote(issuer)}' has no trusted key with kid '{Quote(keyId ?? "")}'");
    }

    private static string? IssuerOf(string token)
    {
        int first = token.IndexOf('.');
        int second = first < 0 ? -1 : token.IndexOf('.', first + 1);
        if (second < 0 || !StrictBase64Url.TryDecode(token.AsSpan(first + 1, second - first - 1), out var payload))
        {
            return null;
        }

        return JwtClaims.TryParse(payload, out var claims, out _) ? claims.Issuer : null;
    }

    private static string ReasonOf(VerificationFailure failure) => failure switch
    {
        VerificationFailure.TypeMismatch => RequestSignatureReasons.TypeMismatch,
        VerificationFailure.AlgorithmNotAllowed => RequestSignatureReasons.AlgorithmNotAllowed,
        VerificationFailure.AlgorithmKeyMismatch => RequestSignatureReasons.AlgorithmKeyMismatch,
        VerificationFailure.SignatureInvalid => RequestSignatureReasons.Invalid,
        VerificationFailure.KeyNotFound => RequestSignatureReasons.SigningKeyUnknown,
        VerificationFailure.ClaimMissing => RequestSignatureReasons.ClaimMissing,
        VerificationFailure.Expired => RequestSignatureReasons.Expired,
        VerificationFailure.NotYetValid => RequestSignatureReasons.NotYetValid,
        VerificationFailure.IssuedInFuture => RequestSignatureReasons.IssuedInFuture,
        VerificationFailure.LifetimeTooLong => RequestSignatureReasons.LifetimeTooLong,
        VerificationFailure.JwtIdReplayed => RequestSignatureReasons.Replayed,
        VerificationFailure.IssuerMismatch => RequestSignatureReasons.SigningKeyIssuerMismatch,
        VerificationFailure.AudienceMismatch => RequestSignatureReasons.AudienceMismatch,
        _ => RequestSignatureReasons.Malformed,
    };

    private static ValueTask<RequestSignatureValidationResult> Fail(string reason, string detail) =>
        ValueTask.FromResult(RequestSignatureValidationResult.Fail(reason, detail));

    // Caller-chosen text quoted in a detail goes through the one sanitizer.
    private static string Quote(string value) => CallerText.Sanitize(value);
}
