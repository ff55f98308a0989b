using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using A2AGen.Security;

namespace A2AGen.Protocol.Serialization;

/// <summary>
/// Describes a value that does not fit its type — the System.Text.Json error at a path — in A2AGen's own words, from
/// the JSON metadata of the type: <c>expected an array, got a string</c>, <c>expected one of ROLE_USER, ROLE_AGENT
/// (got "ROLE_NOPE")</c>. Never a .NET type name, never System.Text.Json's message.
/// </summary>
// Public for A2AGen.Hosting (no InternalsVisibleTo between the packages); not meant for user code.
[System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
public static class JsonMismatch
{
    private const int MaxQuotedValue = 40;

    /// <summary>What was expected at <paramref name="systemTextJsonPath"/> and what came.</summary>
    /// <param name="root">The metadata of the type read.</param>
    /// <param name="systemTextJsonPath"><see cref="JsonException.Path"/> (<c>$.message.parts[0]</c>).</param>
    /// <param name="value">The JSON that was read.</param>
    /// <param name="segments">The path's members and indexes (empty at the root).</param>
    public static string Describe(JsonTypeInfo root, string? systemTextJsonPath, JsonElement value, out IReadOnlyList<object> segments)
    {
        if (!JsonPaths.TryParseSystemTextJsonPath(systemTextJsonPath, out var parsed))
        {
            segments = [];
            return "has a value that does not fit";
        }

        segments = parsed;
        JsonTypeInfo? info = root;
        JsonElement? current = value;
        foreach (var segment in parsed)
        {
            info = info is null ? null : Step(info, segment);
            current = current is { } element ? Step(element, segment) : null;
        }

        var expected = info is null ? null : Expected(info);
        var got = current is { } found ? Kind(found) : null;
        if (expected is null)
        {
            return got is null ? "has a value that does not fit" : $"has a value that does not fit (got {got})";
        }

        if (got is null || SameKind(expected, current!.Value))
        {
            return current is { ValueKind: JsonValueKind.String or JsonValueKind.Number } scalar
                ? $"expected {expected} (got {Quoted(scalar)})"
                : $"expected {expected}";
        }

        return $"expected {expected}, got {got}";
    }

    private static JsonTypeInfo? Step(JsonTypeInfo info, object segment)
    {
        var options = info.Options;
        if (segment is int)
        {
            return info.Kind == JsonTypeInfoKind.Enumerable && info.ElementType is { } element ? options.GetTypeInfo(element) : null;
        }

        var name = (string)segment;
        switch (info.Kind)
        {
            case JsonTypeInfoKind.Object:
                foreach (var property in info.Properties)
                {
                    if (string.Equals(property.Name, name, StringComparison.Ordinal))
                    {
                        return options.GetTypeInfo(property.PropertyType);
                    }
                }

                return null;
            case JsonTypeInfoKind.Dictionary:
                return info.ElementType is { } valueType ? options.GetTypeInfo(valueType) : null;
            default:
                return null;
        }
    }

    private static JsonElement? Step(JsonElement element, object segment)
    {
        if (segment is int index)
        {
            return element.ValueKind == JsonValueKind.Array && index < element.GetArrayLength() ? element[index] : null;
        }

        return element.ValueKind == JsonValueKind.Object && element.TryGetProperty((string)segment, out var member) ? member : null;
    }

    private static string? Expected(JsonTypeInfo info)
    {
        if (info.Converter is IProtoEnumNames names)
        {
            return "one of " + string.Join(", ", names.Names.Skip(1));
        }

        var type = Nullable.GetUnderlyingType(info.Type) ?? info.Type;
        if (type == typeof(string))
        {
            return "a string";
        }

        if (type == typeof(bool))
        {
            return "true or false";
        }

        if (type.IsEnum)
        {
            return "one of the type's names";
        }

        if (type == typeof(byte) || type == typeof(sbyte) || type == typeof(short) || type == typeof(ushort) || type == typeof(int) || type == typeof(uint)
            || type == typeof(long) || type == typeof(ulong) || type == typeof(float) || type == typeof(double) || type == typeof(decimal) || type == typeof(Half)
            || type == typeof(Int128) || type == typeof(UInt128))
        {
            return "a number";
        }

        if (type == typeof(DateTimeOffset) || type == typeof(DateTime))
        {
            return "an ISO 8601 date and time string";
        }

        if (type == typeof(DateOnly))
        {
            return "an ISO 8601 date string";
        }

        if (type == typeof(TimeSpan) || type == typeof(TimeOnly))
        {
            return "a time string";
        }

        if (type == typeof(Guid))
        {
            return "a GUID string";
        }

        if (type == typeof(Uri))
        {
            return "a URL string";
        }

        if (type == typeof(byte[]))
        {
            return "a base64 string";
        }

        if (type == typeof(JsonElement) || type == typeof(object))
        {
            return null;
        }

        return info.Kind switch
        {
            JsonTypeInfoKind.Object or JsonTypeInfoKind.Dictionary => "an object",
            JsonTypeInfoKind.Enumerable => "an array",
            _ => null,
        };
    }

    private static bool SameKind(string expected, JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => expected == "an object",
        JsonValueKind.Array => expected == "an array",
        JsonValueKind.Number => expected == "a number" || expected.StartsWith("one of", StringComparison.Ordinal),
        JsonValueKind.True or JsonValueKind.False => expected == "true or false",
        JsonValueKind.String => expected is not ("an object" or "an array" or "a number" or "true or false"),
        _ => false,
    };

    private static string Kind(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };

    // The raw JSON (quotes and escapes as sent): reading it as a string could fail for text that is not valid Unicode.
    private static string Quoted(JsonElement scalar) =>
        CallerText.Sanitize(System.Runtime.InteropServices.JsonMarshal.GetRawUtf8Value(scalar), MaxQuotedValue);
}
