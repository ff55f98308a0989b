using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace A2AGen.Passport;

/// <summary>
/// Builds a passport's <c>state</c> from a dictionary or a typed object. For agents declaring
/// <c>[PassportKeys(typeof(T))]</c>, serialize <c>T</c> with the keys the generated passport reads:
/// <c>[JsonPropertyName]</c> or snake_case names (<c>JsonNamingPolicy.SnakeCaseLower</c>).
/// </summary>
public static class PassportState
{
    /// <summary>State from string values (<c>{"user_preferred_currency": "GBP"}</c>).</summary>
    /// <param name="values">Keys and values.</param>
    public static IReadOnlyDictionary<string, JsonElement> FromStrings(IEnumerable<KeyValuePair<string, string>> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var state = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var (key, value) in values)
        {
            ArgumentNullException.ThrowIfNull(key, nameof(values));
            state.Add(key, JsonSerializer.SerializeToElement(value, PassportValuesJsonContext.Default.String));
        }

        return state;
    }

    /// <summary>State from JSON values.</summary>
    /// <param name="values">Keys and values (each a defined JSON value).</param>
    public static IReadOnlyDictionary<string, JsonElement> FromJson(IEnumerable<KeyValuePair<string, JsonElement>> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var state = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var (key, value) in values)
        {
            ArgumentNullException.ThrowIfNull(key, nameof(values));
            if (value.ValueKind == JsonValueKind.Undefined)
            {
                throw new ArgumentException($"The state key '{key}' has no value (default JsonElement).", nameof(values));
            }

            state.Add(key, value.Clone());
        }

        return state;
    }

    /// <summary>State from a JSON object (its members become the keys).</summary>
    /// <param name="jsonObject">A JSON object.</param>
    /// <exception cref="ArgumentException">The value is not a JSON object.</exception>
    public static IReadOnlyDictionary<string, JsonElement> FromJsonObject(JsonElement jsonObject)
    {
        if (jsonObject.ValueKind != JsonValueKind.Object)
        {
            throw new ArgumentException($"A passport state is a JSON object, not {jsonObject.ValueKind}.", nameof(jsonObject));
        }

        var state = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var property in jsonObject.EnumerateObject())
        {
            if (!state.TryAdd(property.Name, property.Value.Clone()))
            {
                throw new ArgumentException($"The state repeats the key '{property.Name}'.", nameof(jsonObject));
            }
        }

        return state;
    }

    /// <summary>State from a typed object, serialized with <paramref name="typeInfo"/> (a source-generated context keeps this AOT-safe).</summary>
    /// <typeparam name="TState">The state type.</typeparam>
    /// <param name="state">The state.</param>
    /// <param name="typeInfo">Its JSON metadata; it must serialize to a JSON object.</param>
    public static IReadOnlyDictionary<string, JsonElement> FromObject<TState>(TState state, JsonTypeInfo<TState> typeInfo)
    {
        ArgumentNullException.ThrowIfNull(typeInfo);
        return FromJsonObject(JsonSerializer.SerializeToElement(state, typeInfo));
    }
}
