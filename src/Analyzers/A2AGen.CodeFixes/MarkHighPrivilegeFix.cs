using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using A2AGen.CodeFixes.Syntax;
using A2AGen.Declarations.Problems;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace A2AGen.CodeFixes;

/// <summary>A2AG0011: sets <c>Privilege = SkillPrivilege.High</c> on the skill (replacing an explicit <c>Standard</c>).</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MarkHighPrivilegeFix)), Shared]
public sealed class MarkHighPrivilegeFix : CodeFixProvider
{
    private const string EquivalenceKey = "A2AGen.MarkHighPrivilege";

    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = [ProblemIds.PrivilegedSkillNotHigh];

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
            var attribute = root.FindNode(diagnostic.Location.SourceSpan).FirstAncestorOrSelf<AttributeSyntax>();
            if (attribute?.ArgumentList is null)
            {
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create(
                    "Mark the skill Privilege = SkillPrivilege.High",
                    _ => Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(attribute, MarkHigh(attribute, model)))),
                    EquivalenceKey),
                diagnostic);
        }
    }

    private static AttributeSyntax MarkHigh(AttributeSyntax attribute, SemanticModel model)
    {
        var high = SyntaxFactory.ParseExpression(A2AGenNames.Type(model, attribute.SpanStart, "SkillPrivilege") + ".High");
        var list = attribute.ArgumentList!;
        foreach (var argument in list.Arguments)
        {
            if (argument.NameEquals?.Name.Identifier.ValueText == "Privilege")
            {
                return attribute.ReplaceNode(argument.Expression, high.WithTriviaFrom(argument.Expression));
            }
        }

        var privilege = SyntaxFactory.AttributeArgument(
            SyntaxFactory.NameEquals(SyntaxFactory.IdentifierName("Privilege"), SyntaxFactory.Token(SyntaxKind.EqualsToken).WithLeadingTrivia(SyntaxFactory.Space).WithTrailingTrivia(SyntaxFactory.Space)),
            null,
            high);
        var separator = SyntaxFactory.Token(SyntaxKind.CommaToken).WithTrailingTrivia(SyntaxFactory.Space);
        var items = list.Arguments.Count == 0
            ? list.Arguments.GetWithSeparators().Add(privilege)
            : list.Arguments.GetWithSeparators().Add(separator).Add(privilege);
        return attribute.WithArgumentList(list.WithArguments(SyntaxFactory.SeparatedList<AttributeArgumentSyntax>(items)));
    }
}
