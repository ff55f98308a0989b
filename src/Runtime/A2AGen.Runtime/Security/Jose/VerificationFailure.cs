namespace A2AGen.Security;

/// <summary>
/// Why a signature, token or card was not accepted. Each value has a stable UPPER_SNAKE code
/// (<see cref="VerificationFailureCodes.ToReasonCode"/>) that hosting puts into ErrorInfo reasons, e.g.
/// <c>REQUEST_SIGNATURE_</c> + <c>EXPIRED</c>.
/// </summary>
public enum VerificationFailure
{
    /// <summary>Nothing failed.</summary>
    None = 0,

    /// <summary><c>MALFORMED_TOKEN</c>: not three dot-separated segments, or an empty header or signature.</summary>
    MalformedToken,

    /// <summary><c>MALFORMED_BASE64URL</c>: a segment is not canonical unpadded base64url.</summary>
    MalformedBase64Url,

    /// <summary><c>MALFORMED_HEADER</c>: the protected header is not a JSON object with well-typed, unique members.</summary>
    MalformedHeader,

    /// <summary><c>MALFORMED_CLAIMS</c>: the claims are not a JSON object with well-typed, unique registered claims.</summary>
    MalformedClaims,

    /// <summary><c>TOKEN_TOO_LARGE</c>: the compact token exceeds the size limit.</summary>
    TokenTooLarge,

    /// <summary><c>HEADER_TOO_LARGE</c>: the protected header exceeds the size limit.</summary>
    HeaderTooLarge,

    /// <summary><c>PAYLOAD_TOO_LARGE</c>: the payload exceeds the size limit.</summary>
    PayloadTooLarge,

    /// <summary><c>PAYLOAD_MISSING</c>: an attached-payload JWS has an empty payload segment.</summary>
    PayloadMissing,

    /// <summary><c>PAYLOAD_NOT_DETACHED</c>: a detached-payload JWS carries a payload segment.</summary>
    PayloadNotDetached,

    /// <summary><c>ALGORITHM_NOT_ALLOWED</c>: <c>alg</c> is missing from the allow-list (<c>none</c> and HMAC never are).</summary>
    AlgorithmNotAllowed,

    /// <summary><c>ALGORITHM_KEY_MISMATCH</c>: the key named by <c>kid</c> is of another type than <c>alg</c>.</summary>
    AlgorithmKeyMismatch,

    /// <summary><c>CRIT_UNSUPPORTED</c>: <c>crit</c> names an extension this verifier does not process (or <c>b64</c> is used).</summary>
    CritUnsupported,

    /// <summary><c>TYPE_MISMATCH</c>: <c>typ</c> is not the expected type.</summary>
    TypeMismatch,

    /// <summary><c>KID_MISSING</c>: the header has no <c>kid</c>.</summary>
    KeyIdMissing,

    /// <summary><c>KEY_NOT_FOUND</c>: no trusted key has this <c>kid</c> (for this issuer).</summary>
    KeyNotFound,

    /// <summary><c>SIGNATURE_INVALID</c>: the signature does not verify with the trusted key.</summary>
    SignatureInvalid,

    /// <summary><c>CLAIM_MISSING</c>: a required claim is absent.</summary>
    ClaimMissing,

    /// <summary><c>ISSUER_MISMATCH</c>: <c>iss</c> is not the expected issuer.</summary>
    IssuerMismatch,

    /// <summary><c>AUDIENCE_MISMATCH</c>: <c>aud</c> does not name this recipient.</summary>
    AudienceMismatch,

    /// <summary><c>EXPIRED</c>: <c>exp</c> has passed (beyond the allowed clock skew).</summary>
    Expired,

    /// <summary><c>NOT_YET_VALID</c>: <c>nbf</c> is in the future (beyond the allowed clock skew).</summary>
    NotYetValid,

    /// <summary><c>ISSUED_IN_FUTURE</c>: <c>iat</c> is in the future (beyond the allowed clock skew).</summary>
    IssuedInFuture,

