namespace A2AGen.Fuzz;

/// <summary>A property the code under test promises, checked on every input; a broken one is a finding like a crash.</summary>
internal static class FuzzInvariant
{
    public static void Check(bool holds, string what)
    {
        if (!holds)
        {
            throw new FuzzInvariantException(what);
        }
    }

    /// <summary>
    /// Text that reaches an answer or a log line carries no character that could forge or hide a log line (the
    /// promise of <c>CallerText</c>): no C0/C1 control, DEL, line or paragraph separator, bidi control, or lone surrogate.
    /// </summary>
    public static void SafeText(string? text, string what)
    {
        if (text is null)
        {
            return;
        }

        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
                continue;
            }

            if (c < 0x20 || c is >= '\u007f' and <= '\u009f' || c is '\u2028' or '\u2029' || c is >= '\u202a' and <= '\u202e' || c is >= '\u2066' and <= '\u2069' || char.IsSurrogate(c))
            {
                throw new FuzzInvariantException($"{what} carries the unescaped character U+{(int)c:X4}: {text.Replace("\u001b", "\\e", StringComparison.Ordinal)}");
            }
        }
    }
}

/// <summary>A broken invariant.</summary>
internal sealed class FuzzInvariantException(string message) : Exception(message);
