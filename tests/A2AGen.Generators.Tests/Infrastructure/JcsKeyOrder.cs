using System.Text.Json;

namespace A2AGen.Generators.Tests.Infrastructure;

/// <summary>RFC 8785 member order, checked on parsed JSON (the bytes are checked against the runtime canonicalizer).</summary>
internal static class JcsKeyOrder
{
    /// <summary>Whether every object's member names are in RFC 8785 order (UTF-16 code units) and unique.</summary>
    public static bool IsSorted(JsonElement element)
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
                    if (!IsSorted(property.Value))
                    {
                        return false;
                    }
                }

                return true;
            case JsonValueKind.Array:
                return element.EnumerateArray().All(IsSorted);
            default:
                return true;
        }
    }
}
