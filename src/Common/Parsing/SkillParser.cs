using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using A2AGen.Declarations.Model;
using A2AGen.Declarations.Problems;

namespace A2AGen.Declarations.Parsing;

/// <summary>Reads one <c>[Skill]</c> method: card fields, effective policy, parameter bindings and return shape.</summary>
internal static class SkillParser
{
    /// <summary>What the skill parser needs to know about its agent.</summary>
    internal sealed class AgentContext
    {
        public AgentContext(string id, OwnerName owner, SignaturePolicy requestSignature, PassportSpec? passport, string passportClassName, SecurityDeclarations security, bool provenance, bool encryptionRequired = false)
        {
            EncryptionRequired = encryptionRequired;
            Provenance = provenance;
            Id = id;
            Owner = owner;
            RequestSignature = requestSignature;
            Passport = passport;
            PassportClassName = passportClassName;
            Security = security;
        }

        /// <summary>Type names spelled for this agent's skills so far.</summary>
        public TypeNameCache Names { get; } = new();

        /// <summary>The agent id (the class name when the id is invalid).</summary>
        public string Id { get; }

        /// <summary>"agent 'id'", for messages.</summary>
        public OwnerName Owner { get; }

        public SignaturePolicy RequestSignature { get; }

        public PassportSpec? Passport { get; }

        public string PassportClassName { get; }

        public SecurityDeclarations Security { get; }

        /// <summary>Whether the agent class has <c>[Provenance]</c> (every skill signs).</summary>
        public bool Provenance { get; }

        /// <summary>Whether the agent says <c>Encryption = Required</c> (every skill refuses plaintext; a skill cannot weaken it).</summary>
        public bool EncryptionRequired { get; }
    }

    public static SkillSpec? Parse(IMethodSymbol method, AttributeData skillAttribute, bool isDefault, AgentContext agent, ProblemReporter reporter)
    {
        var arguments = new AttributeArguments(skillAttribute, method, reporter);
        if (!arguments.IsValid)
        {
            return null;
        }

        var fields = new CardFields(reporter);
        var rawId = arguments.ConstructorString(0);
        var idIsValid = TextRules.IsValidId(rawId);
        if (!idIsValid)
        {
            reporter.Report(ProblemDescriptors.InvalidId, arguments.ConstructorSite(0), "Skill", rawId ?? "");
        }

        var id = idIsValid ? rawId! : method.Name;
        var owner = OwnerName.Of("skill", id, agent.Owner);

        var name = arguments.HasNamed("Name")
            ? fields.Required(arguments.NamedString("Name"), "name", owner, arguments.NamedSite("Name"))
            : TextRules.DefaultSkillName(method.Name);
        var description = fields.Required(arguments.NamedString("Description"), "description", owner,
            arguments.HasNamed("Description") ? arguments.NamedSite("Description") : arguments.Site);
        var tags = fields.RequiredList(arguments, "Tags", "tags", owner, arguments.HasNamed("Tags") ? arguments.NamedSite("Tags") : arguments.Site);
        var examples = fields.OptionalList(arguments, "Examples", "examples", owner);
        var inputModes = fields.OptionalList(arguments, "InputModes", "inputModes", owner);
        var outputModes = fields.OptionalList(arguments, "OutputModes", "outputModes", owner);

        // Policy (docs/architecture.md "Skill policy"): High fails closed unless explicitly weakened.
        var privilege = (SkillPrivilegeLevel)arguments.NamedEnum("Privilege", 1);
        var declaredRequest = arguments.NamedEnum("RequestSignature", 2);
        var declaredPassport = arguments.NamedEnum("PassportSignature", 2);
        var high = privilege == SkillPrivilegeLevel.High;
        var requestSignature = agent.RequestSignature == SignaturePolicy.Required || declaredRequest == 2 || (high && declaredRequest != 1)
            ? SignaturePolicy.Required
            : SignaturePolicy.Optional;
        var passportSignature = declaredPassport == 2 || (high && declaredPassport != 1) ? SignaturePolicy.Required : SignaturePolicy.Optional;
        if (high && declaredRequest == 1 && agent.RequestSignature != SignaturePolicy.Required)
        {
            reporter.Report(ProblemDescriptors.HighPrivilegeWeakened, arguments.NamedSite("RequestSignature"), id, "request signature");
        }

        if (high && declaredPassport == 1)
        {
            reporter.Report(ProblemDescriptors.HighPrivilegeWeakened, arguments.NamedSite("PassportSignature"), id, "passport signature");
        }

        if (!high)
        {
            var word = TextRules.FindPrivilegedWord(id) ?? (name is null ? null : TextRules.FindPrivilegedWord(name));
            if (word is not null)
            {
                reporter.Report(ProblemDescriptors.PrivilegedSkillNotHigh, arguments.ConstructorSite(0), id, word);
            }
        }

        var requiredKeys = RequiredKeys(arguments, agent, owner, fields, reporter);
        var requiredScopes = fields.OptionalList(arguments, "RequiredScopes", "requiredScopes", owner);
        var skillRequirements = agent.Security.SkillRequirements(requiredScopes);

        if (!requiredScopes.IsEmpty && skillRequirements.IsEmpty)
        {
            reporter.Report(ProblemDescriptors.ScopesWithoutOAuth, arguments.NamedSite("RequiredScopes"), id, agent.Id);
        }

        var biscuitPolicy = BiscuitPolicy(method, id, reporter);
        if (biscuitPolicy is not null)
        {
            skillRequirements = WithBiscuit(skillRequirements, biscuitPolicy);
        }

        // A method that cannot be called at all (generic, async void, …) is reported once, not once per parameter.
        if (!CheckMethod(method, id, reporter))
        {
            return null;
        }

        var parameters = BindParameters(method, id, agent, reporter);
        var result = BindReturn(method, id, agent.Names, reporter);

        var bindsRequiredPassport = false;
        var bindsContext = false;
        foreach (var parameter in parameters)
        {
            bindsRequiredPassport |= parameter.Binding == ParameterBinding.RequiredPassport;
            bindsContext |= parameter.Binding == ParameterBinding.Context;
        }

        // A skill that may stop for input is run again with the caller's answer; without the context it cannot tell turns apart.
        if (result?.Shape == ReturnShape.Result && !bindsContext)
        {
            reporter.Report(ProblemDescriptors.InterruptingSkillWithoutContext, ProblemSite.Of(method), id);
        }

        var requiresPassport = arguments.NamedBool("RequirePassport") || !requiredKeys.IsEmpty ||
            passportSignature == SignaturePolicy.Required || bindsRequiredPassport;
        // Without [PassportKeys] a passport parameter is already an A2AG0006; the warning would only repeat it.
        if (requiresPassport && agent.Passport is null && !bindsRequiredPassport)
        {
            reporter.Report(ProblemDescriptors.PassportWithoutDeclaration, arguments.Site, id);
        }

        if (name is null || description is null || result is null)
        {
            return null;
        }

        return new SkillSpec(
            id, method.Name, method.IsStatic, name, description, tags, examples, inputModes, outputModes, skillRequirements,
            privilege, requestSignature, passportSignature, requiresPassport, requiredKeys, requiredScopes, isDefault,
            EquatableArray.From(parameters), result, biscuitPolicy, agent.Provenance || AgentParser.HasProvenance(method),
            agent.EncryptionRequired || arguments.NamedEnum("Encryption", 2) == 2);
    }

