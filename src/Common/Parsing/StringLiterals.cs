using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace A2AGen.Declarations.Parsing;

/// <summary>
/// Maps an offset in a string constant's value to its place in the source, so a diagnostic can point at the character
/// a problem is in (A2AG0023 inside a <c>[RequiresBiscuit]</c> policy). Regular literals (with escapes) and verbatim
/// literals are mapped exactly; anything else (raw or interpolated strings, constants) is not, and the caller falls
/// back to the whole argument.
/// </summary>
internal static class StringLiterals
{
    public static Location? Locate(SyntaxNode argument, int valueOffset)
    {
        var expression = argument is AttributeArgumentSyntax attributeArgument ? attributeArgument.Expression : argument as ExpressionSyntax;
        if (expression is not LiteralExpressionSyntax { Token: var token } || !token.IsKind(SyntaxKind.StringLiteralToken))
        {
            return null;
        }

        var text = token.Text;
        var verbatim = text.StartsWith("@\"", System.StringComparison.Ordinal);
        if (!verbatim && !text.StartsWith("\"", System.StringComparison.Ordinal))
        {
            return null;
        }

        var i = verbatim ? 2 : 1;
        var value = 0;
        while (i < text.Length - 1 && value < valueOffset)
        {
            if (verbatim)
            {
                i += text[i] == '"' ? 2 : 1;
            }
            else if (text[i] == '\\' && i + 1 < text.Length)
            {
                i += EscapeLength(text, i);
            }
            else
            {
                i++;
            }

            value++;
        }

        var start = token.SpanStart + System.Math.Min(i, text.Length - 1);
        var length = i >= text.Length - 1 ? 0
            : verbatim ? (text[i] == '"' ? 2 : 1)
            : text[i] == '\\' && i + 1 < text.Length ? EscapeLength(text, i)
            : 1;
        return Location.Create(token.SyntaxTree!, new TextSpan(start, length));
    }

    private static int EscapeLength(string text, int at)
    {
        switch (text[at + 1])
        {
            case 'u':
                return 6;
            case 'U':
                return 10;
            case 'x':
                var length = 2;
                while (length < 6 && at + length < text.Length && System.Uri.IsHexDigit(text[at + length]))
                {
                    length++;
                }

                return length;
            default:
                return 2;
        }
    }
}
