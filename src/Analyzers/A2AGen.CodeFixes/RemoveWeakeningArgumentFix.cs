using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Composition;
using System.Threading.Tasks;
using A2AGen.Analyzers.Diagnostics;
using A2AGen.Declarations.Problems;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace A2AGen.CodeFixes;

/// <summary>
/// A2AG0001: removes <c>RequestSignature = …Optional</c> or <c>PassportSignature = …Optional</c> from a high-privilege
/// skill, so it falls back to its fail-closed default (signature required).
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(RemoveWeakeningArgumentFix)), Shared]
public sealed class RemoveWeakeningArgumentFix : CodeFixProvider
{
    private const string EquivalenceKey = "A2AGen.RemoveWeakeningArgument";

    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = [ProblemIds.HighPrivilegeWeakened];

    /// <summary>
    /// Fix all removes every reported argument of a document in one rewrite: neighbouring arguments share a comma, so
    /// the batch fixer's text merge would see their removals as conflicting and keep only one.
    /// </summary>
    public override FixAllProvider GetFixAllProvider() => FixAllProvider.Create(static async (context, document, diagnostics) =>
    {
        var root = await document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return document;
        }

        var arguments = new HashSet<AttributeArgumentSyntax>();
        foreach (var diagnostic in diagnostics)
        {
            if (Weakening(root, diagnostic) is { } argument)
            {
                arguments.Add(argument);
            }
        }

        var lists = arguments.Select(static a => (AttributeArgumentListSyntax)a.Parent!).Distinct();
        return document.WithSyntaxRoot(root.ReplaceNodes(lists, (original, _) => Remove(original, arguments)));
    });

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return;
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            if (Weakening(root, diagnostic) is not { } argument)
            {
                continue;
            }

            var list = (AttributeArgumentListSyntax)argument.Parent!;
            context.RegisterCodeFix(
                CodeAction.Create(
                    $"Remove '{argument.NameEquals!.Name.Identifier.ValueText} = Optional' so the skill requires a signature",
                    _ => Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(list, Remove(list, [argument])))),
                    EquivalenceKey),
                diagnostic);
        }
    }

    // The named argument the diagnostic points at, checked against the argument name the analyzer recorded.
    private static AttributeArgumentSyntax? Weakening(SyntaxNode root, Diagnostic diagnostic) =>
        root.FindNode(diagnostic.Location.SourceSpan) is AttributeArgumentSyntax { NameEquals: { } name } argument &&
        argument.Parent is AttributeArgumentListSyntax &&
        diagnostic.Properties.TryGetValue(DiagnosticProperties.Argument, out var argumentName) &&
        name.Name.Identifier.ValueText == argumentName
            ? argument
            : null;

    // Each argument goes with the separator before it (a named argument is never first: the skill id comes before it);
    // the rest keeps its layout.
    private static AttributeArgumentListSyntax Remove(AttributeArgumentListSyntax list, ICollection<AttributeArgumentSyntax> removed)
    {
        var items = list.Arguments.GetWithSeparators();
        var kept = new List<SyntaxNodeOrToken>(items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            if (item.AsNode() is AttributeArgumentSyntax argument && removed.Contains(argument))
            {
                if (kept.Count > 0)
                {
                    // Drop the separator before it; the argument's trailing trivia stays with what precedes it.
                    kept.RemoveAt(kept.Count - 1);
                    kept[kept.Count - 1] = kept[kept.Count - 1].WithTrailingTrivia(kept[kept.Count - 1].GetTrailingTrivia().AddRange(argument.GetTrailingTrivia()));
                }
                else if (i + 1 < items.Count)
                {
                    // The first argument: drop the separator after it instead.
                    i++;
                }

                continue;
            }

            kept.Add(item);
        }

        return list.WithArguments(SyntaxFactory.SeparatedList<AttributeArgumentSyntax>(kept));
    }
}
