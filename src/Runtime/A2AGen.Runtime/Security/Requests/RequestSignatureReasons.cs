namespace A2AGen.Security;

/// <summary>
/// The <c>ErrorInfo.reason</c> of every way a request signature can fail (DESIGN §6.4, §6.7): one reason per check, so
/// the caller and the logs say exactly which check refused the request.
/// </summary>
public static class RequestSignatureReasons
{
    /// <summary>The agent or skill requires a signed request and none was sent.</summary>
    public const string Missing = "REQUEST_SIGNATURE_MISSING";

    /// <summary>The token is not a well-formed compact JWS with well-typed header and claims (or is too large, lacks <c>kid</c>, names an unsupported <c>crit</c>).</summary>
    public const string Malformed = "REQUEST_SIGNATURE_MALFORMED";

    /// <summary>The protected header's <c>typ</c> is not <c>a2a-request+jwt</c>: a token made for something else.</summary>
    public const string TypeMismatch = "REQUEST_SIGNATURE_TYPE_MISMATCH";

    /// <summary><c>alg</c> is not allowed (only <c>EdDSA</c> and <c>ES256</c> are; never <c>none</c> or HMAC).</summary>
    public const string AlgorithmNotAllowed = "REQUEST_SIGNATURE_ALGORITHM_NOT_ALLOWED";

    /// <summary>The trusted key named by <c>kid</c> does not sign with <c>alg</c>.</summary>
    public const string AlgorithmKeyMismatch = "REQUEST_SIGNATURE_ALGORITHM_KEY_MISMATCH";

    /// <summary>The signature does not verify with the trusted key.</summary>
    public const string Invalid = "REQUEST_SIGNATURE_INVALID";

    /// <summary>A required claim (<c>iss</c>, <c>aud</c>, <c>iat</c>, <c>exp</c>, <c>jti</c>, <c>htm</c>, <c>htu</c>, or <c>bh</c> for a non-empty body) is absent.</summary>
    public const string ClaimMissing = "REQUEST_SIGNATURE_CLAIM_MISSING";

    /// <summary><c>exp</c> has passed (beyond the clock skew).</summary>
    public const string Expired = "REQUEST_SIGNATURE_EXPIRED";

    /// <summary><c>nbf</c> lies in the future (beyond the clock skew).</summary>
    public const string NotYetValid = "REQUEST_SIGNATURE_NOT_YET_VALID";

    /// <summary><c>iat</c> lies in the future (beyond the clock skew).</summary>
    public const string IssuedInFuture = "REQUEST_SIGNATURE_ISSUED_IN_FUTURE";

    /// <summary><c>exp</c> − <c>iat</c> exceeds the verifier's maximum lifetime.</summary>
    public const string LifetimeTooLong = "REQUEST_SIGNATURE_LIFETIME_TOO_LONG";

    /// <summary>The <c>jti</c> was seen before (within its lifetime and the clock skew).</summary>
    public const string Replayed = "REQUEST_SIGNATURE_REPLAYED";

    /// <summary><c>aud</c> does not name this agent's endpoint.</summary>
    public const string AudienceMismatch = "REQUEST_AUDIENCE_MISMATCH";

    /// <summary><c>htm</c> is not the request's HTTP method.</summary>
    public const string MethodMismatch = "REQUEST_METHOD_MISMATCH";

    /// <summary><c>htu</c> is not this agent's endpoint URL.</summary>
    public const string UrlMismatch = "REQUEST_URL_MISMATCH";

    /// <summary><c>bh</c> is not the base64url SHA-256 of the exact body bytes.</summary>
    public const string BodyHashMismatch = "REQUEST_BODY_HASH_MISMATCH";

    /// <summary>No trusted key has the <c>kid</c>. Shown to callers as <see cref="IssuerUntrusted"/> (<see cref="ForCaller"/>).</summary>
    public const string SigningKeyUnknown = "REQUEST_SIGNING_KEY_UNKNOWN";

    /// <summary>The <c>kid</c> is trusted, but for another agent than <c>iss</c>. Shown to callers as <see cref="IssuerUntrusted"/> (<see cref="ForCaller"/>).</summary>
    public const string SigningKeyIssuerMismatch = "REQUEST_SIGNING_KEY_ISSUER_MISMATCH";

    /// <summary>
    /// The trust store has no key at all for <c>iss</c>; to callers also the answer for <see cref="SigningKeyUnknown"/>
    /// and <see cref="SigningKeyIssuerMismatch"/>: no key this agent trusts for <c>iss</c> has this <c>kid</c>.
    /// </summary>
    public const string IssuerUntrusted = "REQUEST_ISSUER_UNTRUSTED";

    /// <summary>The replay cache could not record the <c>jti</c> (full or unreachable): the request is refused, not let through (HTTP 503).</summary>
    public const string ReplayCacheUnavailable = "REPLAY_CACHE_UNAVAILABLE";

    /// <summary>
    /// The reason to tell an unauthenticated caller: the three key-lookup failures (<see cref="IssuerUntrusted"/>,
    /// <see cref="SigningKeyUnknown"/>, <see cref="SigningKeyIssuerMismatch"/>) become <see cref="IssuerUntrusted"/>,
    /// so a junk token with a chosen <c>iss</c> or <c>kid</c> cannot tell which issuers or keys are trusted; every
    /// other reason is shown as it is. Keep the precise reason for the log.
    /// </summary>
    /// <param name="reason">The precise reason.</param>
    public static string ForCaller(string reason) =>
        reason is SigningKeyUnknown or SigningKeyIssuerMismatch ? IssuerUntrusted : reason;

    /// <summary>Whether <paramref name="reason"/> is one of the key-lookup failures shown to callers as <see cref="IssuerUntrusted"/>.</summary>
    /// <param name="reason">The precise reason.</param>
    public static bool IsUntrustedSigner(string? reason) => reason is IssuerUntrusted or SigningKeyUnknown or SigningKeyIssuerMismatch;
}
