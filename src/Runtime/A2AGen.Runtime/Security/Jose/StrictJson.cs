using System.Text.Json;

namespace A2AGen.Security;

/// <summary>Small strict-JSON helpers for keys and key sets (not on hot paths): duplicates and wrong types are errors.</summary>
internal static class StrictJson
{
    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 16 };

    public static JsonDocument Parse(ReadOnlySpan<byte> utf8Json, string what)
    {
        try
        {
            var reader = new Utf8JsonReader(utf8Json, new JsonReaderOptions { MaxDepth = Options.MaxDepth });
            return JsonDocument.ParseValue(ref reader);
        }
        catch (JsonException e)
        {
            throw new FormatException($"The {what} is not valid JSON: {e.Message}", e);
        }
    }

    public static void RequireObjectWithoutDuplicates(JsonElement element, string what)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException($"The {what} must be a JSON object.");
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            if (!names.Add(property.Name))
            {
                throw new FormatException($"The {what} has the member '{property.Name}' twice.");
            }
        }
    }

    public static string RequiredString(JsonElement element, string name, string what) =>
        OptionalString(element, name, what) ?? throw new FormatException($"The {what} has no '{name}'.");

    public static string? OptionalString(JsonElement element, string name, string what)
    {
        if (!element.TryGetProperty(name, out var value))
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : throw new FormatException($"The {what} member '{name}' must be a string.");
    }
}
