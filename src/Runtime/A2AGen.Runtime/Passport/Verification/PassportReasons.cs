namespace A2AGen.Passport;

/// <summary>
/// The <c>ErrorInfo.reason</c> of every way a Secure Passport can be refused: one reason per check, so the caller and
/// the logs say exactly which check failed.
/// </summary>
public static class PassportReasons
{
    /// <summary>The passport is not a valid <c>CallerContext</c> (the error names the member), or its state cannot be canonicalized for its signature.</summary>
    public const string Malformed = "PASSPORT_MALFORMED";

    /// <summary>The skill requires a passport and the message carries none.</summary>
    public const string Required = "PASSPORT_REQUIRED";

    /// <summary>The skill requires a signed passport and the passport is unsigned.</summary>
    public const string SignatureRequired = "PASSPORT_SIGNATURE_REQUIRED";

    /// <summary>The skill requires state keys the passport lacks (the error names them).</summary>
    public const string KeyMissing = "PASSPORT_KEY_MISSING";

    /// <summary><c>signature</c> is not a compact JWS with a detached payload and a well-formed protected header (or it is too large, lacks <c>kid</c>, names an unsupported <c>crit</c>).</summary>
    public const string SignatureMalformed = "PASSPORT_SIGNATURE_MALFORMED";

    /// <summary>The protected header's <c>typ</c> is not <c>a2a-passport+jws</c>: a signature made for something else.</summary>
    public const string SignatureTypeMismatch = "PASSPORT_SIGNATURE_TYPE_MISMATCH";

    /// <summary><c>alg</c> is not allowed (only <c>EdDSA</c> and <c>ES256</c>; never <c>none</c> or HMAC).</summary>
    public const string SignatureAlgorithmNotAllowed = "PASSPORT_SIGNATURE_ALGORITHM_NOT_ALLOWED";

    /// <summary>The signature does not verify with the client's trusted key: the passport was changed, or signed by someone else.</summary>
    public const string SignatureInvalid = "PASSPORT_SIGNATURE_INVALID";

    /// <summary>The protected header lacks <c>iat</c> or <c>exp</c>.</summary>
    public const string ClaimMissing = "PASSPORT_SIGNATURE_CLAIM_MISSING";

    /// <summary><c>exp</c> has passed (beyond the clock skew).</summary>
    public const string Expired = "PASSPORT_EXPIRED";

    /// <summary><c>nbf</c> lies in the future (beyond the clock skew).</summary>
    public const string NotYetValid = "PASSPORT_NOT_YET_VALID";

    /// <summary><c>iat</c> lies in the future (beyond the clock skew).</summary>
    public const string IssuedInFuture = "PASSPORT_ISSUED_IN_FUTURE";

    /// <summary><c>exp</c> − <c>iat</c> exceeds the verifier's maximum passport lifetime.</summary>
    public const string LifetimeTooLong = "PASSPORT_LIFETIME_TOO_LONG";

    /// <summary><c>aud</c> names neither this agent's id nor its endpoint URL.</summary>
    public const string AudienceMismatch = "PASSPORT_AUDIENCE_MISMATCH";

    /// <summary>The <c>kid</c> belongs to another agent than the one <c>clientId</c> names. Shown to callers as <see cref="SignerUntrusted"/> (<see cref="ForCaller"/>).</summary>
    public const string KeyNotOwnedByClient = "PASSPORT_KEY_NOT_OWNED_BY_CLIENT";

    /// <summary>
    /// No key at all is trusted for <c>clientId</c> (or <c>clientId</c> names no valid agent id); to callers also the
    /// answer for <see cref="SigningKeyUnknown"/> and <see cref="KeyNotOwnedByClient"/>: no key this agent trusts for
    /// <c>clientId</c> has this <c>kid</c>.
    /// </summary>
    public const string SignerUntrusted = "PASSPORT_SIGNER_UNTRUSTED";

    /// <summary><c>clientId</c> is trusted, but none of its keys has this <c>kid</c>. Shown to callers as <see cref="SignerUntrusted"/> (<see cref="ForCaller"/>).</summary>
    public const string SigningKeyUnknown = "PASSPORT_SIGNING_KEY_UNKNOWN";

    /// <summary>The request is signed by another agent than the passport's <c>clientId</c>: one caller, one identity.</summary>
    public const string ClientMismatch = "PASSPORT_CLIENT_MISMATCH";

    /// <summary>
    /// The reason to tell a caller: the key-lookup failures (<see cref="SignerUntrusted"/>, <see cref="SigningKeyUnknown"/>,
    /// <see cref="KeyNotOwnedByClient"/>) become <see cref="SignerUntrusted"/>, so a junk passport with a chosen
    /// <c>clientId</c> or <c>kid</c> cannot tell which agents or keys are trusted; every other reason is shown as it is.
    /// Keep the precise reason for the log.
    /// </summary>
    /// <param name="reason">The precise reason.</param>
    public static string ForCaller(string reason) =>
        reason is SigningKeyUnknown or KeyNotOwnedByClient ? SignerUntrusted : reason;

    /// <summary>Whether <paramref name="reason"/> is one of the key-lookup failures shown to callers as <see cref="SignerUntrusted"/>.</summary>
    /// <param name="reason">The precise reason.</param>
    public static bool IsUntrustedSigner(string? reason) => reason is SignerUntrusted or SigningKeyUnknown or KeyNotOwnedByClient;
}
