namespace A2AGen.Provenance;

/// <summary>The outcome of a provenance link or chain.</summary>
public enum ProvenanceStatus
{
    /// <summary>Every check passed with a key trusted for the signer.</summary>
    Verified,

    /// <summary>Nothing failed that could be checked, but no trusted key vouches (or there is no envelope): never to be treated as verified.</summary>
    Unverified,

    /// <summary>A check failed; the reason names it.</summary>
    Invalid,
}
