using System.Collections.Generic;
using System.Collections.Immutable;
using A2AGen.Declarations.Problems;
using Microsoft.CodeAnalysis;

namespace A2AGen.Analyzers.Diagnostics;

/// <summary>
/// One <see cref="DiagnosticDescriptor"/> per problem of the shared catalog (<see cref="ProblemDescriptors"/>): same id,
/// severity, category, title and message. Ids, categories and severities are written out as constants so that analyzer
/// release tracking (RS2000–RS2008) can read them; a test checks that they agree with the catalog.
/// </summary>
internal static class A2AGenDiagnostics
{
    /// <summary>A2AG0001: see <see cref="ProblemDescriptors.HighPrivilegeWeakened"/>.</summary>
    public static readonly DiagnosticDescriptor HighPrivilegeWeakened = new(
        ProblemIds.HighPrivilegeWeakened,
        ProblemDescriptors.HighPrivilegeWeakened.Title,
        ProblemDescriptors.HighPrivilegeWeakened.MessageFormat,
        ProblemCategories.Security,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        helpLinkUri: HelpLinks.Base + ProblemIds.HighPrivilegeWeakened + HelpLinks.Extension);

    /// <summary>A2AG0002: see <see cref="ProblemDescriptors.InvalidAgentClass"/>.</summary>
    public static readonly DiagnosticDescriptor InvalidAgentClass = new(
        ProblemIds.InvalidAgentClass,
        ProblemDescriptors.InvalidAgentClass.Title,
        ProblemDescriptors.InvalidAgentClass.MessageFormat,
        ProblemCategories.Usage,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLinks.Base + ProblemIds.InvalidAgentClass + HelpLinks.Extension);

    /// <summary>A2AG0003: see <see cref="ProblemDescriptors.DuplicateSkillId"/>.</summary>
    public static readonly DiagnosticDescriptor DuplicateSkillId = new(
        ProblemIds.DuplicateSkillId,
        ProblemDescriptors.DuplicateSkillId.Title,
        ProblemDescriptors.DuplicateSkillId.MessageFormat,
        ProblemCategories.Usage,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLinks.Base + ProblemIds.DuplicateSkillId + HelpLinks.Extension);

    /// <summary>A2AG0004: see <see cref="ProblemDescriptors.InvalidId"/>.</summary>
    public static readonly DiagnosticDescriptor InvalidId = new(
        ProblemIds.InvalidId,
        ProblemDescriptors.InvalidId.Title,
        ProblemDescriptors.InvalidId.MessageFormat,
        ProblemCategories.Usage,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLinks.Base + ProblemIds.InvalidId + HelpLinks.Extension);

    /// <summary>A2AG0005: see <see cref="ProblemDescriptors.SkillOutsideAgent"/>.</summary>
    public static readonly DiagnosticDescriptor SkillOutsideAgent = new(
        ProblemIds.SkillOutsideAgent,
        ProblemDescriptors.SkillOutsideAgent.Title,
        ProblemDescriptors.SkillOutsideAgent.MessageFormat,
        ProblemCategories.Usage,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLinks.Base + ProblemIds.SkillOutsideAgent + HelpLinks.Extension);

    /// <summary>A2AG0006: see <see cref="ProblemDescriptors.UnbindableSkill"/>.</summary>
    public static readonly DiagnosticDescriptor UnbindableSkill = new(
        ProblemIds.UnbindableSkill,
        ProblemDescriptors.UnbindableSkill.Title,
        ProblemDescriptors.UnbindableSkill.MessageFormat,
        ProblemCategories.Usage,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLinks.Base + ProblemIds.UnbindableSkill + HelpLinks.Extension);

    /// <summary>A2AG0007: see <see cref="ProblemDescriptors.EmptyCardField"/>.</summary>
    public static readonly DiagnosticDescriptor EmptyCardField = new(
        ProblemIds.EmptyCardField,
        ProblemDescriptors.EmptyCardField.Title,
        ProblemDescriptors.EmptyCardField.MessageFormat,
        ProblemCategories.Card,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLinks.Base + ProblemIds.EmptyCardField + HelpLinks.Extension);

    /// <summary>A2AG0008: see <see cref="ProblemDescriptors.InsecureAgentUrl"/>.</summary>
    public static readonly DiagnosticDescriptor InsecureAgentUrl = new(
        ProblemIds.InsecureAgentUrl,
        ProblemDescriptors.InsecureAgentUrl.Title,
        ProblemDescriptors.InsecureAgentUrl.MessageFormat,
        ProblemCategories.Security,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        helpLinkUri: HelpLinks.Base + ProblemIds.InsecureAgentUrl + HelpLinks.Extension);

    /// <summary>A2AG0009: see <see cref="ProblemDescriptors.InvalidPassportKey"/>.</summary>
    public static readonly DiagnosticDescriptor InvalidPassportKey = new(
        ProblemIds.InvalidPassportKey,
        ProblemDescriptors.InvalidPassportKey.Title,
        ProblemDescriptors.InvalidPassportKey.MessageFormat,
        ProblemCategories.Usage,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLinks.Base + ProblemIds.InvalidPassportKey + HelpLinks.Extension);

