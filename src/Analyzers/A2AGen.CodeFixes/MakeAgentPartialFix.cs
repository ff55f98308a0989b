using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using A2AGen.CodeFixes.Syntax;
using A2AGen.Declarations.Problems;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace A2AGen.CodeFixes;

/// <summary>
/// A2AG0002: adds <c>partial</c> to every declaration of the agent class that lacks it, and to the types it is nested
/// in. Offered only when that is the whole problem (not for generic, static or file-local classes, nor for classes
/// nested in a generic type).
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MakeAgentPartialFix)), Shared]
public sealed class MakeAgentPartialFix : CodeFixProvider
{
    private const string EquivalenceKey = "A2AGen.MakeAgentPartial";

    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = [ProblemIds.InvalidAgentClass];

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
            var declaration = root.FindToken(diagnostic.Location.SourceSpan.Start).Parent?.FirstAncestorOrSelf<TypeDeclarationSyntax>();
            if (declaration is null ||
                model.GetDeclaredSymbol(declaration, context.CancellationToken) is not INamedTypeSymbol type ||
                !PartialModifier.CanFix(type) ||
                PartialModifier.MissingPartial(type, context.CancellationToken).Count == 0)
            {
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create(
                    $"Make '{type.Name}' partial",
                    cancellationToken => AddPartialAsync(context.Document.Project.Solution, type, cancellationToken),
                    EquivalenceKey),
                diagnostic);
        }
    }

    /// <summary>
    /// The solution with <c>partial</c> on every declaration of <paramref name="type"/> and its containing types, and
    /// <paramref name="target"/> (one of the type's declarations) rewritten by <paramref name="rewriteTarget"/> as well.
    /// </summary>
    internal static async Task<Solution> AddPartialAsync(
        Solution solution, INamedTypeSymbol type, CancellationToken cancellationToken,
        TypeDeclarationSyntax? target = null, Func<TypeDeclarationSyntax, TypeDeclarationSyntax>? rewriteTarget = null)
    {
        var missing = PartialModifier.MissingPartial(type, cancellationToken);
        var nodes = new List<TypeDeclarationSyntax>(missing);
        if (target is not null && !nodes.Contains(target))
        {
            nodes.Add(target);
        }

        foreach (var group in nodes.GroupBy(static d => d.SyntaxTree))
        {
            var document = solution.GetDocument(group.Key);
            if (document is null)
            {
                continue;
            }

            var root = await group.Key.GetRootAsync(cancellationToken).ConfigureAwait(false);
            var updated = root.ReplaceNodes(group, (original, rewritten) =>
            {
                var result = missing.Contains(original) ? PartialModifier.Add(rewritten) : rewritten;
                return original == target && rewriteTarget is not null ? rewriteTarget(result) : result;
            });
            solution = solution.WithDocumentSyntaxRoot(document.Id, updated);
        }

        return solution;
    }
}
