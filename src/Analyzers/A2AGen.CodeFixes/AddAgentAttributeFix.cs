using System.Collections.Immutable;
using System.Composition;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using A2AGen.CodeFixes.Syntax;
using A2AGen.Declarations.Parsing;
using A2AGen.Declarations.Problems;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace A2AGen.CodeFixes;

/// <summary>
/// A2AG0005: turns the class of an orphan <c>[Skill]</c> into an agent: adds
/// <c>[A2AAgent("&lt;id&gt;", Description = "…")]</c> and <c>partial</c> where missing. The id is the class name in
/// kebab case (<c>CurrencyAgent</c> → <c>currency-agent</c>); the description is the class's XML doc summary, or else
/// its name in words, so the result compiles and satisfies A2AG0004/A2AG0007 (the author then edits the text).
/// Offered only for classes that can be agents (not static, generic or nested in a generic type).
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AddAgentAttributeFix)), Shared]
public sealed class AddAgentAttributeFix : CodeFixProvider
{
    private const string EquivalenceKey = "A2AGen.AddAgentAttribute";

    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = [ProblemIds.SkillOutsideAgent];

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null || model is null)
        {
            return;
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            var declaration = root.FindNode(diagnostic.Location.SourceSpan).FirstAncestorOrSelf<MemberDeclarationSyntax>()?.Parent as TypeDeclarationSyntax;
            if (declaration is null ||
                model.GetDeclaredSymbol(declaration, context.CancellationToken) is not INamedTypeSymbol type ||
                !PartialModifier.CanFix(type))
            {
                continue;
            }

            var id = AgentId(type.Name);
            context.RegisterCodeFix(
                CodeAction.Create(
                    $"Make '{type.Name}' an agent: add [A2AAgent(\"{id}\")]",
                    cancellationToken => AddAgentAsync(context.Document, declaration, type, id, cancellationToken),
                    EquivalenceKey),
                diagnostic);
        }
    }

    /// <summary><c>CurrencyAgent</c> → <c>currency-agent</c>, cut to a valid A2AGen id.</summary>
    internal static string AgentId(string className)
    {
        var words = TextRules.ToSnakeCase(className).Replace('_', '-');
        var id = new StringBuilder(words.Length);
        foreach (var c in words)
        {
            if (c is (>= 'a' and <= 'z') or (>= '0' and <= '9') || (c is '-' or '.' && id.Length > 0))
            {
                id.Append(c);
            }
        }

        var text = id.Length > 64 ? id.ToString(0, 64) : id.ToString();
        return TextRules.IsValidId(text) ? text : "agent";
    }

    private static async Task<Solution> AddAgentAsync(
        Document document, TypeDeclarationSyntax declaration, INamedTypeSymbol type, string id, CancellationToken cancellationToken)
    {
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        var name = A2AGenNames.Attribute(model!, declaration.SpanStart, "A2AAgentAttribute");
        var attribute = AttributeLists.Parse(
            $"{name}({Literal(id)}, Description = {Literal(Description(type, cancellationToken))})");

        var newLine = AttributeLists.NewLine(declaration.SyntaxTree.GetRoot(cancellationToken));
        return await MakeAgentPartialFix.AddPartialAsync(
            document.Project.Solution, type, cancellationToken, declaration,
            rewritten => AttributeLists.InsertFirst(rewritten, attribute, newLine)).ConfigureAwait(false);
    }

    private static string Description(INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        var summary = Summary(type.GetDocumentationCommentXml(CultureInfo.InvariantCulture, expandIncludes: false, cancellationToken));
        return summary ?? Words(type.Name);
    }

    private static string? Summary(string? xml)
    {
        if (string.IsNullOrWhiteSpace(xml))
        {
            return null;
        }

        try
        {
            var summary = System.Xml.Linq.XElement.Parse(xml).Element("summary");
            var text = summary is null ? "" : string.Join(" ", summary.Value.Split((char[]?)null, System.StringSplitOptions.RemoveEmptyEntries));
            return text.Length == 0 || TextRules.HasUnpairedSurrogate(text) ? null : text;
        }
        catch (System.Xml.XmlException)
        {
            return null;
        }
    }

    // "CurrencyAgent" → "Currency agent".
    private static string Words(string name)
    {
        var words = TextRules.ToSnakeCase(name).Replace('_', ' ');
        return words.Length == 0 ? name : char.ToUpperInvariant(words[0]) + words.Substring(1);
    }

    private static string Literal(string value) =>
        SyntaxFactory.Literal(value).ToString();
}
