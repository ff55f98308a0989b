using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using A2AGen.Declarations.Model;
using A2AGen.Declarations.Problems;

namespace A2AGen.Declarations.Parsing;

/// <summary>
/// The one parser of A2AGen declarations, shared by the generator and the analyzers: an <c>[A2AAgent]</c> class
/// and its attributes → an <see cref="AgentSpec"/> with every default resolved, or null when the declaration has
/// an error. Every problem goes to the optional sink with the location that must change.
/// </summary>
internal static class AgentParser
{
    private const string DefaultVersion = "1.0.0";
    // The card needs a URL even when [A2AAgent(Url = …)] is absent; this one stands in and hosting replaces it. Whether
    // a URL was declared travels as AgentSpec.UrlDeclared (AgentDescriptor.DeclaresUrl), never by comparing with it.
    private const string PlaceholderUrl = "http://localhost/";
    private static readonly EquatableArray<string> DefaultModes = new(["text/plain", "application/json"]);

    // Members the generator adds to the agent class.
    private static readonly string[] GeneratedMembers = ["Descriptor", "Card", "CardJson"];

    /// <summary>Parses an agent class.</summary>
    /// <param name="type">The class carrying <c>[A2AAgent]</c>.</param>
    /// <param name="agentAttribute">Its <c>[A2AAgent]</c> attribute.</param>
    /// <param name="sink">Receives problems; null in the generator (then no locations are computed).</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The spec, or null when the declaration has an error (the generator then emits nothing for it).</returns>
    public static AgentSpec? Parse(INamedTypeSymbol type, AttributeData agentAttribute, IDeclarationProblemSink? sink, CancellationToken cancellationToken)
    {
        var reporter = new ProblemReporter(sink, cancellationToken);
        var fields = new CardFields(reporter);
        var typeSpec = ParseType(type, reporter);
        var arguments = new AttributeArguments(agentAttribute, type, reporter);

        var rawId = arguments.ConstructorString(0);
        var idIsValid = TextRules.IsValidId(rawId);
        if (arguments.IsValid && !idIsValid)
        {
            reporter.Report(ProblemDescriptors.InvalidId, arguments.ConstructorSite(0), "Agent", rawId ?? "");
        }

        var id = idIsValid ? rawId! : type.Name;
        var owner = idIsValid ? OwnerName.Agent(id) : OwnerName.AgentClass(type.Name);

        var name = arguments.HasNamed("Name")
            ? fields.Required(arguments.NamedString("Name"), "name", owner, arguments.NamedSite("Name"))
            : type.Name;
        var description = fields.Required(arguments.NamedString("Description"), "description", owner,
            arguments.HasNamed("Description") ? arguments.NamedSite("Description") : arguments.Site);

        var version = arguments.HasNamed("Version")
            ? fields.Required(arguments.NamedString("Version"), "version", owner, arguments.NamedSite("Version"))
            : DefaultVersion;
        if (version is not null && !TextRules.IsSemanticVersion(version))
        {
            reporter.Report(ProblemDescriptors.InvalidVersion, arguments.NamedSite("Version"), id, version);
        }

        var urlDeclared = arguments.HasNamed("Url");
        var url = urlDeclared
            ? fields.RequiredUrl(arguments.NamedString("Url"), "url", owner, arguments.NamedSite("Url"))
            : PlaceholderUrl;
        // Only a declared URL is checked (the placeholder is loopback http, and no Uri is parsed on every edit).
        if (urlDeclared && url is not null && TextRules.IsHttpUrl(url, out var isHttps, out var isLoopback) && !isHttps && !isLoopback)
        {
            reporter.Report(ProblemDescriptors.InsecureAgentUrl, arguments.NamedSite("Url"), id, url);
        }

        var provider = ParseProvider(arguments, owner, fields);
        var documentationUrl = fields.OptionalUrl(arguments.NamedString("DocumentationUrl"), "documentationUrl", owner, arguments.NamedSite("DocumentationUrl"));
        var iconUrl = fields.OptionalUrl(arguments.NamedString("IconUrl"), "iconUrl", owner, arguments.NamedSite("IconUrl"));
        var inputModes = Modes(arguments, "DefaultInputModes", "defaultInputModes", owner, fields);
        var outputModes = Modes(arguments, "DefaultOutputModes", "defaultOutputModes", owner, fields);
        var streaming = arguments.NamedBool("Streaming");
        var pushNotifications = arguments.NamedBool("PushNotifications");
        var requestSignature = arguments.NamedEnum("RequestSignature", 2) == 2 ? SignaturePolicy.Required : SignaturePolicy.Optional;

        var security = SecurityParser.Parse(type, owner, reporter);
        var passportClassName = type.Name + "Passport";
        var passport = PassportParser.Parse(type, passportClassName, typeSpec.IsPublic, owner, reporter);
        var agentProvenance = HasProvenance(type);
        var encryptionRequired = arguments.NamedEnum("Encryption", 2) == 2;
        var agent = new SkillParser.AgentContext(id, owner, requestSignature, passport, passportClassName, security, agentProvenance, encryptionRequired);
        var (skills, defaultSkillId) = ParseSkills(type, agent, arguments, reporter);
        CheckGeneratedNames(type, passportClassName, passport is not null, reporter);

        // A skill that streams makes the agent a streaming one: the card must say so, or callers (the JS SDK's
        // sendMessageStream) silently get one final answer. Saying Streaming = false next to it is a contradiction.
        var streamingSkill = FirstStreamingSkill(skills);
        if (streamingSkill is not null && !streaming && arguments.HasNamed("Streaming"))
        {
            reporter.Report(ProblemDescriptors.StreamingDisabled, arguments.NamedSite("Streaming"), id, streamingSkill);
        }

        streaming |= streamingSkill is not null;

        var schemes = WithBiscuitScheme(security.Schemes, skills, arguments, reporter);
        if (reporter.HasErrors || name is null || description is null || version is null || url is null)
        {
            return null;
        }

        return new AgentSpec(
            typeSpec, id, name, description, version, url, urlDeclared, provider, documentationUrl, iconUrl, inputModes, outputModes,
            streaming, pushNotifications, requestSignature, skills, defaultSkillId, passport, schemes,
            security.CardRequirements(), AnySkillSigns(skills));
    }

