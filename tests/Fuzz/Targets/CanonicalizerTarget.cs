using System.Text.Json;
using A2AGen.Security;

namespace A2AGen.Fuzz.Targets;

/// <summary>
/// The RFC 8785 canonicalizer (what passport and card signatures cover). The only documented refusal is
/// <see cref="FormatException"/>. What it writes must be JSON, canonical by its own check, and a fixed point.
/// </summary>
internal static class CanonicalizerTarget
{
    public static void Run(byte[] data)
    {
        byte[] canonical;
        try
        {
            canonical = JsonCanonicalizer.Canonicalize(data);
        }
        catch (FormatException e)
        {
            FuzzInvariant.SafeText(e.Message, "a canonicalization refusal");
            FuzzInvariant.Check(!JsonCanonicalizer.IsCanonical(data), "input the canonicalizer refuses is not canonical");
            return;
        }

        using (JsonDocument.Parse(canonical, new JsonDocumentOptions { MaxDepth = 1024 }))
        {
        }

        FuzzInvariant.Check(JsonCanonicalizer.IsCanonical(canonical), "the canonical form passes IsCanonical");
        FuzzInvariant.Check(JsonCanonicalizer.Canonicalize(canonical).AsSpan().SequenceEqual(canonical), "canonicalizing the canonical form changes nothing");
        // An Agent Card's signing input: the same document without its top-level "signatures".
        JsonCanonicalizer.CanonicalizeWithout(data, "signatures"u8);
        if (JsonCanonicalizer.IsCanonical(data))
        {
            FuzzInvariant.Check(canonical.AsSpan().SequenceEqual(data), "input that IsCanonical accepts is its own canonical form");
        }
    }
}
