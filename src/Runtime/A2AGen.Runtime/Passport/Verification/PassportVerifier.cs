using System.Buffers;
using System.Diagnostics.Metrics;
using System.Security.Cryptography;
using System.Text;
using A2AGen.Security;

namespace A2AGen.Passport;

/// <summary>
/// Verifies Secure Passports on the serving side (DESIGN §6.5). For a signed passport, in order: the client's agent
/// id from <c>clientId</c>; the signature — a compact JWS with detached payload (the RFC 8785 JSON of the passport
/// without <c>signature</c>), <c>typ</c> <c>a2a-passport+jws</c>, <c>alg</c> allow-list, the key only from the trust
/// store entry of <c>clientId</c> (a <c>kid</c> of another agent is refused); the protected header's times
/// (<c>iat</c>, <c>exp</c> required, clock skew, maximum lifetime); then the checks that depend on the request:
/// <c>aud</c> names this agent, and a signed request's <c>iss</c> is the passport's client. A repeated passport is
/// answered from a bounded cache of verified signatures (keyed by the hash of signing input and signature, kept no
/// later than <c>exp</c>): a hit skips the signature verification only — the key must still be trusted, and time,
/// audience and caller are checked again. A signature field that is merely present never counts as verified.
/// Thread-safe.
/// </summary>
public sealed class PassportVerifier
{
    private const int MaxRetainedPayload = 64 * 1024;

    private static readonly Meter DefaultMeter = new("A2AGen.Passport");

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_payload;

    [ThreadStatic]
    private static IncrementalHash? t_sha256;

    private readonly IJwsKeyResolver _keys;
    private readonly JwsVerifier _jws;
    private readonly JwtValidationParameters _timeRules;
    private readonly VerifiedPassportCache? _cache;
    private readonly Counter<long> _verifications;
    private readonly Counter<long> _cacheHits;
    private readonly Counter<long> _cacheMisses;

    /// <summary>Creates a verifier.</summary>
    /// <param name="keys">Trusted keys by agent id (usually a <see cref="TrustStore"/>).</param>
    /// <param name="options">Rules and cache size.</param>
    /// <exception cref="ArgumentException">An option is out of range, or an algorithm A2AGen never accepts is allowed.</exception>
    public PassportVerifier(IJwsKeyResolver keys, PassportVerifierOptions? options = null)
    {
        _keys = keys ?? throw new ArgumentNullException(nameof(keys));
        Options = options ?? new PassportVerifierOptions();
        if (Options.ClockSkew < TimeSpan.Zero || Options.ClockSkew > TimeSpan.FromMinutes(5))
        {
            throw new ArgumentException($"A clock skew of {Options.ClockSkew} is outside 0 to 5 minutes.", nameof(options));
        }

        if (Options.MaxLifetime < TimeSpan.FromSeconds(1) || Options.MaxLifetime > PassportSigningOptions.MaxLifetime)
        {
            throw new ArgumentException($"A maximum passport lifetime of {Options.MaxLifetime} is outside 1 second to 24 hours.", nameof(options));
        }

        if (Options.CacheCapacity < 0 || Options.MaxSignatureLength < 64)
        {
            throw new ArgumentException("The cache capacity must not be negative and the maximum signature length must be at least 64.", nameof(options));
        }

        _jws = new JwsVerifier(keys, new JwsVerificationOptions
        {
            AllowedAlgorithms = Options.AllowedAlgorithms,
            ExpectedType = PassportFormat.SignatureType,
            MaxTokenLength = Options.MaxSignatureLength,
        });
        _timeRules = new JwtValidationParameters
        {
            ClockSkew = Options.ClockSkew,
            MaxLifetime = Options.MaxLifetime,
            RequireExpiration = true,
            RequireIssuedAt = true,
            TimeProvider = Options.TimeProvider,
        };
        _cache = Options.CacheCapacity > 0 ? new VerifiedPassportCache(Options.CacheCapacity) : null;
        var meter = Options.Meter ?? DefaultMeter;
        _verifications = meter.CreateCounter<long>("a2agen.passport.verifications", "{passport}", "Passports checked, by outcome (verified, unsigned, or the reason of the failed check).");
        _cacheHits = meter.CreateCounter<long>("a2agen.passport.cache.hits", "{passport}", "Signed passports whose signature was found in the verified-passport cache.");
        _cacheMisses = meter.CreateCounter<long>("a2agen.passport.cache.misses", "{passport}", "Signed passports whose signature had to be verified.");
    }

