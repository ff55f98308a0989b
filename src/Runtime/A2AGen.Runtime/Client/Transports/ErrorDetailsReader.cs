using System.Text.Json;

namespace A2AGen.Client;

/// <summary>
/// Reads the details of an A2A error — the <c>google.rpc.ErrorInfo</c> (reason, domain, metadata) and a
/// <c>google.rpc.BadRequest</c> field violation — from the array JSON-RPC carries in <c>error.data</c> and HTTP+JSON in
/// <c>error.details</c>.
/// </summary>
internal static class ErrorDetailsReader
{
    public readonly record struct Details(string? Reason, string? Domain, string? Field, IReadOnlyDictionary<string, string> Metadata);

    public static Details Read(JsonElement array)
    {
        string? reason = null, domain = null, field = null;
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        if (array.ValueKind == JsonValueKind.Array)
        {
            foreach (var detail in array.EnumerateArray())
            {
                if (detail.ValueKind != JsonValueKind.Object || !detail.TryGetProperty("@type"u8, out var type) || type.ValueKind != JsonValueKind.String)
                {
                    continue;
                }

                var typeName = type.GetString()!;
                if (typeName.EndsWith("google.rpc.ErrorInfo", StringComparison.Ordinal))
                {
                    reason = StringOf(detail, "reason");
                    domain = StringOf(detail, "domain");
                    if (detail.TryGetProperty("metadata"u8, out var entries) && entries.ValueKind == JsonValueKind.Object)
                    {
                        foreach (var entry in entries.EnumerateObject())
                        {
                            if (entry.Value.ValueKind == JsonValueKind.String)
                            {
                                metadata[entry.Name] = entry.Value.GetString()!;
                            }
                        }
                    }
                }
                else if (typeName.EndsWith("google.rpc.BadRequest", StringComparison.Ordinal)
                    && detail.TryGetProperty("fieldViolations"u8, out var violations) && violations.ValueKind == JsonValueKind.Array && violations.GetArrayLength() > 0)
                {
                    field = StringOf(violations[0], "field");
                }
            }
        }

        return new Details(reason, domain, field ?? metadata.GetValueOrDefault("field"), metadata);
    }

    private static string? StringOf(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
