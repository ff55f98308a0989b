namespace A2AGen.Security;

/// <summary>The three outcomes of checking an Agent Card's signatures. Only <see cref="Verified"/> means trusted.</summary>
public enum AgentCardVerificationStatus
{
    /// <summary>A signature verified with a trusted key (see which one); the card is authentic.</summary>
    Verified = 1,

    /// <summary>No signature could be checked against a trusted key (none present, or unknown keys). Not an error, and never trusted.</summary>
    Unverified = 2,

    /// <summary>A check failed: the card or a signature is malformed, or a signature does not verify (tampering).</summary>
    Invalid = 3,
}