    /// <summary>The valid policy of <c>[RequiresBiscuit]</c>, or null (absent, or reported as A2AG0023 at its position).</summary>
    private static string? BiscuitPolicy(IMethodSymbol method, string id, ProblemReporter reporter)
    {
        foreach (var attribute in method.GetAttributes())
        {
            if (!KnownSymbols.IsAttribute(attribute, "RequiresBiscuitAttribute"))
            {
                continue;
            }

            var arguments = new AttributeArguments(attribute, method, reporter);
            var policy = arguments.IsValid ? arguments.ConstructorString(0) : null;
            if (policy is null)
            {
                continue;
            }

            if (BiscuitPolicyCheck.Problem(policy) is { } problem)
            {
                reporter.Report(ProblemDescriptors.InvalidBiscuitPolicy, arguments.ConstructorSite(0).AtText(problem.Offset),
                    id, problem.Line.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    problem.Column.ToString(System.Globalization.CultureInfo.InvariantCulture), problem.Reason);
                return null;
            }

            return policy;
        }

        return null;
    }

    /// <summary>
    /// The skill's card requirements with the Biscuit scheme added to each alternative (one alternative when there are
    /// none); its list holds the policy, OpenAPI's "roles" for a non-OAuth scheme, so callers can read what it checks.
    /// </summary>
    private static EquatableArray<SecurityRequirementSpec> WithBiscuit(EquatableArray<SecurityRequirementSpec> requirements, string policy)
    {
        var entry = new SecurityRequirementEntrySpec(BiscuitPolicyCheck.SchemeName, EquatableArray.From(new[] { policy }));
        if (requirements.IsEmpty)
        {
            return EquatableArray.From(new[] { new SecurityRequirementSpec(EquatableArray.From(new[] { entry })) });
        }

        var result = new List<SecurityRequirementSpec>(requirements.Count);
        foreach (var requirement in requirements)
        {
            var entries = new List<SecurityRequirementEntrySpec>(requirement.Entries) { entry };
            entries.Sort(static (a, b) => string.CompareOrdinal(a.Scheme, b.Scheme));
            result.Add(new SecurityRequirementSpec(EquatableArray.From(entries)));
        }

        return EquatableArray.From(result);
    }

