namespace A2AGen.Provenance;

/// <summary>The stable reason of every way a provenance link can fail to verify: one reason per check.</summary>
public static class ProvenanceReasons
{
    /// <summary>Unverified: the content carries no provenance envelope.</summary>
    public const string Missing = "PROVENANCE_MISSING";

    /// <summary>Invalid: the envelope or its statement is not well formed (unknown or repeated member, wrong type, bad digest spelling, ancestors of an ancestor).</summary>
    public const string Malformed = "PROVENANCE_MALFORMED";

    /// <summary>Invalid: the chain is deeper than the verifier allows.</summary>
    public const string ChainTooDeep = "PROVENANCE_CHAIN_TOO_DEEP";

    /// <summary>Invalid: the chain holds more envelopes or bytes than the verifier allows.</summary>
    public const string ChainTooLarge = "PROVENANCE_CHAIN_TOO_LARGE";

    /// <summary>Invalid: a parent link leads back to an envelope on its own path.</summary>
    public const string Cycle = "PROVENANCE_CYCLE";

    /// <summary>Invalid: no carried ancestor and no resolver has an envelope with a parent's digest.</summary>
    public const string ParentNotFound = "PROVENANCE_PARENT_NOT_FOUND";

    /// <summary>Invalid: a carried ancestor is not a parent of any envelope in the chain (added or altered on the way).</summary>
    public const string AncestorUnlinked = "PROVENANCE_ANCESTOR_UNLINKED";

    /// <summary>Invalid: the parent envelope's <c>iss</c> is not the signer its child's link names.</summary>
    public const string ParentIssuerMismatch = "PROVENANCE_PARENT_ISSUER_MISMATCH";

    /// <summary>Invalid: the content's digest is not the statement's <c>digest</c> (the content was changed).</summary>
    public const string ContentMismatch = "PROVENANCE_CONTENT_MISMATCH";

    /// <summary>Invalid: the statement's kind or artifact/message id is not the content's.</summary>
    public const string ContentIdMismatch = "PROVENANCE_CONTENT_ID_MISMATCH";

    /// <summary>Invalid: the statement names another task or context than the one the content arrived in (a replay).</summary>
    public const string BindingMismatch = "PROVENANCE_BINDING_MISMATCH";

    /// <summary>Invalid: <c>aud</c> names neither this verifier's agent id nor its URL.</summary>
    public const string AudienceMismatch = "PROVENANCE_AUDIENCE_MISMATCH";

    /// <summary>Invalid: <c>exp</c> has passed (for a parent: it had passed when its child was signed).</summary>
    public const string Expired = "PROVENANCE_EXPIRED";

    /// <summary>Invalid: <c>iat</c> lies in the future (for a parent: after its child's).</summary>
    public const string IssuedInFuture = "PROVENANCE_ISSUED_IN_FUTURE";

    /// <summary>Invalid: the protected header is not <c>{alg, kid, typ}</c> as the profile requires, or the JWS is malformed.</summary>
    public const string SignatureMalformed = "PROVENANCE_SIGNATURE_MALFORMED";

    /// <summary>Invalid: <c>typ</c> is not <c>a2a-provenance+jws</c>.</summary>
    public const string SignatureTypeMismatch = "PROVENANCE_SIGNATURE_TYPE_MISMATCH";

    /// <summary>Invalid: <c>alg</c> is not allowed (only <c>EdDSA</c> and <c>ES256</c>).</summary>
    public const string SignatureAlgorithmNotAllowed = "PROVENANCE_SIGNATURE_ALGORITHM_NOT_ALLOWED";

    /// <summary>Invalid: <c>crit</c> names an extension this verifier does not process.</summary>
    public const string CritUnsupported = "PROVENANCE_CRIT_UNSUPPORTED";

    /// <summary>Invalid: the signature does not verify with the signer's trusted key (the statement was changed).</summary>
    public const string SignatureInvalid = "PROVENANCE_SIGNATURE_INVALID";

    /// <summary>Invalid: the signing key is trusted, but for another agent than <c>iss</c>.</summary>
    public const string KeyNotOwnedBySigner = "PROVENANCE_KEY_NOT_OWNED_BY_SIGNER";

    /// <summary>Unverified: no key is trusted for the signer.</summary>
    public const string SignerUntrusted = "PROVENANCE_SIGNER_UNTRUSTED";

    /// <summary>Unverified: the signer has trusted keys, but none with this <c>kid</c>.</summary>
    public const string SigningKeyUnknown = "PROVENANCE_SIGNING_KEY_UNKNOWN";

    /// <summary>Unverified: a parent link could not be checked because the chain stopped earlier (its child failed or a limit was hit).</summary>
    public const string NotChecked = "PROVENANCE_NOT_CHECKED";
}
