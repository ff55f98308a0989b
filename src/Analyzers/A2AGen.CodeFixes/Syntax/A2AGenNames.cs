using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace A2AGen.CodeFixes.Syntax;

/// <summary>
/// How to spell an A2AGen type at a place in the user's code: the shortest of <c>X</c>, <c>A2AGen.X</c> and
/// <c>global::A2AGen.X</c> that binds to the type there (checked by speculative binding, so aliases and missing usings
/// are handled).
/// </summary>
internal static class A2AGenNames
{
    private static readonly string[] Prefixes = ["", "A2AGen.", "global::A2AGen."];

    /// <summary>A type name, e.g. <c>SkillPrivilege</c>.</summary>
    public static string Type(SemanticModel model, int position, string typeName) => Spell(model, position, typeName, typeName);

    /// <summary>An attribute name without its suffix, e.g. <c>A2AAgent</c> for <c>A2AGen.A2AAgentAttribute</c>.</summary>
    public static string Attribute(SemanticModel model, int position, string attributeTypeName) =>
        Spell(model, position, attributeTypeName, attributeTypeName.Substring(0, attributeTypeName.Length - "Attribute".Length));

    private static string Spell(SemanticModel model, int position, string typeName, string written)
    {
        var target = model.Compilation.GetTypeByMetadataName("A2AGen." + typeName);
        foreach (var prefix in Prefixes)
        {
            var candidate = SyntaxFactory.ParseName(prefix + typeName);
            var bound = model.GetSpeculativeTypeInfo(position, candidate, SpeculativeBindingOption.BindAsTypeOrNamespace).Type;
            if (target is not null && SymbolEqualityComparer.Default.Equals(bound, target))
            {
                return prefix + written;
            }
        }

        return Prefixes[Prefixes.Length - 1] + written;
    }
}