    private static EquatableArray<string> RequiredKeys(AttributeArguments arguments, AgentContext agent, OwnerName owner, CardFields fields, ProblemReporter reporter)
    {
        var keys = fields.OptionalList(arguments, "RequiredPassportKeys", "requiredPassportKeys", owner);
        for (var i = 0; i < keys.Count; i++)
        {
            var declared = false;
            if (agent.Passport is { } passport)
            {
                foreach (var key in passport.Keys)
                {
                    declared |= key.Key == keys[i];
                }
            }

            if (!declared)
            {
                reporter.Report(ProblemDescriptors.InvalidPassportKey, arguments.NamedSite("RequiredPassportKeys", i), keys[i], $"is required by {owner} but not declared in [PassportKeys]");
            }
        }

        return keys;
    }

    private static bool CheckMethod(IMethodSymbol method, string id, ProblemReporter reporter)
    {
        string? reason = null;
        if (method.MethodKind != MethodKind.Ordinary)
        {
            reason = $"'{method.Name}' is not an ordinary method";
        }
        else if (method.IsGenericMethod)
        {
            reason = $"'{method.Name}' is generic; the dispatcher cannot choose its type arguments";
        }
        else if (method.IsAsync && method.ReturnsVoid)
        {
            reason = $"'{method.Name}' is 'async void', which cannot be awaited; return Task or ValueTask";
        }
        else if (method.IsVararg)
        {
            reason = $"'{method.Name}' takes __arglist";
        }

        if (reason is not null)
        {
            reporter.Report(ProblemDescriptors.UnbindableSkill, ProblemSite.Of(method), id, reason);
        }

        return reason is null;
    }

    private static SkillParameterSpec[] BindParameters(IMethodSymbol method, string id, AgentContext agent, ProblemReporter reporter)
    {
        // Each read of IMethodSymbol.Parameters builds a new array of wrappers: read it once.
        var methodParameters = method.Parameters;
        var result = new SkillParameterSpec[methodParameters.Length];
        var index = 0;
        string? input = null;
        var seen = 0;
        foreach (var parameter in methodParameters)
        {
            reporter.CancellationToken.ThrowIfCancellationRequested();
            var type = parameter.Type;
            string? problem = null;
            ParameterBinding binding;
            var typeName = "";

            if (parameter.RefKind != RefKind.None)
            {
                problem = $"parameter '{parameter.Name}' is passed by reference ({parameter.RefKind.ToString().ToLowerInvariant()})";
                binding = ParameterBinding.Data;
            }
            else if (type.SpecialType == SpecialType.System_String)
            {
                binding = ParameterBinding.Text;
            }
            else if (KnownSymbols.IsMessage(type))
            {
                binding = ParameterBinding.Message;
            }
            else if (KnownSymbols.IsSkillContext(type))
            {
                binding = ParameterBinding.Context;
            }
            else if (KnownSymbols.IsCancellationToken(type))
            {
                binding = ParameterBinding.CancellationToken;
            }
            else if (IsPassportType(type, agent.PassportClassName, out var annotated))
            {
                binding = annotated || type.NullableAnnotation != NullableAnnotation.NotAnnotated ? ParameterBinding.OptionalPassport : ParameterBinding.RequiredPassport;
                if (agent.Passport is null)
                {
                    problem = $"parameter '{parameter.Name}' takes '{agent.PassportClassName}', which is generated only when the agent has [PassportKeys]";
                }
            }
            else
            {
                binding = ParameterBinding.Data;
                problem = TypeRules.WhyNotJson(type) is { } reason ? $"parameter '{parameter.Name}' cannot be bound: {reason}" : null;

                // Bind the declared type without its top-level '?': a missing data part is a binding error, not null.
                var bound = type.IsReferenceType ? type.WithNullableAnnotation(NullableAnnotation.NotAnnotated) : type;
                typeName = agent.Names.FullyQualified(bound);
            }

            if (problem is null)
            {
                var isInput = binding is ParameterBinding.Text or ParameterBinding.Data or ParameterBinding.Message;
                var isPassport = binding is ParameterBinding.OptionalPassport or ParameterBinding.RequiredPassport;
                if (isInput && input is not null)
                {
                    problem = $"parameter '{parameter.Name}' is a second input after '{input}'; a skill takes one input (text, data or message)";
                }
                else if (!isInput && (seen & Flag(isPassport ? ParameterBinding.OptionalPassport : binding)) != 0)
                {
                    problem = $"parameter '{parameter.Name}' repeats a {TypeNames.Display(type)} parameter";
                }
                else if (isInput)
                {
                    input = parameter.Name;
                }
                else
                {
                    seen |= Flag(isPassport ? ParameterBinding.OptionalPassport : binding);
                }
            }

            if (problem is not null)
            {
                reporter.Report(ProblemDescriptors.UnbindableSkill, ProblemSite.Of(parameter), id, problem);
            }

            // Only the input's type is shown (descriptor InputTypeName); the others are known by their binding.
            var display = binding is ParameterBinding.Text ? "string"
                : binding is ParameterBinding.Data or ParameterBinding.Message ? agent.Names.Display(type)
                : "";
            result[index++] = new SkillParameterSpec(parameter.Name, binding, typeName, display);
        }

        return result;
    }

