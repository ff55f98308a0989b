using System.Collections.Immutable;
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
/// A2AG0021: turns <c>Streaming = false</c> into <c>Streaming = true</c> on an agent with a skill that returns
/// <c>IAsyncEnumerable&lt;T&gt;</c>, so the card announces the streaming the skill does. Setting it (rather than removing
/// the argument, which the generator would also read as streaming) keeps the author's explicit choice visible.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(EnableStreamingFix)), Shared]
public sealed class EnableStreamingFix : CodeFixProvider
{
    private const string EquivalenceKey = "A2AGen.EnableStreaming";

    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = [ProblemIds.StreamingDisabled];

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

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
            if (root.FindNode(diagnostic.Location.SourceSpan) is not AttributeArgumentSyntax { NameEquals: { } name } argument ||
                name.Name.Identifier.ValueText != "Streaming" ||
                !diagnostic.Properties.TryGetValue(DiagnosticProperties.Argument, out var argumentName) || argumentName != "Streaming")
            {
                continue;
            }

            var enabled = argument.WithExpression(
                SyntaxFactory.LiteralExpression(SyntaxKind.TrueLiteralExpression).WithTriviaFrom(argument.Expression));
            context.RegisterCodeFix(
                CodeAction.Create(
                    "Set 'Streaming = true' so the card announces the streaming skill",
                    _ => Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(argument, enabled))),
                    EquivalenceKey),
                diagnostic);
        }
    }
}
