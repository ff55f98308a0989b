namespace A2AGen.Declarations.Problems;

/// <summary>The ids of every declaration problem, as constants (analyzer release tracking needs literal ids).</summary>
internal static class ProblemIds
{
    public const string HighPrivilegeWeakened = "A2AG0001";
    public const string InvalidAgentClass = "A2AG0002";
    public const string DuplicateSkillId = "A2AG0003";
    public const string InvalidId = "A2AG0004";
    public const string SkillOutsideAgent = "A2AG0005";
    public const string UnbindableSkill = "A2AG0006";
    public const string EmptyCardField = "A2AG0007";
    public const string InsecureAgentUrl = "A2AG0008";
    public const string InvalidPassportKey = "A2AG0009";
    public const string ScopesWithoutOAuth = "A2AG0010";
    public const string PrivilegedSkillNotHigh = "A2AG0011";
    public const string InvalidVersion = "A2AG0012";
    public const string NonConstantArgument = "A2AG0013";
    public const string MultipleDefaultSkills = "A2AG0014";
    public const string InvalidSecurityDeclaration = "A2AG0015";
    public const string InvalidUrl = "A2AG0016";
    public const string InvalidText = "A2AG0017";
    public const string DefaultSkillWithoutSkill = "A2AG0018";
    public const string GeneratedNameClash = "A2AG0019";
    public const string PassportWithoutDeclaration = "A2AG0020";
    public const string StreamingDisabled = "A2AG0021";
    public const string InterruptingSkillWithoutContext = "A2AG0022";
    public const string InvalidBiscuitPolicy = "A2AG0023";
    public const string ProvenanceOutsideSkill = "A2AG0024";
}