    private static int Flag(ParameterBinding binding) => 1 << (int)binding;

    private static bool IsPassportType(ITypeSymbol type, string passportClassName, out bool annotated)
    {
        // Before generation the class does not exist yet: an error type, and `XPassport?` of an error type binds as
        // Nullable<XPassport> because the compiler cannot know it is a class. Afterwards (analyzers) it is ours.
        annotated = false;
        if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable &&
            nullable.TypeArguments[0] is { TypeKind: TypeKind.Error } inner)
        {
            annotated = true;
            type = inner;
        }

        if (type.Name != passportClassName)
        {
            return false;
        }

        return type.TypeKind == TypeKind.Error || KnownSymbols.DerivesFrom(type, KnownSymbols.IsAgentPassport);
    }

    private static SkillReturnSpec? BindReturn(IMethodSymbol method, string id, TypeNameCache names, ProblemReporter reporter)
    {
        if (method.ReturnsByRef || method.ReturnsByRefReadonly)
        {
            return Fail($"'{method.Name}' returns by reference");
        }

        if (method.ReturnsVoid)
        {
            return new SkillReturnSpec(ReturnShape.None, ReturnWrapper.None, "", "void", false);
        }

        var type = method.ReturnType;
        var wrapper = ReturnWrapper.None;
        if (KnownSymbols.IsTask(type) || KnownSymbols.IsValueTask(type))
        {
            var plain = KnownSymbols.IsTask(type) ? ReturnWrapper.Task : ReturnWrapper.ValueTask;
            return new SkillReturnSpec(ReturnShape.None, plain, "", names.Display(type), false);
        }

        if (type is INamedTypeSymbol { Arity: 1 } named)
        {
            var definition = named.OriginalDefinition;
            wrapper = KnownSymbols.IsGenericTask(definition) ? ReturnWrapper.Task
                : KnownSymbols.IsGenericValueTask(definition) ? ReturnWrapper.ValueTask
                : ReturnWrapper.None;
            if (wrapper != ReturnWrapper.None)
            {
                type = named.TypeArguments[0];
            }
        }

        if (type is INamedTypeSymbol stream && KnownSymbols.IsAsyncEnumerable(stream.OriginalDefinition))
        {
            if (wrapper != ReturnWrapper.None)
            {
                return Fail($"'{method.Name}' returns a task of a stream; return IAsyncEnumerable<T> itself");
            }

            var element = stream.TypeArguments[0];
            var elementDisplay = names.Display(element);
            var mayBeNull = element.NullableAnnotation == NullableAnnotation.Annotated;
            if (element.SpecialType == SpecialType.System_String)
            {
                return new SkillReturnSpec(ReturnShape.TextStream, ReturnWrapper.None, "string", elementDisplay, mayBeNull);
            }

            if (TypeRules.WhyNotJson(element) is { } elementReason)
            {
                return Fail($"the stream's element type cannot be returned: {elementReason}");
            }

            return new SkillReturnSpec(ReturnShape.DataStream, ReturnWrapper.None, names.FullyQualified(element), elementDisplay, mayBeNull);
        }

        var display = names.Display(type);
        if (type.SpecialType == SpecialType.System_String)
        {
            return new SkillReturnSpec(ReturnShape.Text, wrapper, names.FullyQualified(type), display, false);
        }

        if (KnownSymbols.IsSkillResult(type))
        {
            return new SkillReturnSpec(ReturnShape.Result, wrapper, names.FullyQualified(type), display, false);
        }

        if (KnownSymbols.IsMessage(type))
        {
            return new SkillReturnSpec(ReturnShape.Message, wrapper, names.FullyQualified(type), display, false);
        }

        if (TypeRules.WhyNotJson(type) is { } reason)
        {
            return Fail($"the return type cannot be sent: {reason}");
        }

        return new SkillReturnSpec(ReturnShape.Data, wrapper, names.FullyQualified(type), display, false);

        SkillReturnSpec? Fail(string why)
        {
            reporter.Report(ProblemDescriptors.UnbindableSkill, ProblemSite.Of(method), id, why);
            return null;
        }
    }
}
