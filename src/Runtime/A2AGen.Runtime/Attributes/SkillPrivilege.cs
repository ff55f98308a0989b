namespace A2AGen;

/// <summary>How much a forged or replayed invocation of a skill could harm.</summary>
public enum SkillPrivilege
{
    /// <summary>Ordinary: signatures are verified when present but not required.</summary>
    Standard = 0,

    /// <summary>
    /// Moves money, changes or deletes data, grants access. Fails closed: a signed request and a signed passport are
    /// required unless a setting explicitly weakens that (analyzer A2AG0001).
    /// </summary>
    High = 1,
}
