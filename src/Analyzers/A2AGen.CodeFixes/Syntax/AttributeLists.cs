using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace A2AGen.CodeFixes.Syntax;

/// <summary>Inserting attribute lists on a declaration with the surrounding layout kept (doc comments stay on top).</summary>
internal static class AttributeLists
{
    /// <summary>Parses <c>[text]</c> as an attribute list.</summary>
    public static AttributeListSyntax Parse(string attribute) =>
        SyntaxFactory.ParseCompilationUnit($"[{attribute}] class C {{ }}").Members[0].AttributeLists[0].WithoutTrivia();

    /// <summary>Puts <paramref name="list"/> before the declaration's other attribute lists and modifiers.</summary>
    public static TypeDeclarationSyntax InsertFirst(TypeDeclarationSyntax declaration, AttributeListSyntax list, string newLine)
    {
        var first = declaration.GetFirstToken();
        var leading = first.LeadingTrivia;
        var indentation = Indentation(leading);
        var moved = declaration.ReplaceToken(first, first.WithLeadingTrivia(indentation));
        var placed = list.WithLeadingTrivia(leading).WithTrailingTrivia(SyntaxFactory.EndOfLine(newLine));
        return moved.WithAttributeLists(moved.AttributeLists.Insert(0, placed));
    }

    /// <summary>Puts <paramref name="list"/> right after the attribute list at <paramref name="index"/>, on its own line.</summary>
    public static TypeDeclarationSyntax InsertAfter(TypeDeclarationSyntax declaration, int index, AttributeListSyntax list, string newLine)
    {
        var indentation = Indentation(declaration.AttributeLists[index].GetLeadingTrivia());
        var placed = list.WithLeadingTrivia(indentation).WithTrailingTrivia(SyntaxFactory.EndOfLine(newLine));
        return declaration.WithAttributeLists(declaration.AttributeLists.Insert(index + 1, placed));
    }

    /// <summary>The line ending the document uses.</summary>
    public static string NewLine(SyntaxNode root) =>
        root.DescendantTrivia().FirstOrDefault(static t => t.IsKind(SyntaxKind.EndOfLineTrivia)).ToString() is { Length: > 0 } found
            ? found
            : "\n";

    // The whitespace after the last line break of a token's leading trivia: the declaration's indentation.
    private static SyntaxTriviaList Indentation(SyntaxTriviaList leading)
    {
        var count = 0;
        for (var i = leading.Count - 1; i >= 0 && leading[i].IsKind(SyntaxKind.WhitespaceTrivia); i--)
        {
            count++;
        }

        var result = SyntaxFactory.TriviaList();
        for (var i = leading.Count - count; i < leading.Count; i++)
        {
            result = result.Add(leading[i]);
        }

        return result;
    }
}
