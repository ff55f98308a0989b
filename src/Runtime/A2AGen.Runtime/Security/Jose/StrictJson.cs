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
            // In A2AGen's words: System.Text.Json's message quotes the input.
            throw new FormatException($"The {what} is not valid JSON: {A2AGen.Protocol.Serialization.JsonTextCheck.DescribeSyntaxError(utf8Json, Options.MaxDepth)}.", e);
        }
    }

    public static void RequireObjectWithoutDuplicates(JsonElement element, string what)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException($"The {what} must be a JSON object.");
        }

        // Before any member is read: text that is not valid Unicode cannot be read as a string.
        if (A2AGen.Protocol.Serialization.JsonTextCheck.FindInvalidUnicode(System.Runtime.InteropServices.JsonMarshal.GetRawUtf8Value(element)) is { } invalid)
        {
            throw new FormatException($"The {what} has text that is not valid Unicode (an unpaired surrogate escape, or bytes that are not UTF-8) at '{CallerText.Sanitize(invalid)}'.");
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            if (!names.Add(property.Name))
            {
                throw new FormatException($"The {what} has the member '{CallerText.Sanitize(property.Name)}' twice.");
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