    /// <summary>The rules in force.</summary>
    public PassportVerifierOptions Options { get; }

    /// <summary>How many verified passports the cache holds now.</summary>
    public int CachedCount => _cache?.Count ?? 0;

    /// <summary>Checks a received passport.</summary>
    /// <param name="passport">The passport as read from the message.</param>
    /// <param name="context">Who verifies and who signed the request; null when neither is known.</param>
    public PassportVerificationResult Verify(CallerContext passport, PassportVerificationContext? context = null)
    {
        ArgumentNullException.ThrowIfNull(passport);
        var result = VerifyCore(passport, context);
        _verifications.Add(1, new KeyValuePair<string, object?>("outcome", result.Reason ?? (result.IsVerified ? "verified" : "unsigned")));
        return result;
    }

    private PassportVerificationResult VerifyCore(CallerContext passport, PassportVerificationContext? context)
    {
        if (passport.Signature is not { } token)
        {
            PassportFormat.TryGetAgentId(passport.ClientId, out var unsignedAgentId);
            return CheckCaller(unsignedAgentId, passport.ClientId, context) ?? new PassportVerificationResult(PassportStatus.Unsigned, null, null) { ClientAgentId = unsignedAgentId };
        }

        var payload = t_payload ??= new ArrayBufferWriter<byte>(512);
        payload.ResetWrittenCount();
        try
        {
            return VerifySigned(passport, token, payload, context);
        }
        finally
        {
            if (payload.Capacity > MaxRetainedPayload)
            {
                t_payload = null;
            }
        }
    }

    private PassportVerificationResult VerifySigned(CallerContext passport, string token, ArrayBufferWriter<byte> payload, PassportVerificationContext? context)
    {
        try
        {
            PassportFormat.WriteSigningPayload(passport, payload);
        }
        catch (FormatException e)
        {
            PassportFormat.TryGetAgentId(passport.ClientId, out var malformedAgentId);
            return new PassportVerificationResult(PassportStatus.Malformed, PassportReasons.Malformed, $"the state cannot be canonicalized for its signature: {e.Message}")
            {
                Field = "state",
                ClientAgentId = malformedAgentId,
            };
        }

        var now = Options.TimeProvider.GetUtcNow();
        PassportCacheKey key = default;
        var cacheable = _cache is not null && TryComputeCacheKey(token, payload.WrittenSpan, Options.MaxSignatureLength, out key);
        if (cacheable && _cache!.TryGet(key, now, out var cached))
        {
            if (IsStillTrusted(cached.Key))
            {
                // The clientId is part of the signed payload, so it names the agent whose key verified it.
                _cacheHits.Add(1);
                return CheckRequest(cached, cached.Key.AgentId, now, context, fromCache: true);
            }

            // The key was removed or replaced since: verify from scratch, so the answer says why.
            _cache.Remove(key);
        }

        if (cacheable)
        {
            _cacheMisses.Add(1);
        }

        if (!PassportFormat.TryGetAgentId(passport.ClientId, out var agentId))
        {
            return new PassportVerificationResult(PassportStatus.UntrustedSigner, PassportReasons.SignerUntrusted,
                $"clientId '{Shown(passport.ClientId)}' names no agent id ([a-z0-9][a-z0-9._-]{{0,63}}, optionally a2a://<agent-id>), so no key can be trusted for it");
        }

        var signature = _jws.VerifyDetached(token, payload.WrittenSpan, issuer: agentId);
        if (!signature.IsValid)
        {
            return SignatureFailure(signature, agentId);
        }

        if (!JwtClaims.TryParse(signature.Header!.Json, out var claims, out var claimsProblem))
        {
            return Fail(PassportStatus.Invalid, PassportReasons.SignatureMalformed, $"the protected header: {claimsProblem}", agentId);
        }

        var timeFailure = JwtClaimsValidator.Validate(claims, _timeRules, out var timeDetail);
        if (timeFailure != VerificationFailure.None)
        {
            return Fail(PassportStatus.Invalid, TimeReason(timeFailure), timeDetail!, agentId);
        }

        var verified = new VerifiedPassport(signature.Key!, signature.Header.Algorithm, claims.IssuedAt!.Value, claims.ExpiresAt!.Value, claims.Audiences, claims.JwtId);
        if (cacheable)
        {
            _cache!.Add(key, verified, now);
        }

        return CheckRequest(verified, agentId, now, context, fromCache: false);
    }

