using System.Globalization;
using System.Text;

namespace A2AGen.Hosting.Tests.Infrastructure;

/// <summary>
/// Text an attacker chooses to forge log lines and bloat answers (issue 11 §4): CR and LF followed by a fake log
/// line, terminal escape sequences, a line separator, a bidirectional override, and filler up to 1.4 KB of JSON; and the
/// checks that an answer or a log line carries none of it unescaped.
/// </summary>
public static class HostileText
{
    /// <summary>The filler run; an answer or log line that quotes the hostile text must cut it short.</summary>
    public static readonly string Filler = new('Z', 1250);

    /// <summary>The forged console line with colour escapes, a line separator and a right-to-left override.</summary>
    public static readonly string Forgery = "x\r\nwarn: A2AGen.Hosting[1002] forged \u001b[31mRED\u001b[0m\u001b[2J \u2028 \u202edesrever\u0085\u0007\u0000";

    /// <summary>The forgery, then the filler: about 1.4 KB as JSON, which still fits a JWS protected header (2 KiB encoded).</summary>
    public static readonly string Text = Forgery + Filler;

    /// <summary>A JSON string literal of <paramref name="value"/> with every non-ASCII and control character as a <c>\uXXXX</c> escape (lone surrogates survive).</summary>
    public static string Json(string value)
    {
        var builder = new StringBuilder(value.Length + 16).Append('"');
        foreach (var c in value)
        {
            if (c is '"' or '\\')
            {
                builder.Append('\\').Append(c);
            }
            else if (c < 0x20 || c > 0x7e)
            {
                builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.Append('"').ToString();
    }

    /// <summary>Whether <paramref name="text"/> is fit for one log line or answer: no control character, separator, bidi control or lone surrogate, and no long run of the filler.</summary>
    public static void AssertClean(string text, string where, int maxLength = 4096)
    {
        Assert.True(text.Length <= maxLength, $"{where}: {text.Length} characters (more than {maxLength})");
        Assert.DoesNotContain(new string('Z', 300), text, StringComparison.Ordinal);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var unsafeChar = c < 0x20 || c is >= '\u007f' and <= '\u009f' || c is '\u2028' or '\u2029' or (>= '\u202a' and <= '\u202e') or (>= '\u2066' and <= '\u2069') or '\u200e' or '\u200f';
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
                continue;
            }

            unsafeChar |= char.IsSurrogate(c);
            Assert.False(unsafeChar, $"{where}: U+{(int)c:X4} at {i} in: {text[..Math.Min(text.Length, 200)]}");
        }
    }

    /// <summary>Checks the whole answer: valid UTF-8 JSON, and every string in <c>error</c> clean.</summary>
    public static void AssertCleanReply(Reply reply, string where)
    {
        Assert.True(reply.IsError, $"{where}: expected an error, got {reply.Raw[..Math.Min(reply.Raw.Length, 300)]}");
        Assert.True(reply.Raw.Length < 8192, $"{where}: the answer is {reply.Raw.Length} characters");
        foreach (var text in Strings(reply.Error))
        {
            AssertClean(text, where + " (answer)", A2AErrorMaxMessage);
        }
    }

    /// <summary>Every A2AGen log line so far is clean.</summary>
    public static void AssertCleanLogs(TestLogSink logs, string where)
    {
        foreach (var entry in logs.Entries.Where(e => e.Category.StartsWith("A2AGen", StringComparison.Ordinal)))
        {
            AssertClean(entry.Message, $"{where} (log {entry.EventId.Id})");
        }
    }

    private const int A2AErrorMaxMessage = 2048;

    private static IEnumerable<string> Strings(System.Text.Json.JsonElement element)
    {
        switch (element.ValueKind)
        {
            case System.Text.Json.JsonValueKind.String:
                yield return element.GetString()!;
                break;
            case System.Text.Json.JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    yield return property.Name;
                    foreach (var inner in Strings(property.Value))
                    {
                        yield return inner;
                    }
                }

                break;
            case System.Text.Json.JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    foreach (var inner in Strings(item))
                    {
                        yield return inner;
                    }
                }

                break;
        }
    }
}
