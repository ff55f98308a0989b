using Microsoft.CodeAnalysis.Text;

namespace A2AGen.Analyzers.Tests.Infrastructure;

/// <summary>One expected diagnostic: its id and the span it must cover.</summary>
internal sealed record ExpectedSpan(string Id, TextSpan Span);

/// <summary>
/// Test sources with their expected diagnostics marked inline: <c>[|text|]</c> expects the test's default id on
/// <c>text</c>, <c>{|A2AG0001:text|}</c> an explicit id. Spans may nest.
/// </summary>
internal sealed class Markup
{
    private Markup(string source, IReadOnlyList<ExpectedSpan> expected)
    {
        Source = source;
        Expected = expected;
    }

    /// <summary>The source without markup.</summary>
    public string Source { get; }

    public IReadOnlyList<ExpectedSpan> Expected { get; }

    public static Markup Parse(string markup, string? defaultId)
    {
        var text = new System.Text.StringBuilder(markup.Length);
        var open = new Stack<(string Id, int Start)>();
        var expected = new List<ExpectedSpan>();
        var i = 0;
        while (i < markup.Length)
        {
            if (Starts(markup, i, "[|"))
            {
                open.Push((defaultId ?? throw new InvalidOperationException("'[|' needs a default id"), text.Length));
                i += 2;
            }
            else if (Starts(markup, i, "{|") && markup.IndexOf(':', i) is var colon and > 0)
            {
                open.Push((markup.Substring(i + 2, colon - i - 2), text.Length));
                i = colon + 1;
            }
            else if (Starts(markup, i, "|]") || Starts(markup, i, "|}"))
            {
                if (open.Count == 0)
                {
                    throw new InvalidOperationException($"Unbalanced markup at offset {i}");
                }

                var (id, start) = open.Pop();
                expected.Add(new ExpectedSpan(id, TextSpan.FromBounds(start, text.Length)));
                i += 2;
            }
            else
            {
                text.Append(markup[i]);
                i++;
            }
        }

        if (open.Count != 0)
        {
            throw new InvalidOperationException("Unclosed markup span");
        }

        return new Markup(text.ToString(), expected);
    }

    private static bool Starts(string text, int index, string token) =>
        string.CompareOrdinal(text, index, token, 0, token.Length) == 0;
}