    /// <summary><c>LIFETIME_TOO_LONG</c>: <c>exp</c> − <c>iat</c> exceeds the allowed lifetime.</summary>
    LifetimeTooLong,

    /// <summary><c>JTI_REPLAYED</c>: the <c>jti</c> hook refused the token id (seen before).</summary>
    JwtIdReplayed,

    /// <summary><c>CARD_MALFORMED</c>: the Agent Card is not a JSON object that can be canonicalized, or its signatures are malformed.</summary>
    CardMalformed,

    /// <summary><c>NO_SIGNATURES</c>: the Agent Card carries no signature.</summary>
    NoSignatures,

    /// <summary><c>JKU_NOT_ALLOWED</c>: the key is unknown and <c>jku</c> points outside the allow-listed origins.</summary>
    JkuNotAllowed,

    /// <summary><c>JKU_FETCH_FAILED</c>: the allow-listed <c>jku</c> could not be fetched or is not a valid JWK Set.</summary>
    JkuFetchFailed,
}

/// <summary>The stable reason codes of <see cref="VerificationFailure"/>.</summary>
public static class VerificationFailureCodes
{
    /// <summary>The UPPER_SNAKE reason code (stable across versions).</summary>
    /// <param name="failure">The failure.</param>
    public static string ToReasonCode(this VerificationFailure failure) => failure switch
    {
        VerificationFailure.None => "NONE",
        VerificationFailure.MalformedToken => "MALFORMED_TOKEN",
        VerificationFailure.MalformedBase64Url => "MALFORMED_BASE64URL",
        VerificationFailure.MalformedHeader => "MALFORMED_HEADER",
        VerificationFailure.MalformedClaims => "MALFORMED_CLAIMS",
        VerificationFailure.TokenTooLarge => "TOKEN_TOO_LARGE",
        VerificationFailure.HeaderTooLarge => "HEADER_TOO_LARGE",
        VerificationFailure.PayloadTooLarge => "PAYLOAD_TOO_LARGE",
        VerificationFailure.PayloadMissing => "PAYLOAD_MISSING",
        VerificationFailure.PayloadNotDetached => "PAYLOAD_NOT_DETACHED",
        VerificationFailure.AlgorithmNotAllowed => "ALGORITHM_NOT_ALLOWED",
        VerificationFailure.AlgorithmKeyMismatch => "ALGORITHM_KEY_MISMATCH",
        VerificationFailure.CritUnsupported => "CRIT_UNSUPPORTED",
        VerificationFailure.TypeMismatch => "TYPE_MISMATCH",
        VerificationFailure.KeyIdMissing => "KID_MISSING",
        VerificationFailure.KeyNotFound => "KEY_NOT_FOUND",
        VerificationFailure.SignatureInvalid => "SIGNATURE_INVALID",
        VerificationFailure.ClaimMissing => "CLAIM_MISSING",
        VerificationFailure.IssuerMismatch => "ISSUER_MISMATCH",
        VerificationFailure.AudienceMismatch => "AUDIENCE_MISMATCH",
        VerificationFailure.Expired => "EXPIRED",
        VerificationFailure.NotYetValid => "NOT_YET_VALID",
        VerificationFailure.IssuedInFuture => "ISSUED_IN_FUTURE",
        VerificationFailure.LifetimeTooLong => "LIFETIME_TOO_LONG",
        VerificationFailure.JwtIdReplayed => "JTI_REPLAYED",
        VerificationFailure.CardMalformed => "CARD_MALFORMED",
        VerificationFailure.NoSignatures => "NO_SIGNATURES",
        VerificationFailure.JkuNotAllowed => "JKU_NOT_ALLOWED",
        VerificationFailure.JkuFetchFailed => "JKU_FETCH_FAILED",
        _ => throw new ArgumentOutOfRangeException(nameof(failure)),
    };
}
