namespace A2AGen;

/// <summary>Whether a signature must be present. A signature that is present is always verified.</summary>
public enum SignatureRequirement
{
    /// <summary>
    /// Follow the surrounding policy: <see cref="Required"/> for <see cref="SkillPrivilege.High"/> skills or when
    /// the agent requires it, otherwise <see cref="Optional"/>.
    /// </summary>
    Default = 0,

    /// <summary>Verified when present, accepted when absent. On a high-privilege skill this is flagged (A2AG0001).</summary>
    Optional = 1,

    /// <summary>Must be present and valid; otherwise the call is refused (HTTP 401 or 403).</summary>
    Required = 2,
}
