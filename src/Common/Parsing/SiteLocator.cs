using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace A2AGen.Declarations.Parsing;

/// <summary>Turns a <see cref="ProblemSite"/> into the most precise <see cref="Location"/> the syntax allows.</summary>
internal static class SiteLocator
{
    public static Location Locate(ProblemSite site, CancellationToken cancellationToken)
    {
        if (site.Attribute?.ApplicationSyntaxReference?.GetSyntax(cancellationToken) is AttributeSyntax attribute)
        {
            var argument = FindArgument(attribute, site);
            if (argument is not null)
            {
                return site.TextOffset >= 0 && StringLiterals.Locate(argument, site.TextOffset) is { } inside
                    ? inside
                    : argument.GetLocation();
            }

            return attribute.GetLocation();
        }

        return LocateSymbol(site.Symbol, cancellationToken);
    }

    private static Location LocateSymbol(ISymbol? symbol, CancellationToken cancellationToken)
    {
        if (symbol is null)
        {
            return Location.None;
        }

        // The identifier of the declaration: the part a user reads as "this class" or "this parameter".
        foreach (var location in symbol.Locations)
        {
            if (location.IsInSource)
            {
                return location;
            }
        }

        foreach (var reference in symbol.DeclaringSyntaxReferences)
        {
            return reference.GetSyntax(cancellationToken).GetLocation();
        }

        return Location.None;
    }

    private static SyntaxNode? FindArgument(AttributeSyntax attribute, ProblemSite site)
    {
        if (attribute.ArgumentList is not { } list)
        {
            return null;
        }

        if (site.ArgumentName is { } name)
        {
            foreach (var argument in list.Arguments)
            {
                if (argument.NameEquals?.Name.Identifier.ValueText == name)
                {
                    return ElementOf(argument.Expression, site.ElementIndex) ?? argument;
                }
            }

            return null;
        }

        if (site.ConstructorIndex < 0)
        {
            return null;
        }

        // Named constructor arguments (`id: "x"`) match by parameter name; the rest by position.
        var parameterName = site.FixArgumentName;
        var positional = new System.Collections.Generic.List<AttributeArgumentSyntax>();
        foreach (var argument in list.Arguments)
        {
            if (argument.NameEquals is not null)
            {
                continue;
            }

            if (argument.NameColon is { } nameColon && nameColon.Name.Identifier.ValueText == parameterName)
            {
                return ElementOf(argument.Expression, site.ElementIndex) ?? argument;
            }

            positional.Add(argument);
        }

        if (site.ConstructorIndex >= positional.Count)
        {
            return null;
        }

        var candidate = positional[site.ConstructorIndex];
        if (site.ElementIndex < 0)
        {
            return candidate;
        }

        // A params argument is either one array expression or the elements written out.
        return ElementOf(candidate.Expression, site.ElementIndex) ??
            (site.ConstructorIndex + site.ElementIndex < positional.Count ? positional[site.ConstructorIndex + site.ElementIndex] : candidate);
    }

    private static SyntaxNode? ElementOf(ExpressionSyntax expression, int index)
    {
        if (index < 0)
        {
            return null;
        }

        switch (expression)
        {
            case CollectionExpressionSyntax collection when index < collection.Elements.Count:
                return collection.Elements[index];
            case ArrayCreationExpressionSyntax { Initializer: { } initializer } when index < initializer.Expressions.Count:
                return initializer.Expressions[index];
            case ImplicitArrayCreationExpressionSyntax { Initializer: { } initializer } when index < initializer.Expressions.Count:
                return initializer.Expressions[index];
            default:
                return null;
        }
    }
}
