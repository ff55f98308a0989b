using System.Buffers;
using System.Globalization;
using System.Text;

namespace A2AGen.Security;

/// <summary>
/// The one sanitizer for text a caller chose (header values, JWS <c>alg</c>/<c>typ</c>/<c>kid</c>, claim and member
/// names, JSON paths, certificate subjects) before it is quoted in an answer or a log line: characters that could
/// forge or hide log lines — C0 and C1 controls (CR, LF, ESC, …), DEL, line and paragraph separators, bidirectional
/// overrides — and unpaired surrogates are written as escapes (<c>\r</c>, <c>\n</c>, <c>\t</c>, <c>\u001b</c>), and
/// the result is capped at a length, so a request can neither start a new log line, move a terminal's cursor, nor
/// bloat an answer. Backslashes are left alone: a literal <c>\n</c> an attacker types stays on the same line.
/// </summary>
public static class CallerText
{
    /// <summary>The cap of a quoted value when the caller of <see cref="Sanitize(string?, int)"/> names none.</summary>
    public const int DefaultMaxLength = 80;

    /// <summary>What ends a value that was cut.</summary>
    public const string Ellipsis = "…";

    // Everything that is not escaped is appended as it is; these never are.
    private static readonly SearchValues<char> Unsafe = SearchValues.Create(BuildUnsafe());

    /// <summary>
    /// <paramref name="value"/> fit to quote: at most <paramref name="maxLength"/> characters (an ellipsis marks a cut,
    /// and a cut never splits an escape or a surrogate pair), with every unsafe character escaped.
    /// </summary>
    /// <param name="value">The caller's text (null reads as empty).</param>
    /// <param name="maxLength">The longest result, at least 8.</param>
    public static string Sanitize(string? value, int maxLength = DefaultMaxLength) =>
        value is null ? "" : Sanitize(value.AsSpan(), maxLength, value);

    /// <summary><see cref="Sanitize(string?, int)"/> for a span.</summary>
    /// <param name="value">The caller's text.</param>
    /// <param name="maxLength">The longest result, at least 8.</param>
    public static string Sanitize(ReadOnlySpan<char> value, int maxLength = DefaultMaxLength) => Sanitize(value, maxLength, original: null);

    /// <summary>UTF-8 caller text (invalid sequences read as U+FFFD), sanitized.</summary>
    /// <param name="utf8">The caller's bytes.</param>
    /// <param name="maxLength">The longest result, at least 8.</param>
    public static string Sanitize(ReadOnlySpan<byte> utf8, int maxLength = DefaultMaxLength)
    {
        // Decoding more than the cap could show is wasted work. Four bytes give at least one char, so a cut slice
        // still decodes to more than the cap, and the result ends with the ellipsis.
        var slice = utf8.Length > (maxLength + 1) * 4 ? utf8[..((maxLength + 1) * 4)] : utf8;
        return Sanitize(Encoding.UTF8.GetString(slice), maxLength);
    }

    private static string Sanitize(ReadOnlySpan<char> value, int maxLength, string? original)
    {
        maxLength = Math.Max(maxLength, 8);
        if (value.Length <= maxLength && FirstUnsafe(value) < 0)
        {
            return original ?? value.ToString();
        }

        var builder = new StringBuilder(Math.Min(value.Length, maxLength) + 8);
        var budget = maxLength - Ellipsis.Length;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            var pair = char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]);
            var width = pair ? 2 : IsUnsafe(c) ? EscapeLength(c) : 1;
            // The last piece may use the room the ellipsis would have taken only if nothing follows it.
            var room = i + (pair ? 2 : 1) == value.Length ? maxLength : budget;
            if (builder.Length + width > room)
            {
                builder.Append(Ellipsis);
                return builder.ToString();
            }

            if (pair)
            {
                builder.Append(c).Append(value[++i]);
            }
            else if (width == 1)
            {
                builder.Append(c);
            }
            else
            {
                AppendEscape(builder, c);
            }
        }

        return builder.ToString();
    }

    private static int FirstUnsafe(ReadOnlySpan<char> value)
    {
        for (var start = 0; ;)
        {
            var found = value[start..].IndexOfAny(Unsafe);
            if (found < 0)
            {
                return -1;
            }

            var index = start + found;
            var c = value[index];
            // A surrogate is unsafe only when unpaired.
            if (char.IsHighSurrogate(c) && index + 1 < value.Length && char.IsLowSurrogate(value[index + 1]))
            {
                start = index + 2;
                continue;
            }

            if (char.IsLowSurrogate(c) && index > 0 && char.IsHighSurrogate(value[index - 1]))
            {
                start = index + 1;
                continue;
            }

            return index;
        }
    }

    private static bool IsUnsafe(char c) => Unsafe.Contains(c);

    private static int EscapeLength(char c) => c is '\r' or '\n' or '\t' ? 2 : 6;

    private static void AppendEscape(StringBuilder builder, char c)
    {
        switch (c)
        {
            case '\r':
                builder.Append("\\r");
                break;
            case '\n':
                builder.Append("\\n");
                break;
            case '\t':
                builder.Append("\\t");
                break;
            default:
                builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                break;
        }
    }

    private static string BuildUnsafe()
    {
        var unsafeChars = new StringBuilder();
        for (var c = '\u0000'; c <= '\u001f'; c++)
        {
            unsafeChars.Append(c);
        }

        for (var c = '\u007f'; c <= '\u009f'; c++)
        {
            unsafeChars.Append(c);
        }

        // Line and paragraph separators end lines for some viewers; bidirectional marks, embeddings, overrides and
        // isolates reorder what a reader sees.
        unsafeChars.Append("\u2028\u2029\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff");
        for (var c = '\ud800'; c <= '\udfff'; c++)
        {
            unsafeChars.Append(c);
        }

        return unsafeChars.ToString();
    }
}
