using System.Globalization;
using System.Text;

namespace A2AGen.Generators.Emit;

/// <summary>C# spelling of values: string literals and arrays, booleans, and text safe inside XML doc comments.</summary>
internal static class CSharp
{
    /// <summary>A <c>string[]</c> creation expression of <paramref name="values"/>.</summary>
    public static string Strings(System.Collections.Generic.IReadOnlyList<string> values)
    {
        var builder = new StringBuilder("new string[] { ");
        for (var i = 0; i < values.Count; i++)
        {
            builder.Append(i == 0 ? "" : ", ").Append(Literal(values[i]));
        }

        return builder.Append(" }").ToString();
    }

    /// <summary>
    /// A regular string literal in plain ASCII: quotes and backslashes escaped, and every control or non-ASCII
    /// character written as <c>\uXXXX</c> (a surrogate pair as two escapes, which the compiler joins again). The
    /// literal never breaks a line, never hides a bidi control, and reads the same on every compiler host.
    /// </summary>
    public static string Literal(string value)
    {
        var builder = new StringBuilder(value.Length + 2);
        builder.Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"':
                    builder.Append("\\\"");
                    break;
                case '\\':
                    builder.Append("\\\\");
                    break;
                case '\n':
                    builder.Append("\\n");
                    break;
                case '\r':
                    builder.Append("\\r");
                    break;
                case '\t':
                    builder.Append("\\t");
                    break;
                default:
                    if (c < 0x20 || c >= 0x7F)
                    {
                        builder.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        builder.Append(c);
                    }

                    break;
            }
        }

        builder.Append('"');
        return builder.ToString();
    }

    public static string Bool(bool value) => value ? "true" : "false";

    /// <summary>Text for an XML doc comment: XML-escaped, one line, ASCII (other characters as numeric references).</summary>
    public static string Doc(string text)
    {
        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            switch (c)
            {
                case '<':
                    builder.Append("&lt;");
                    break;
                case '>':
                    builder.Append("&gt;");
                    break;
                case '&':
                    builder.Append("&amp;");
                    break;
                default:
                    if (c < 0x20 || c == 0x7F)
                    {
                        builder.Append(' ');
                    }
                    else if (c < 0x7F)
                    {
                        builder.Append(c);
                    }
                    else if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                    {
                        AppendReference(builder, char.ConvertToUtf32(c, text[++i]));
                    }
                    else if (char.IsSurrogate(c))
                    {
                        builder.Append('?');
                    }
                    else
                    {
                        AppendReference(builder, c);
                    }

                    break;
            }
        }

        return builder.ToString();
    }

    private static void AppendReference(StringBuilder builder, int codePoint) =>
        builder.Append("&#x").Append(codePoint.ToString("X", CultureInfo.InvariantCulture)).Append(';');
}
