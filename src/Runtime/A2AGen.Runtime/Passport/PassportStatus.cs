namespace A2AGen.Passport;

/// <summary>The outcome of checking a passport. Only <see cref="Verified"/> means the signature was checked and held.</summary>
public enum PassportStatus
{
    /// <summary>No passport came with the message.</summary>
    Absent = 0,

    /// <summary>A well-formed passport without a signature.</summary>
    Unsigned = 1,

    /// <summary>The signature verified with a trusted key of <c>clientId</c>, and every claim held.</summary>
    Verified = 2,

    /// <summary>A check failed (see the reason): the signature does not hold, or the passport contradicts the verified request signer.</summary>
    Invalid = 3,

    /// <summary>The signature's key is not trusted for <c>clientId</c> (or <c>clientId</c> is unknown).</summary>
    UntrustedSigner = 4,

    /// <summary>The passport is not a valid <c>CallerContext</c> (see the field at fault).</summary>
    Malformed = 5,
}
