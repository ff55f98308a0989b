using System.Text.Json;
using A2AGen.Protocol.Serialization;

namespace A2AGen.Hosting;

/// <summary>
/// Reads a JSON value (JSON-RPC <c>params</c>, an HTTP+JSON body) into an operation's typed request; a value that does
/// not fit answers invalid parameters with the field and what was expected (<c>params.message.parts[0]: expected an
/// object, got a number</c>), in A2AGen's own words.
/// </summary>
internal static class RequestReader
{
    /// <param name="json">The value to read.</param>
    /// <param name="root">The field path of <paramref name="json"/> in the request (<c>params</c>), empty for the whole body.</param>
    /// <param name="operation">The operation's name, for the message when the value is absent.</param>
    /// <param name="value">The typed request.</param>
    public static A2AError? Read<T>(JsonElement json, string root, string operation, out T? value)
        where T : class
    {
        value = null;
        var name = root.Length == 0 ? "body" : root;
        if (json.ValueKind == JsonValueKind.Undefined)
        {
            return A2AError.InvalidParams(name, $"{operation} needs a {name} object.");
        }

        try
        {
            value = A2AJson.Deserialize<T>(json);
        }
        catch (JsonException ex)
        {
            var problem = JsonMismatch.Describe(A2AJson.GetTypeInfo<T>(), ex.Path, json, out var segments);
            var path = JsonPaths.Format(root, segments).TrimStart('.');
            return A2AError.InvalidParams(path.Length == 0 ? name : path, problem);
        }
        catch (Exception ex) when (ex is InvalidOperationException or FormatException or OverflowException)
        {
            return A2AError.InvalidParams(name, "has a value that does not fit.");
        }

        return value is null ? A2AError.InvalidParams(name, $"{operation} needs a {name} object.") : null;
    }
}
