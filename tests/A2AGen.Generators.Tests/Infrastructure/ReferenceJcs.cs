using System.Globalization;
using System.Text;
using System.Text.Json;

namespace A2AGen.Generators.Tests.Infrastructure;

/// <summary>
/// An independent, test-only RFC 8785 canonicalizer for what cards contain (objects, arrays, strings, booleans,
/// null; integers for completeness), written from the RFC rather than from the generator's code, so the two
/// can check each other.
/// </summary>
internal static class ReferenceJcs
{
    public static byte[] Canonicalize(ReadOnlySpan<byte> json)
    {
        using var document = JsonDocument.Parse(json.ToArray());
        var builder = new StringBuilder();
        Write(document.RootElement, builder);
        return Encoding.UTF8.GetBytes(builder.ToString());
    }

    /// <summary>Whether every object's member names are in RFC 8785 order (UTF-16 code units) and unique.</summary>
    public static bool KeysAreSorted(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                string? previous = null;
                foreach (var property in element.EnumerateObject())
                {
                    if (previous is not null && string.CompareOrdinal(previous, property.Name) >= 0)
                    {
                        return false;
                    }

                    previous = property.Name;
                    if (!KeysAreSorted(property.Value))
                    {
                        return false;
                    }
                }

                return true;
            case JsonValueKind.Array:
                return element.EnumerateArray().All(KeysAreSorted);
            default:
                return true;
        }
    }

    private static void Write(JsonElement element, StringBuilder builder)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                builder.Append('{');
                var first = true;
                foreach (var property in element.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal))
                {
                    builder.Append(first ? "" : ",");
                    first = false;
                    WriteString(property.Name, builder);
                    builder.Append(':');
                    Write(property.Value, builder);
                }

                builder.Append('}');
                break;
            case JsonValueKind.Array:
                builder.Append('[');
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    builder.Append(index++ == 0 ? "" : ",");
                    Write(item, builder);
                }

                builder.Append(']');
                break;
            case JsonValueKind.String:
                WriteString(element.GetString()!, builder);
                break;
            case JsonValueKind.Number when element.TryGetInt64(out var integer):
                builder.Append(integer.ToString(CultureInfo.InvariantCulture));
                break;
            case JsonValueKind.True:
                builder.Append("true");
                break;
            case JsonValueKind.False:
                builder.Append("false");
                break;
            case JsonValueKind.Null:
                builder.Append("null");
                break;
            default:
                throw new NotSupportedException($"The test canonicalizer does not handle {element.ValueKind} {element.GetRawText()}.");
        }
    }

    // RFC 8785 §3.2.2.2: escape only '"', '\\' and U+0000..U+001F (with the short forms where JSON has them).
    private static void WriteString(string value, StringBuilder builder)
    {
        builder.Append('"');
        foreach (var rune in value.EnumerateRunes())
        {
            var scalar = rune.Value;
            var escaped = scalar switch
            {
                0x22 => "\\\"",
                0x5C => "\\\\",
                0x08 => "\\b",
                0x0C => "\\f",
                0x0A => "\\n",
                0x0D => "\\r",
                0x09 => "\\t",
                < 0x20 => "\\u" + scalar.ToString("x4", CultureInfo.InvariantCulture),
                _ => null,
            };
            if (escaped is null)
            {
                builder.Append(rune.ToString());
            }
            else
            {
                builder.Append(escaped);
            }
        }

        builder.Append('"');
    }
}