    /// <summary>Whether <c>[Provenance]</c> is on the agent class or a skill method.</summary>
    internal static bool HasProvenance(ISymbol symbol)
    {
        foreach (var attribute in symbol.GetAttributes())
        {
            if (KnownSymbols.IsAttribute(attribute, "ProvenanceAttribute"))
            {
                return true;
            }
        }

        return false;
    }

    private static bool AnySkillSigns(EquatableArray<SkillSpec> skills)
    {
        foreach (var skill in skills)
        {
            if (skill.SignsProvenance)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The declared schemes plus the HTTP bearer scheme <c>biscuit</c> (<c>bearerFormat: "biscuit"</c>) when a skill has
    /// <c>[RequiresBiscuit]</c>, which only that skill's requirements name. A scheme already declared under that name must
    /// be such a bearer scheme (A2AG0015 otherwise).
    /// </summary>
    private static EquatableArray<SecuritySchemeSpec> WithBiscuitScheme(EquatableArray<SecuritySchemeSpec> schemes, EquatableArray<SkillSpec> skills, AttributeArguments arguments, ProblemReporter reporter)
    {
        var needed = false;
        foreach (var skill in skills)
        {
            needed |= skill.BiscuitPolicy is not null;
        }

        if (!needed)
        {
            return schemes;
        }

        foreach (var scheme in schemes)
        {
            if (scheme.Name == BiscuitPolicyCheck.SchemeName)
            {
                if (scheme.Kind != SecuritySchemeKind.HttpAuth || !string.Equals(scheme.HttpScheme, "Bearer", System.StringComparison.OrdinalIgnoreCase) ||
                    !string.Equals(scheme.BearerFormat, BiscuitPolicyCheck.BearerFormat, System.StringComparison.OrdinalIgnoreCase))
                {
                    reporter.Report(ProblemDescriptors.InvalidSecurityDeclaration, arguments.Site, scheme.Name,
                        "is the scheme [RequiresBiscuit] skills use; declare it as [BearerAuth(\"biscuit\", BearerFormat = \"biscuit\")] or rename it");
                }

                return schemes;
            }
        }

        var list = new List<SecuritySchemeSpec>(schemes)
        {
            new(BiscuitPolicyCheck.SchemeName, SecuritySchemeKind.HttpAuth,
                "Biscuit capability token (Authorization: Bearer <biscuit>) for the skills that require one; the skill's requirement lists its policy.",
                null, null, "Bearer", BiscuitPolicyCheck.BearerFormat, OAuthFlowKind.None, null, null, null, null,
                EquatableArray<OAuthScopeSpec>.Empty, false, null, null),
        };
        return EquatableArray.From(list);
    }

    private static string? FirstStreamingSkill(EquatableArray<SkillSpec> skills)
    {
        foreach (var skill in skills)
        {
            if (skill.Return.Shape is ReturnShape.TextStream or ReturnShape.DataStream)
            {
                return skill.Id;
            }
        }

        return null;
    }

    /// <summary>
    /// For the analyzers: a <c>[Skill]</c> method whose class has no <c>[A2AAgent]</c> (A2AG0005). Agents report their
    /// own skills through <see cref="Parse"/>.
    /// </summary>
    public static void CheckSkillOutsideAgent(IMethodSymbol method, IDeclarationProblemSink sink, CancellationToken cancellationToken)
    {
        var type = method.ContainingType;
        if (type is null)
        {
            return;
        }

        foreach (var attribute in type.GetAttributes())
        {
            if (KnownSymbols.IsAttribute(attribute, "A2AAgentAttribute"))
            {
                return;
            }
        }

        var reporter = new ProblemReporter(sink, cancellationToken);
        foreach (var attribute in method.GetAttributes())
        {
            if (KnownSymbols.IsAttribute(attribute, "SkillAttribute"))
            {
                reporter.Report(ProblemDescriptors.SkillOutsideAgent, ProblemSite.Of(attribute, method), method.Name, type.Name);
            }
            else if (KnownSymbols.IsAttribute(attribute, "DefaultSkillAttribute") && !HasSkillAttribute(method))
            {
                reporter.Report(ProblemDescriptors.DefaultSkillWithoutSkill, ProblemSite.Of(attribute, method), method.Name);
            }
            else if (KnownSymbols.IsAttribute(attribute, "ProvenanceAttribute") && !HasSkillAttribute(method))
            {
                // A [Skill] outside an agent is A2AG0005 already; its [Provenance] is not reported twice.
                reporter.Report(ProblemDescriptors.ProvenanceOutsideSkill, ProblemSite.Of(attribute, method), "Method", method.Name, "a [Skill]");
            }
        }
    }

    /// <summary>
    /// Reports <c>[Provenance]</c> on a class that is not an <c>[A2AAgent]</c> (A2AG0024): nothing there is hosted, so
    /// nothing is signed. Agent classes are checked by <see cref="Parse"/>.
    /// </summary>
    /// <param name="type">A type without <c>[A2AAgent]</c>.</param>
    /// <param name="sink">Receives the problem.</param>
    /// <param name="cancellationToken">Cancels the check.</param>
    public static void CheckProvenanceOutsideAgent(INamedTypeSymbol type, IDeclarationProblemSink sink, CancellationToken cancellationToken)
    {
        var reporter = new ProblemReporter(sink, cancellationToken);
        foreach (var attribute in type.GetAttributes())
        {
            if (KnownSymbols.IsAttribute(attribute, "A2AAgentAttribute"))
            {
                return;
            }
        }

        foreach (var attribute in type.GetAttributes())
        {
            if (KnownSymbols.IsAttribute(attribute, "ProvenanceAttribute"))
            {
                reporter.Report(ProblemDescriptors.ProvenanceOutsideSkill, ProblemSite.Of(attribute, type), "Class", type.Name, "an [A2AAgent] class");
            }
        }
    }

    private static AgentTypeSpec ParseType(INamedTypeSymbol type, ProblemReporter reporter)
    {
        string? problem = null;
        if (type.TypeKind != TypeKind.Class)
        {
            problem = "must be a class";
        }
        else if (type.IsStatic)
        {
            problem = "must not be static: the generated dispatcher is an instance method";
        }
        else if (type.IsGenericType)
        {
            problem = "must not be generic";
        }
        else if (type.IsFileLocal)
        {
            problem = "must not be file-local: the generated part lives in another file";
        }
        else if (!IsPartial(type, reporter.CancellationToken))
        {
            problem = "must be declared partial";
        }

        var containing = new List<ContainingTypeSpec>();
        for (var outer = type.ContainingType; outer is not null && problem is null; outer = outer.ContainingType)
        {
            if (outer.IsGenericType)
            {
                problem = $"must not be nested in the generic type '{outer.ToDisplayString()}'";
            }
            else if (!IsPartial(outer, reporter.CancellationToken))
            {
                problem = $"is nested in '{outer.ToDisplayString()}', which must be declared partial too";
            }
            else
            {
                containing.Insert(0, new ContainingTypeSpec(Keyword(outer), KnownSymbols.Identifier(outer.Name)));
            }
        }

        if (problem is not null)
        {
            reporter.Report(ProblemDescriptors.InvalidAgentClass, ProblemSite.Of(type), type.Name, problem);
        }

        var hint = new System.Text.StringBuilder();
        // Hint names allow identifier characters and a few separators, but not the '@' of escaped keywords.
        var namespaces = new List<string>();
        for (var current = type.ContainingNamespace; current is { IsGlobalNamespace: false }; current = current.ContainingNamespace)
        {
            namespaces.Insert(0, current.Name);
        }

        foreach (var name in namespaces)
        {
            hint.Append(name).Append('.');
        }

        foreach (var outer in containing)
        {
            hint.Append(outer.Name.TrimStart('@')).Append('+');
        }

        hint.Append(type.Name);

        var ns = string.Join(".", namespaces.ConvertAll(KnownSymbols.Identifier));
        var isPublic = true;
        for (var current = type; current is not null; current = current.ContainingType)
        {
            isPublic &= current.DeclaredAccessibility == Accessibility.Public;
        }

        return new AgentTypeSpec(
            ns, KnownSymbols.Identifier(type.Name), type.IsRecord ? "record" : "class", AccessibilityKeyword(type.DeclaredAccessibility), isPublic,
            EquatableArray.From(containing), TypeNames.FullyQualified(type, annotations: false), hint.ToString());
    }

    private static (EquatableArray<SkillSpec> Skills, string? DefaultSkillId) ParseSkills(
        INamedTypeSymbol type, SkillParser.AgentContext agent, AttributeArguments agentArguments, ProblemReporter reporter)
    {
        // Skill ids are checked for duplicates by scanning the list: an agent has a few dozen skills at most, and
        // a dictionary per agent per compilation change allocated more than the scan ever costs.
        var members = type.GetMembers();
        var skills = new List<SkillSpec>(members.Length);
        string? defaultSkill = null;
        string? defaultMethod = null;
        var sawSkill = false;

        foreach (var member in members)
        {
            reporter.CancellationToken.ThrowIfCancellationRequested();
            if (member is not IMethodSymbol method)
            {
                continue;
            }

            AttributeData? skillAttribute = null;
            AttributeData? defaultAttribute = null;
            AttributeData? provenanceAttribute = null;
            foreach (var attribute in method.GetAttributes())
            {
                if (KnownSymbols.IsAttribute(attribute, "SkillAttribute"))
                {
                    skillAttribute = attribute;
                }
                else if (KnownSymbols.IsAttribute(attribute, "DefaultSkillAttribute"))
                {
                    defaultAttribute = attribute;
                }
                else if (KnownSymbols.IsAttribute(attribute, "ProvenanceAttribute"))
                {
                    provenanceAttribute = attribute;
                }
            }

            if (skillAttribute is null)
            {
                if (defaultAttribute is not null)
                {
                    reporter.Report(ProblemDescriptors.DefaultSkillWithoutSkill, ProblemSite.Of(defaultAttribute, method), method.Name);
                }

                if (provenanceAttribute is not null)
                {
                    reporter.Report(ProblemDescriptors.ProvenanceOutsideSkill, ProblemSite.Of(provenanceAttribute, method), "Method", method.Name, "a [Skill]");
                }

                continue;
            }

            sawSkill = true;
            var skill = SkillParser.Parse(method, skillAttribute, defaultAttribute is not null, agent, reporter);
            if (skill is null)
            {
                continue;
            }

            if (ContainsId(skills, skill.Id))
            {
                reporter.Report(ProblemDescriptors.DuplicateSkillId, ProblemSite.Constructor(skillAttribute, method, 0), agent.Id, skill.Id);
                continue;
            }

            if (defaultAttribute is not null)
            {
                if (defaultSkill is not null)
                {
                    reporter.Report(ProblemDescriptors.MultipleDefaultSkills, ProblemSite.Of(defaultAttribute, method), agent.Id, defaultMethod!, method.Name);
                }
                else
                {
                    defaultSkill = skill.Id;
                    defaultMethod = method.Name;
                }
            }

            skills.Add(skill);
        }

        if (!sawSkill)
        {
            reporter.Report(ProblemDescriptors.EmptyCardField, agentArguments.Site, "skills", agent.Owner.ToString());
        }

        return (EquatableArray.From(skills), defaultSkill);
    }

    private static bool ContainsId(List<SkillSpec> skills, string id)
    {
        foreach (var skill in skills)
        {
            if (skill.Id == id)
            {
                return true;
            }
        }

        return false;
    }

    private static void CheckGeneratedNames(INamedTypeSymbol type, string passportClassName, bool generatesPassport, ProblemReporter reporter)
    {
        foreach (var name in GeneratedMembers)
        {
            foreach (var member in type.GetMembers(name))
            {
                if (!KnownSymbols.IsGeneratedByUs(member))
                {
                    reporter.Report(ProblemDescriptors.GeneratedNameClash, ProblemSite.Of(member), type.Name, name);
                }
            }
        }

        foreach (var member in type.GetMembers("DispatchAsync"))
        {
            if (member is IMethodSymbol { Parameters.Length: 1 } && !KnownSymbols.IsGeneratedByUs(member))
            {
                reporter.Report(ProblemDescriptors.GeneratedNameClash, ProblemSite.Of(member), type.Name, "DispatchAsync");
            }
        }

        if (!generatesPassport)
        {
            return;
        }

        INamespaceOrTypeSymbol scope = (INamespaceOrTypeSymbol?)type.ContainingType ?? type.ContainingNamespace;
        foreach (var member in scope.GetMembers(passportClassName))
        {
            if (!KnownSymbols.IsGeneratedByUs(member))
            {
                reporter.Report(ProblemDescriptors.GeneratedNameClash, ProblemSite.Of(type), type.Name, passportClassName);
            }
        }
    }

    private static ProviderSpec? ParseProvider(AttributeArguments arguments, OwnerName owner, CardFields fields)
    {
        var hasOrganization = !TextRules.IsBlank(arguments.NamedString("Organization"));
        var hasUrl = !TextRules.IsBlank(arguments.NamedString("OrganizationUrl"));
        if (!hasOrganization && !hasUrl)
        {
            return null;
        }

        // The card's provider needs both fields; one without the other is a mistake, not an omission.
        var organization = fields.Required(arguments.NamedString("Organization"), "provider.organization", owner,
            hasOrganization ? arguments.NamedSite("Organization") : arguments.NamedSite("OrganizationUrl"));
        var url = fields.RequiredUrl(arguments.NamedString("OrganizationUrl"), "provider.url", owner,
            hasUrl ? arguments.NamedSite("OrganizationUrl") : arguments.NamedSite("Organization"));
        return organization is null || url is null ? null : new ProviderSpec(organization, url);
    }

    private static EquatableArray<string> Modes(AttributeArguments arguments, string argument, string field, OwnerName owner, CardFields fields) =>
        arguments.HasNamed(argument)
            ? fields.RequiredList(arguments, argument, field, owner, arguments.NamedSite(argument))
            : DefaultModes;

    private static bool HasSkillAttribute(IMethodSymbol method)
    {
        foreach (var attribute in method.GetAttributes())
        {
            if (KnownSymbols.IsAttribute(attribute, "SkillAttribute"))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsPartial(INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        var any = false;
        foreach (var reference in type.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax(cancellationToken) is not TypeDeclarationSyntax declaration)
            {
                continue;
            }

            if (!declaration.Modifiers.Any(SyntaxKind.PartialKeyword))
            {
                return false;
            }

            any = true;
        }

        return any;
    }

    private static string Keyword(INamedTypeSymbol type) => type.TypeKind switch
    {
        TypeKind.Struct when type.IsRecord => "record struct",
        TypeKind.Struct when type.IsRefLikeType => "ref struct",
        TypeKind.Struct => "struct",
        TypeKind.Interface => "interface",
        _ when type.IsRecord => "record",
        _ => "class",
    };

    private static string AccessibilityKeyword(Accessibility accessibility) => accessibility switch
    {
        Accessibility.Public => "public",
        Accessibility.Private => "private",
        Accessibility.Protected => "protected",
        Accessibility.ProtectedOrInternal => "protected internal",
        Accessibility.ProtectedAndInternal => "private protected",
        _ => "internal",
    };
}
