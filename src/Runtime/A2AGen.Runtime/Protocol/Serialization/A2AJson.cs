using System.Collections;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace A2AGen.Protocol.Serialization;

/// <summary>
/// ProtoJSON for the A2A protocol types: camelCase names, enum names (<c>TASK_STATE_COMPLETED</c>), and no empty
/// strings, arrays, objects or nulls on output; camelCase or snake_case names and names or numbers for enums on
/// input. Source-generated metadata only: no reflection.
/// </summary>
public static class A2AJson
{
    // REQUIRED fields that must be written even when empty (ListTasksResponse: all four are required).
    private static readonly HashSet<(Type, string)> AlwaysWritten =
    [
        (typeof(ListTasksResponse), "tasks"),
        (typeof(ListTasksResponse), "nextPageToken"),
        (typeof(ListTaskPushNotificationConfigsResponse), "configs"),
    ];

    /// <summary>Serializer options carrying the protocol's source-generated metadata and ProtoJSON rules.</summary>
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    /// <summary>The metadata of a protocol type.</summary>
    /// <typeparam name="T">A protocol type.</typeparam>
    public static JsonTypeInfo<T> GetTypeInfo<T>() => TypeInfoCache<T>.Value;

    /// <summary>Serializes to UTF-8 JSON.</summary>
    /// <typeparam name="T">A protocol type.</typeparam>
    /// <param name="value">The value.</param>
    public static byte[] SerializeToUtf8Bytes<T>(T value) => JsonSerializer.SerializeToUtf8Bytes(value, GetTypeInfo<T>());

    /// <summary>Serializes to a JSON string.</summary>
    /// <typeparam name="T">A protocol type.</typeparam>
    /// <param name="value">The value.</param>
    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, GetTypeInfo<T>());

    /// <summary>Serializes to a writer.</summary>
    /// <typeparam name="T">A protocol type.</typeparam>
    /// <param name="writer">The writer.</param>
    /// <param name="value">The value.</param>
    public static void Serialize<T>(Utf8JsonWriter writer, T value) => JsonSerializer.Serialize(writer, value, GetTypeInfo<T>());

    /// <summary>Serializes to a <see cref="JsonElement"/>.</summary>
    /// <typeparam name="T">A protocol type.</typeparam>
    /// <param name="value">The value.</param>
    public static JsonElement SerializeToElement<T>(T value) => JsonSerializer.SerializeToElement(value, GetTypeInfo<T>());

    /// <summary>Reads a protocol value from UTF-8 JSON, accepting camelCase and snake_case names.</summary>
    /// <typeparam name="T">A protocol type.</typeparam>
    /// <param name="utf8Json">The JSON.</param>
    /// <exception cref="JsonException">The JSON is malformed or does not fit <typeparamref name="T"/>.</exception>
    public static T? Deserialize<T>(ReadOnlySpan<byte> utf8Json)
    {
        if (ProtoJsonNormalizer.NeedsNormalization(utf8Json))
        {
            return JsonSerializer.Deserialize(ProtoJsonNormalizer.Normalize(utf8Json), GetTypeInfo<T>());
        }

        return JsonSerializer.Deserialize(utf8Json, GetTypeInfo<T>());
    }

    /// <summary>Reads a protocol value from a JSON string, accepting camelCase and snake_case names.</summary>
    /// <typeparam name="T">A protocol type.</typeparam>
    /// <param name="json">The JSON.</param>
    public static T? Deserialize<T>(string json) => Deserialize<T>(System.Text.Encoding.UTF8.GetBytes(json));

    /// <summary>Reads a protocol value from a <see cref="JsonElement"/>, accepting camelCase and snake_case names.</summary>
    /// <typeparam name="T">A protocol type.</typeparam>
    /// <param name="element">The element.</param>
    public static T? Deserialize<T>(JsonElement element) => Deserialize<T>(JsonMarshal.GetRawUtf8(element));

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(A2AJsonContext.Default.Options)
        {
            TypeInfoResolver = A2AJsonContext.Default.WithAddedModifier(OmitEmptyValues),
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };
        options.MakeReadOnly();
        return options;
    }

    // ProtoJSON omits default values; A2AGen never writes empty strings or empty collections (DESIGN §6.1), so the
    // spec's canonical form and the official SDKs' empty-stripped form are the same bytes.
    private static void OmitEmptyValues(JsonTypeInfo typeInfo)
    {
        if (typeInfo.Kind != JsonTypeInfoKind.Object)
        {
            return;
        }

        foreach (var property in typeInfo.Properties)
        {
            if (AlwaysWritten.Contains((typeInfo.Type, property.Name)))
            {
                continue;
            }

            if (property.PropertyType == typeof(string))
            {
                property.ShouldSerialize = static (_, value) => !string.IsNullOrEmpty((string?)value);
            }
            else if (typeof(IEnumerable).IsAssignableFrom(property.PropertyType))
            {
                property.ShouldSerialize = static (_, value) => value is ICollection collection ? collection.Count > 0 : value is not null;
            }
        }
    }

    private static class TypeInfoCache<T>
    {
        public static readonly JsonTypeInfo<T> Value = (JsonTypeInfo<T>)Options.GetTypeInfo(typeof(T));
    }
}

/// <summary>Raw UTF-8 access to a <see cref="JsonElement"/> without re-serializing.</summary>
file static class JsonMarshal
{
    public static ReadOnlySpan<byte> GetRawUtf8(JsonElement element) =>
        System.Runtime.InteropServices.JsonMarshal.GetRawUtf8Value(element);
}
