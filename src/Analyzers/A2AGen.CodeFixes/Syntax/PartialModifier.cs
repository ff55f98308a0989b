using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace A2AGen.CodeFixes.Syntax;

/// <summary>Adding <c>partial</c> to a type's declarations and to those of the types it is nested in.</summary>
internal static class PartialModifier
{
    /// <summary>
    /// Whether an agent class can be made valid by adding <c>partial</c>: a non-static, non-generic, not file-local
    /// class, not nested in a generic type. Otherwise <c>partial</c> alone does not help and no fix is offered.
    /// </summary>
    public static bool CanFix(INamedTypeSymbol type)
    {
        if (type.TypeKind != TypeKind.Class || type.IsStatic || type.IsGenericType || type.IsFileLocal)
        {
            return false;
        }

        for (var outer = type.ContainingType; outer is not null; outer = outer.ContainingType)
        {
            if (outer.IsGenericType)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Every declaration of the type and of its containing types that lacks <c>partial</c>.</summary>
    public static List<TypeDeclarationSyntax> MissingPartial(INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        var result = new List<TypeDeclarationSyntax>();
        for (var current = type; current is not null; current = current.ContainingType)
        {
            foreach (var reference in current.DeclaringSyntaxReferences)
            {
                if (reference.GetSyntax(cancellationToken) is TypeDeclarationSyntax declaration &&
                    !declaration.Modifiers.Any(SyntaxKind.PartialKeyword))
                {
                    result.Add(declaration);
                }
            }
        }

        return result;
    }

    /// <summary>The declaration with <c>partial</c> as its last modifier (where C# requires it).</summary>
    public static TypeDeclarationSyntax Add(TypeDeclarationSyntax declaration)
    {
        if (declaration.Modifiers.Any(SyntaxKind.PartialKeyword))
        {
            return declaration;
        }

        var partial = SyntaxFactory.Token(SyntaxKind.PartialKeyword).WithTrailingTrivia(SyntaxFactory.Space);
        if (declaration.Modifiers.Count > 0)
        {
            return declaration.WithModifiers(declaration.Modifiers.Add(partial));
        }

        // No modifiers: the keyword carries the declaration's indentation, which moves to 'partial'.
        var keyword = declaration.Keyword;
        return declaration
            .WithKeyword(keyword.WithLeadingTrivia())
            .WithModifiers(SyntaxFactory.TokenList(partial.WithLeadingTrivia(keyword.LeadingTrivia)));
    }
}
