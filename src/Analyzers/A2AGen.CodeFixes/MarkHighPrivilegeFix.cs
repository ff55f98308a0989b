using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using A2AGen.CodeFixes.Syntax;
using A2AGen.Declarations.Problems;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace A2AGen.CodeFixes;

/// <summary>
/// A2AG0011: sets <c>Privilege = SkillPrivilege.High</c> on the skill (replacing an explicit <c>Standard</c>), and adds
/// an empty <c>[PassportKeys]</c> to an agent that has none, because a high-privilege skill requires a signed passport.
/// </summary>
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
            if (attribute?.ArgumentList is null ||
                attribute.FirstAncestorOrSelf<MethodDeclarationSyntax>()?.Parent is not TypeDeclarationSyntax declaration ||
                model.GetDeclaredSymbol(declaration, context.CancellationToken) is not INamedTypeSymbol agent)
            {
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create(
                    "Mark the skill Privilege = SkillPrivilege.High",
                    cancellationToken => MarkHighAsync(context.Document, attribute, agent, cancellationToken),
                    EquivalenceKey),
                diagnostic);
        }
    }

    // A high-privilege skill requires a signed passport by default; an agent without [PassportKeys] gets an empty one,
    // so its card announces the Secure Passport extension callers must now use (otherwise A2AG0020).
    private static async Task<Solution> MarkHighAsync(Document document, AttributeSyntax attribute, INamedTypeSymbol agent, CancellationToken cancellationToken)
    {
        var model = (await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false))!;
        var root = attribute.SyntaxTree.GetRoot(cancellationToken);
        var high = A2AGenNames.Type(model, attribute.SpanStart, "SkillPrivilege") + ".High";
        var solution = document.Project.Solution;
        var agentList = PassportKeysDeclaration.Find(agent) is null
            ? await PassportKeysDeclaration.AgentAttributeListAsync(agent, cancellationToken).ConfigureAwait(false)
            : null;

        if (agentList is not { } found)
        {
            return solution.WithDocumentSyntaxRoot(document.Id, root.ReplaceNode(attribute, MarkHigh(attribute, high)));
        }

        var (target, index) = found;
        var targetDocument = solution.GetDocument(target.SyntaxTree)!;
        var targetModel = (await targetDocument.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false))!;
        var passportKeys = PassportKeysDeclaration.Attribute(targetModel, target, "");
        var newLine = AttributeLists.NewLine(root);
        if (target.SyntaxTree == attribute.SyntaxTree)
        {
            // Both edits in one tree: the skill's attribute may be inside the agent declaration being rewritten.
            SyntaxNode[] nodes = [attribute, target];
            return solution.WithDocumentSyntaxRoot(document.Id, root.ReplaceNodes(nodes, (original, rewritten) =>
                original == attribute
                    ? MarkHigh((AttributeSyntax)rewritten, high)
                    : PassportKeysDeclaration.Add((TypeDeclarationSyntax)rewritten, index, passportKeys, newLine)));
        }

        solution = solution.WithDocumentSyntaxRoot(document.Id, root.ReplaceNode(attribute, MarkHigh(attribute, high)));
        var targetRoot = target.SyntaxTree.GetRoot(cancellationToken);
        return solution.WithDocumentSyntaxRoot(
            targetDocument.Id, targetRoot.ReplaceNode(target, PassportKeysDeclaration.Add(target, index, passportKeys, AttributeLists.NewLine(targetRoot))));
    }

    private static AttributeSyntax MarkHigh(AttributeSyntax attribute, string highExpression)
    {
        var high = SyntaxFactory.ParseExpression(highExpression);
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