    // The checks a cache hit must not skip: time (a hit is never past exp, but skew and iat are re-read), audience,
    // and the request's signer.
    private PassportVerificationResult CheckRequest(VerifiedPassport verified, string agentId, DateTimeOffset now, PassportVerificationContext? context, bool fromCache)
    {
        var skew = Options.ClockSkew;
        if (now >= verified.ExpiresAt + skew)
        {
            return Fail(PassportStatus.Invalid, PassportReasons.Expired, $"the passport expired at {verified.ExpiresAt:O}", agentId);
        }

        if (verified.IssuedAt > now + skew)
        {
            return Fail(PassportStatus.Invalid, PassportReasons.IssuedInFuture, $"the passport was issued in the future ({verified.IssuedAt:O})", agentId);
        }

        if (verified.Audiences.Count == 0)
        {
            if (Options.RequireAudience)
            {
                return Fail(PassportStatus.Invalid, PassportReasons.ClaimMissing, "the protected header has no 'aud', which this verifier requires", agentId);
            }
        }
        else if (!NamesThisAgent(verified.Audiences, context))
        {
            return Fail(PassportStatus.Invalid, PassportReasons.AudienceMismatch,
                $"'aud' names neither this agent ({context?.AgentId ?? "unknown id"}) nor its endpoint ({context?.Endpoint?.Urls[0] ?? "unknown URL"})", agentId);
        }

        if (CheckCaller(agentId, agentId, context) is { } mismatch)
        {
            return mismatch;
        }

        return new PassportVerificationResult(PassportStatus.Verified, null, null)
        {
            ClientAgentId = agentId,
            KeyId = verified.Key.KeyId,
            Algorithm = verified.Algorithm,
            IssuedAt = verified.IssuedAt,
            ExpiresAt = verified.ExpiresAt,
            Audiences = verified.Audiences,
            TokenId = verified.TokenId,
            FromCache = fromCache,
        };
    }

    private static PassportVerificationResult? CheckCaller(string? agentId, string clientId, PassportVerificationContext? context)
    {
        if (context?.RequestIssuer is not { } issuer || string.Equals(issuer, agentId, StringComparison.Ordinal))
        {
            return null;
        }

        return Fail(PassportStatus.Invalid, PassportReasons.ClientMismatch,
            $"the request is signed by '{issuer}' but the passport's clientId is '{Shown(clientId)}'; a caller may only present its own passport", agentId);
    }

    private static bool NamesThisAgent(IReadOnlyList<string> audiences, PassportVerificationContext? context)
    {
        if (context is null)
        {
            return false;
        }

        foreach (var audience in audiences)
        {
            if ((context.AgentId is { } id && string.Equals(audience, id, StringComparison.Ordinal)) || context.Endpoint?.Matches(audience) == true)
            {
                return true;
            }
        }

        return false;
    }

    private bool IsStillTrusted(TrustedKey key)
    {
        var current = _keys.ResolveKeys(key.AgentId, key.KeyId);
        for (var i = 0; i < current.Count; i++)
        {
            if (ReferenceEquals(current[i], key) || current[i].PublicKey.Equals(key.PublicKey))
            {
                return true;
            }
        }

        return false;
    }

