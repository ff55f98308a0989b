using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using A2AGen.Declarations.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace A2AGen.CodeFixes.Syntax;

/// <summary>Adding a <c>[PassportKeys(…)]</c> attribute to an agent that has none, right after its <c>[A2AAgent]</c>.</summary>
internal static class PassportKeysDeclaration
{
    /// <summary>The agent's <c>[PassportKeys]</c>, or null.</summary>
    public static AttributeData? Find(INamedTypeSymbol agent) =>
        agent.GetAttributes().FirstOrDefault(static a => KnownSymbols.IsAttribute(a, "PassportKeysAttribute"));

    /// <summary>
    /// Where the agent's <c>[A2AAgent]</c> is written: its type declaration and the index of its attribute list (the
    /// new attribute goes right after it).
    /// </summary>
    public static async Task<(TypeDeclarationSyntax Declaration, int ListIndex)?> AgentAttributeListAsync(INamedTypeSymbol agent, CancellationToken cancellationToken)
    {
        var attribute = agent.GetAttributes().FirstOrDefault(static a => KnownSymbols.IsAttribute(a, "A2AAgentAttribute"));
        if (attribute?.ApplicationSyntaxReference is not { } reference ||
            await reference.GetSyntaxAsync(cancellationToken).ConfigureAwait(false) is not AttributeSyntax { Parent: AttributeListSyntax { Parent: TypeDeclarationSyntax declaration } list })
        {
            return null;
        }

        return (declaration, declaration.AttributeLists.IndexOf(list));
    }

    /// <summary>
    /// The text of a <c>[PassportKeys]</c> attribute with <paramref name="arguments"/> (none: no parentheses), spelled
    /// as it binds at <paramref name="declaration"/> (a declaration in <paramref name="model"/>'s tree).
    /// </summary>
    public static string Attribute(SemanticModel model, TypeDeclarationSyntax declaration, string arguments)
    {
        var name = A2AGenNames.Attribute(model, declaration.SpanStart, "PassportKeysAttribute");
        return arguments.Length == 0 ? name : $"{name}({arguments})";
    }

    /// <summary>The declaration with <paramref name="attribute"/> after its attribute list at <paramref name="listIndex"/>.</summary>
    public static TypeDeclarationSyntax Add(TypeDeclarationSyntax declaration, int listIndex, string attribute, string newLine) =>
        AttributeLists.InsertAfter(declaration, listIndex, AttributeLists.Parse(attribute), newLine);
}
