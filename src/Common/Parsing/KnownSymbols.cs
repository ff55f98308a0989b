using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace A2AGen.Declarations.Parsing;

/// <summary>
/// Recognizes the framework's and the BCL's types by name and namespace, without looking them up in the
/// compilation (cheap on every edit, and works when the runtime is referenced in any form).
/// </summary>
internal static class KnownSymbols
{
    public const string AgentAttributeMetadataName = "A2AGen.A2AAgentAttribute";
    public const string GeneratorToolName = "A2AGen.Generators";

    /// <summary>Fully qualified names with <c>global::</c> and nullable annotations (for generated code).</summary>
    public static readonly SymbolDisplayFormat FullyQualified = SymbolDisplayFormat.FullyQualifiedFormat
        .AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

    /// <summary>Readable names: namespace-qualified, no <c>global::</c>, nullable annotations kept.</summary>
    public static readonly SymbolDisplayFormat Display = SymbolDisplayFormat.FullyQualifiedFormat
        .WithGlobalNamespaceStyle(SymbolDisplayGlobalNamespaceStyle.Omitted)
        .AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

    public static bool IsAttribute(AttributeData attribute, string name) =>
        attribute.AttributeClass is { } type && type.Name == name && type.ContainingType is null && IsInNamespace(type, "A2AGen");

    public static bool IsGeneratedByUs(ISymbol symbol)
    {
        foreach (var attribute in symbol.GetAttributes())
        {
            if (attribute.AttributeClass is { Name: "GeneratedCodeAttribute" } type &&
                IsInNamespace(type, "System", "CodeDom", "Compiler") &&
                attribute.ConstructorArguments.Length > 0 &&
                attribute.ConstructorArguments[0].Value is string tool &&
                tool == GeneratorToolName)
            {
                return true;
            }
        }

        return false;
    }

    public static bool IsMessage(ITypeSymbol type) => IsType(type, "Message", "A2AGen", "Protocol");

    public static bool IsSkillContext(ITypeSymbol type) => IsType(type, "SkillContext", "A2AGen");

    public static bool IsSkillResult(ITypeSymbol type) => IsType(type, "SkillResult", "A2AGen");

    public static bool IsAgentPassport(ITypeSymbol type) => IsType(type, "AgentPassport", "A2AGen", "Passport");

    public static bool IsCancellationToken(ITypeSymbol type) => IsType(type, "CancellationToken", "System", "Threading");

    public static bool IsTask(ITypeSymbol type) => IsType(type, "Task", "System", "Threading", "Tasks", arity: 0);

    public static bool IsValueTask(ITypeSymbol type) => IsType(type, "ValueTask", "System", "Threading", "Tasks", arity: 0);

    public static bool IsGenericTask(ITypeSymbol type) => IsType(type, "Task", "System", "Threading", "Tasks", arity: 1);

    public static bool IsGenericValueTask(ITypeSymbol type) => IsType(type, "ValueTask", "System", "Threading", "Tasks", arity: 1);

    public static bool IsAsyncEnumerable(ITypeSymbol type) => IsType(type, "IAsyncEnumerable", "System", "Collections", "Generic", arity: 1);

    public static bool IsAwaitableOrStream(ITypeSymbol type) =>
        IsTask(type) || IsValueTask(type) || IsGenericTask(type) || IsGenericValueTask(type) || IsAsyncEnumerable(type);

    public static bool IsJsonAttribute(AttributeData attribute, string name) =>
        attribute.AttributeClass is { } type && type.Name == name && IsInNamespace(type, "System", "Text", "Json", "Serialization");

    public static bool DerivesFrom(ITypeSymbol type, System.Func<ITypeSymbol, bool> predicate)
    {
        for (var current = type.BaseType; current is not null; current = current.BaseType)
        {
            if (predicate(current))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A name usable in C# source: reserved keywords get an <c>@</c>.</summary>
    public static string Identifier(string name) =>
        SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None ? "@" + name : name;

    private static bool IsType(ITypeSymbol type, string name, string ns1, string? ns2 = null, string? ns3 = null, string? ns4 = null, int arity = 0)
    {
        if (type is not INamedTypeSymbol named || named.Name != name || named.Arity != arity || named.ContainingType is not null)
        {
            return false;
        }

        return ns4 is not null ? IsInNamespace(named, ns1, ns2!, ns3!, ns4)
            : ns3 is not null ? IsInNamespace(named, ns1, ns2!, ns3)
            : ns2 is not null ? IsInNamespace(named, ns1, ns2)
            : IsInNamespace(named, ns1);
    }

    private static bool IsInNamespace(ISymbol symbol, string ns1) =>
        symbol.ContainingNamespace is { } n1 && n1.Name == ns1 && n1.ContainingNamespace is { IsGlobalNamespace: true };

    private static bool IsInNamespace(ISymbol symbol, string ns1, string ns2) =>
        symbol.ContainingNamespace is { } n2 && n2.Name == ns2 && IsInNamespace(n2, ns1);

    private static bool IsInNamespace(ISymbol symbol, string ns1, string ns2, string ns3) =>
        symbol.ContainingNamespace is { } n3 && n3.Name == ns3 && IsInNamespace(n3, ns1, ns2);

    private static bool IsInNamespace(ISymbol symbol, string ns1, string ns2, string ns3, string ns4) =>
        symbol.ContainingNamespace is { } n4 && n4.Name == ns4 && IsInNamespace(n4, ns1, ns2, ns3);
}
