using System.Text.Json;
using A2AGen.Protocol.Serialization;

namespace A2AGen.Hosting;

/// <summary>
/// Reads a method's <c>params</c> into its protocol type; a value that does not fit answers -32602 with the field and
/// what was expected (<c>params.message.parts[0]: expected an object, got a number</c>), in A2AGen's own words.
/// </summary>
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
            var problem = JsonMismatch.Describe(A2AJson.GetTypeInfo<T>(), ex.Path, parameters, out var segments);
            return A2AError.InvalidParams(JsonPaths.Format("params", segments), problem);
        }
        catch (Exception ex) when (ex is InvalidOperationException or FormatException or OverflowException)
        {
            return A2AError.InvalidParams("params", "has a value that does not fit.");
        }

        return value is null ? A2AError.InvalidParams("params", $"{request.Method} needs a params object.") : null;
    }
}
