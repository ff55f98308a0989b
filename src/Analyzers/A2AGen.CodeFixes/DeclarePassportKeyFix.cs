using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using A2AGen.Analyzers.Diagnostics;
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
/// A2AG0009, for a key a skill requires (<c>RequiredPassportKeys</c>) that the agent does not declare: adds the key to
/// the agent's string-form <c>[PassportKeys(…)]</c>, or adds <c>[PassportKeys("key")]</c> when the agent has none. Not
/// offered for <c>[PassportKeys(typeof(T))]</c> (the key would be a property of <c>T</c>) nor for invalid keys.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(DeclarePassportKeyFix)), Shared]
public sealed class DeclarePassportKeyFix : CodeFixProvider
{
    private const string RequiredKeysArgument = "RequiredPassportKeys";

    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = [ProblemIds.InvalidPassportKey];

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
            if (!diagnostic.Properties.TryGetValue(DiagnosticProperties.Argument, out var argument) || argument != RequiredKeysArgument ||
                root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not { } node ||
                node.FirstAncestorOrSelf<ExpressionSyntax>() is not { } element ||
                model.GetConstantValue(element, context.CancellationToken) is not { HasValue: true, Value: string key } ||
                !TextRules.IsValidSnakeKey(key) ||
                node.FirstAncestorOrSelf<MethodDeclarationSyntax>()?.Parent is not TypeDeclarationSyntax declaration ||
                model.GetDeclaredSymbol(declaration, context.CancellationToken) is not INamedTypeSymbol agent ||
                !CanDeclare(agent, out var passportKeys))
            {
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create(
                    $"Declare passport key '{key}' in [PassportKeys]",
                    cancellationToken => DeclareAsync(context.Document, declaration, agent, passportKeys, key, cancellationToken),
                    "A2AGen.DeclarePassportKey:" + key),
                diagnostic);
        }
    }

    // String keys or no [PassportKeys] at all can take the key; a state type cannot.
    private static bool CanDeclare(INamedTypeSymbol agent, out AttributeData? passportKeys)
    {
        passportKeys = PassportKeysDeclaration.Find(agent);
        return passportKeys is null ||
            (passportKeys.AttributeConstructor is { Parameters.Length: 1 } constructor && constructor.Parameters[0].Type.TypeKind == TypeKind.Array);
    }

    private static async Task<Solution> DeclareAsync(
        Document document, TypeDeclarationSyntax declaration, INamedTypeSymbol agent, AttributeData? passportKeys, string key, CancellationToken cancellationToken)
    {
        var literal = SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(key));
        var solution = document.Project.Solution;
        if (passportKeys?.ApplicationSyntaxReference?.GetSyntax(cancellationToken) is AttributeSyntax existing)
        {
            var keysDocument = solution.GetDocument(existing.SyntaxTree)!;
            var root = await existing.SyntaxTree.GetRootAsync(cancellationToken).ConfigureAwait(false);
            return solution.WithDocumentSyntaxRoot(keysDocument.Id, root.ReplaceNode(existing, AddKey(existing, literal)));
        }

        // No [PassportKeys]: add one right after [A2AAgent] (on the declaration that carries it, which may be another part).
        if (await PassportKeysDeclaration.AgentAttributeListAsync(agent, cancellationToken).ConfigureAwait(false) is not { } found)
        {
            return solution;
        }

        var (target, index) = found;
        var targetDocument = solution.GetDocument(target.SyntaxTree)!;
        var model = (await targetDocument.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false))!;
        var targetRoot = await target.SyntaxTree.GetRootAsync(cancellationToken).ConfigureAwait(false);
        var attribute = PassportKeysDeclaration.Attribute(model, target, literal.ToString());
        var updated = PassportKeysDeclaration.Add(target, index, attribute, AttributeLists.NewLine(targetRoot));
        return solution.WithDocumentSyntaxRoot(targetDocument.Id, targetRoot.ReplaceNode(target, updated));
    }

    // [PassportKeys("a", "b", Required = true)] → [PassportKeys("a", "b", "key", Required = true)]; an array or
    // collection expression argument gets the key as its last element.
    private static AttributeSyntax AddKey(AttributeSyntax attribute, LiteralExpressionSyntax key)
    {
        var arguments = attribute.ArgumentList?.Arguments ?? default;
        var positional = arguments.Where(static a => a.NameEquals is null).ToList();
        if (positional.Count == 1)
        {
            switch (positional[0].Expression)
            {
                case CollectionExpressionSyntax collection:
                    return attribute.ReplaceNode(collection, collection.WithElements(Append(collection.Elements, SyntaxFactory.ExpressionElement(key))));
                case ArrayCreationExpressionSyntax { Initializer: { } initializer }:
                    return attribute.ReplaceNode(initializer, initializer.WithExpressions(Append(initializer.Expressions, key)));
                case ImplicitArrayCreationExpressionSyntax { Initializer: { } initializer }:
                    return attribute.ReplaceNode(initializer, initializer.WithExpressions(Append(initializer.Expressions, key)));
            }
        }

        var index = positional.Count == 0 ? 0 : arguments.IndexOf(positional[positional.Count - 1]) + 1;
        var list = attribute.ArgumentList ?? SyntaxFactory.AttributeArgumentList();
        var inserted = list.Arguments.Insert(index, SyntaxFactory.AttributeArgument(key));
        return attribute.WithArgumentList(list.WithArguments(Spaced(inserted)));
    }

    private static SeparatedSyntaxList<T> Append<T>(SeparatedSyntaxList<T> list, T item)
        where T : SyntaxNode =>
        list.Count == 0
            ? SyntaxFactory.SingletonSeparatedList(item)
            : SyntaxFactory.SeparatedList<T>(list.GetWithSeparators().Add(Comma()).Add(item.WithLeadingTrivia(SyntaxFactory.Space)));

    // New separators get a space after them; existing ones keep their trivia.
    private static SeparatedSyntaxList<AttributeArgumentSyntax> Spaced(SeparatedSyntaxList<AttributeArgumentSyntax> list)
    {
        var items = new SyntaxNodeOrTokenList();
        foreach (var item in list.GetWithSeparators())
        {
            items = items.Add(item.IsToken && item.AsToken().IsKind(SyntaxKind.CommaToken) && item.AsToken().TrailingTrivia.Count == 0
                ? Comma()
                : item);
        }

        return SyntaxFactory.SeparatedList<AttributeArgumentSyntax>(items);
    }

    private static SyntaxToken Comma() => SyntaxFactory.Token(SyntaxKind.CommaToken).WithTrailingTrivia(SyntaxFactory.Space);
}
