using System.Text.Json;
using A2AGen.Protocol.Serialization;

namespace A2AGen.Hosting;

/// <summary>Reads a method's <c>params</c> into its protocol type; a value that does not fit names the field (-32602).</summary>
internal static class ParamsReader
{
    public static A2AError? Read<T>(A2ARequest request, out T? value)
        where T : class
    {
        request.Stage = "params";
        value = null;
        var parameters = request.Envelope!.Params;
        if (parameters.ValueKind == JsonValueKind.Undefined)
        {
            return A2AError.InvalidParams("params", $"{request.Method} needs a params object.");
        }

        try
        {
            value = A2AJson.Deserialize<T>(parameters);
        }
        catch (JsonException ex)
        {
            return A2AError.InvalidParams(FieldOf(ex.Path), Describe(ex.Message));
        }

        return value is null ? A2AError.InvalidParams("params", $"{request.Method} needs a params object.") : null;
    }

    /// <summary><c>$.message.parts[0]</c> → <c>params.message.parts[0]</c>.</summary>
    public static string FieldOf(string? jsonPath) =>
        string.IsNullOrEmpty(jsonPath) || jsonPath == "$" ? "params" : "params" + jsonPath.AsSpan(1).ToString();

    private static string Describe(string message)
    {
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        var text = cut > 0 ? message[..cut] : message;
        return "has an invalid value: " + A2AError.Truncate(text, 300);
    }
}