    private PassportVerificationResult SignatureFailure(JwsVerificationResult signature, string agentId)
    {
        var detail = signature.Detail ?? signature.ReasonCode;
        switch (signature.Failure)
        {
            case VerificationFailure.TypeMismatch:
                return Fail(PassportStatus.Invalid, PassportReasons.SignatureTypeMismatch, detail, agentId);
            case VerificationFailure.AlgorithmNotAllowed:
                return Fail(PassportStatus.Invalid, PassportReasons.SignatureAlgorithmNotAllowed, detail, agentId);
            case VerificationFailure.SignatureInvalid:
            case VerificationFailure.AlgorithmKeyMismatch:
                return Fail(PassportStatus.Invalid, PassportReasons.SignatureInvalid, detail + " (the passport was changed after signing, or signed with another key)", agentId);
            case VerificationFailure.KeyNotFound:
                var kid = signature.Header?.KeyId;
                var owners = kid is null ? [] : _keys.ResolveKeys(null, kid);
                if (owners.Count > 0 && !string.Equals(owners[0].AgentId, agentId, StringComparison.Ordinal))
                {
                    // Which agent owns the key is not the caller's business; the log has the kid.
                    return Fail(PassportStatus.Invalid, PassportReasons.KeyNotOwnedByClient, $"the key '{Shown(kid)}' is not a key of '{agentId}'", agentId);
                }

                return _keys.ResolveKeys(agentId, null).Count == 0
                    ? Fail(PassportStatus.UntrustedSigner, PassportReasons.SignerUntrusted, $"no key is trusted for '{agentId}'", agentId)
                    : Fail(PassportStatus.UntrustedSigner, PassportReasons.SigningKeyUnknown, $"'{agentId}' has no trusted key with kid '{Shown(kid ?? "")}'", agentId);
            default:
                return Fail(PassportStatus.Invalid, PassportReasons.SignatureMalformed, detail, agentId);
        }
    }

    private static string TimeReason(VerificationFailure failure) => failure switch
    {
        VerificationFailure.Expired => PassportReasons.Expired,
        VerificationFailure.NotYetValid => PassportReasons.NotYetValid,
        VerificationFailure.IssuedInFuture => PassportReasons.IssuedInFuture,
        VerificationFailure.LifetimeTooLong => PassportReasons.LifetimeTooLong,
        VerificationFailure.ClaimMissing => PassportReasons.ClaimMissing,
        _ => PassportReasons.SignatureMalformed,
    };

    private static PassportVerificationResult Fail(PassportStatus status, string reason, string detail, string? agentId) =>
        new(status, reason, detail) { ClientAgentId = agentId };

    /// <summary>
    /// SHA-256 of <c>BASE64URL(header) '.' BASE64URL(payload) '.' BASE64URL(signature)</c> — the signing input and the
    /// signature — for a token shaped <c>header..signature</c> of ASCII characters; false otherwise (such a token fails
    /// verification anyway).
    /// </summary>
    internal static bool TryComputeCacheKey(string token, ReadOnlySpan<byte> payload, int maxLength, out PassportCacheKey key)
    {
        key = default;
        var first = token.IndexOf('.', StringComparison.Ordinal);
        if (token.Length > maxLength || first <= 0 || first + 1 >= token.Length || token[first + 1] != '.' || token.IndexOf('.', first + 2) >= 0)
        {
            return false;
        }

        var encodedPayload = StrictBase64Url.GetEncodedLength(payload.Length);
        var length = token.Length + encodedPayload;
        var rented = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            var input = rented.AsSpan(0, length);
            if (Ascii.FromUtf16(token.AsSpan(0, first + 1), input, out _) != OperationStatus.Done)
            {
                return false;
            }

            StrictBase64Url.Encode(payload, input[(first + 1)..]);
            if (Ascii.FromUtf16(token.AsSpan(first + 1), input[(first + 1 + encodedPayload)..], out _) != OperationStatus.Done)
            {
                return false;
            }

            // One reused hash object per thread: creating one per call costs more than hashing a passport.
            var sha256 = t_sha256 ??= IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            sha256.AppendData(input);
            Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
            sha256.GetHashAndReset(hash);
            key = PassportCacheKey.From(hash);
            return true;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    // clientId and kid come from the caller: through the one sanitizer before they reach a message or a log.
    private static string Shown(string? value) => CallerText.Sanitize(value);
}