    /// <summary>A2AG0010: see <see cref="ProblemDescriptors.ScopesWithoutOAuth"/>.</summary>
    public static readonly DiagnosticDescriptor ScopesWithoutOAuth = new(
        ProblemIds.ScopesWithoutOAuth,
        ProblemDescriptors.ScopesWithoutOAuth.Title,
        ProblemDescriptors.ScopesWithoutOAuth.MessageFormat,
        ProblemCategories.Security,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        helpLinkUri: HelpLinks.Base + ProblemIds.ScopesWithoutOAuth + HelpLinks.Extension);

    /// <summary>A2AG0011: see <see cref="ProblemDescriptors.PrivilegedSkillNotHigh"/>.</summary>
    public static readonly DiagnosticDescriptor PrivilegedSkillNotHigh = new(
        ProblemIds.PrivilegedSkillNotHigh,
        ProblemDescriptors.PrivilegedSkillNotHigh.Title,
        ProblemDescriptors.PrivilegedSkillNotHigh.MessageFormat,
        ProblemCategories.Security,
        DiagnosticSeverity.Info,
        isEnabledByDefault: true,
        helpLinkUri: HelpLinks.Base + ProblemIds.PrivilegedSkillNotHigh + HelpLinks.Extension);

    /// <summary>A2AG0012: see <see cref="ProblemDescriptors.InvalidVersion"/>.</summary>
    public static readonly DiagnosticDescriptor InvalidVersion = new(
        ProblemIds.InvalidVersion,
        ProblemDescriptors.InvalidVersion.Title,
        ProblemDescriptors.InvalidVersion.MessageFormat,
        ProblemCategories.Card,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        helpLinkUri: HelpLinks.Base + ProblemIds.InvalidVersion + HelpLinks.Extension);

    /// <summary>A2AG0013: see <see cref="ProblemDescriptors.NonConstantArgument"/>.</summary>
    public static readonly DiagnosticDescriptor NonConstantArgument = new(
        ProblemIds.NonConstantArgument,
        ProblemDescriptors.NonConstantArgument.Title,
        ProblemDescriptors.NonConstantArgument.MessageFormat,
        ProblemCategories.Usage,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLinks.Base + ProblemIds.NonConstantArgument + HelpLinks.Extension);

    /// <summary>A2AG0014: see <see cref="ProblemDescriptors.MultipleDefaultSkills"/>.</summary>
    public static readonly DiagnosticDescriptor MultipleDefaultSkills = new(
        ProblemIds.MultipleDefaultSkills,
        ProblemDescriptors.MultipleDefaultSkills.Title,
        ProblemDescriptors.MultipleDefaultSkills.MessageFormat,
        ProblemCategories.Usage,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLinks.Base + ProblemIds.MultipleDefaultSkills + HelpLinks.Extension);

    /// <summary>A2AG0015: see <see cref="ProblemDescriptors.InvalidSecurityDeclaration"/>.</summary>
    public static readonly DiagnosticDescriptor InvalidSecurityDeclaration = new(
        ProblemIds.InvalidSecurityDeclaration,
        ProblemDescriptors.InvalidSecurityDeclaration.Title,
        ProblemDescriptors.InvalidSecurityDeclaration.MessageFormat,
        ProblemCategories.Security,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLinks.Base + ProblemIds.InvalidSecurityDeclaration + HelpLinks.Extension);

    /// <summary>A2AG0016: see <see cref="ProblemDescriptors.InvalidUrl"/>.</summary>
    public static readonly DiagnosticDescriptor InvalidUrl = new(
        ProblemIds.InvalidUrl,
        ProblemDescriptors.InvalidUrl.Title,
        ProblemDescriptors.InvalidUrl.MessageFormat,
        ProblemCategories.Card,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLinks.Base + ProblemIds.InvalidUrl + HelpLinks.Extension);

    /// <summary>A2AG0017: see <see cref="ProblemDescriptors.InvalidText"/>.</summary>
    public static readonly DiagnosticDescriptor InvalidText = new(
        ProblemIds.InvalidText,
        ProblemDescriptors.InvalidText.Title,
        ProblemDescriptors.InvalidText.MessageFormat,
        ProblemCategories.Card,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLinks.Base + ProblemIds.InvalidText + HelpLinks.Extension);

    /// <summary>A2AG0018: see <see cref="ProblemDescriptors.DefaultSkillWithoutSkill"/>.</summary>
    public static readonly DiagnosticDescriptor DefaultSkillWithoutSkill = new(
        ProblemIds.DefaultSkillWithoutSkill,
        ProblemDescriptors.DefaultSkillWithoutSkill.Title,
        ProblemDescriptors.DefaultSkillWithoutSkill.MessageFormat,
        ProblemCategories.Usage,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        helpLinkUri: HelpLinks.Base + ProblemIds.DefaultSkillWithoutSkill + HelpLinks.Extension);

    /// <summary>A2AG0019: see <see cref="ProblemDescriptors.GeneratedNameClash"/>.</summary>
    public static readonly DiagnosticDescriptor GeneratedNameClash = new(
        ProblemIds.GeneratedNameClash,
        ProblemDescriptors.GeneratedNameClash.Title,
        ProblemDescriptors.GeneratedNameClash.MessageFormat,
        ProblemCategories.Usage,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLinks.Base + ProblemIds.GeneratedNameClash + HelpLinks.Extension);

    /// <summary>A2AG0020: see <see cref="ProblemDescriptors.PassportWithoutDeclaration"/>.</summary>
    public static readonly DiagnosticDescriptor PassportWithoutDeclaration = new(
        ProblemIds.PassportWithoutDeclaration,
        ProblemDescriptors.PassportWithoutDeclaration.Title,
        ProblemDescriptors.PassportWithoutDeclaration.MessageFormat,
        ProblemCategories.Security,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        helpLinkUri: HelpLinks.Base + ProblemIds.PassportWithoutDeclaration + HelpLinks.Extension);

    /// <summary>A2AG0021: see <see cref="ProblemDescriptors.StreamingDisabled"/>.</summary>
    public static readonly DiagnosticDescriptor StreamingDisabled = new(
        ProblemIds.StreamingDisabled,
        ProblemDescriptors.StreamingDisabled.Title,
        ProblemDescriptors.StreamingDisabled.MessageFormat,
        ProblemCategories.Card,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLinks.Base + ProblemIds.StreamingDisabled + HelpLinks.Extension);

    /// <summary>A2AG0022: see <see cref="ProblemDescriptors.InterruptingSkillWithoutContext"/>.</summary>
    public static readonly DiagnosticDescriptor InterruptingSkillWithoutContext = new(
        ProblemIds.InterruptingSkillWithoutContext,
        ProblemDescriptors.InterruptingSkillWithoutContext.Title,
        ProblemDescriptors.InterruptingSkillWithoutContext.MessageFormat,
        ProblemCategories.Usage,
        DiagnosticSeverity.Info,
        isEnabledByDefault: true,
        helpLinkUri: HelpLinks.Base + ProblemIds.InterruptingSkillWithoutContext + HelpLinks.Extension);

    /// <summary>A2AG0023: see <see cref="ProblemDescriptors.InvalidBiscuitPolicy"/>.</summary>
    public static readonly DiagnosticDescriptor InvalidBiscuitPolicy = new(
        ProblemIds.InvalidBiscuitPolicy,
        ProblemDescriptors.InvalidBiscuitPolicy.Title,
        ProblemDescriptors.InvalidBiscuitPolicy.MessageFormat,
        ProblemCategories.Security,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLinks.Base + ProblemIds.InvalidBiscuitPolicy + HelpLinks.Extension);

    /// <summary>A2AG0024: see <see cref="ProblemDescriptors.ProvenanceOutsideSkill"/>.</summary>
    public static readonly DiagnosticDescriptor ProvenanceOutsideSkill = new(
        ProblemIds.ProvenanceOutsideSkill,
        ProblemDescriptors.ProvenanceOutsideSkill.Title,
        ProblemDescriptors.ProvenanceOutsideSkill.MessageFormat,
        ProblemCategories.Usage,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        helpLinkUri: HelpLinks.Base + ProblemIds.ProvenanceOutsideSkill + HelpLinks.Extension);

    /// <summary>Every descriptor, in id order.</summary>
    public static ImmutableArray<DiagnosticDescriptor> All { get; } =
    [
        HighPrivilegeWeakened,
        InvalidAgentClass,
        DuplicateSkillId,
        InvalidId,
        SkillOutsideAgent,
        UnbindableSkill,
        EmptyCardField,
        InsecureAgentUrl,
        InvalidPassportKey,
        ScopesWithoutOAuth,
        PrivilegedSkillNotHigh,
        InvalidVersion,
        NonConstantArgument,
        MultipleDefaultSkills,
        InvalidSecurityDeclaration,
        InvalidUrl,
        InvalidText,
        DefaultSkillWithoutSkill,
        GeneratedNameClash,
        PassportWithoutDeclaration,
        StreamingDisabled,
        InterruptingSkillWithoutContext,
        InvalidBiscuitPolicy,
        ProvenanceOutsideSkill,
    ];

    private static readonly Dictionary<string, DiagnosticDescriptor> ById = CreateIndex();

    /// <summary>The descriptor of a problem id.</summary>
    public static DiagnosticDescriptor For(ProblemDescriptor problem) => ById[problem.Id];

    private static Dictionary<string, DiagnosticDescriptor> CreateIndex()
    {
        var index = new Dictionary<string, DiagnosticDescriptor>(System.StringComparer.Ordinal);
        foreach (var descriptor in All)
        {
            index.Add(descriptor.Id, descriptor);
        }

        return index;
    }
}
