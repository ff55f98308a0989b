using System.Text;
using System.Text.Json;

namespace TravelDesk.Orchestrator;

/// <summary>Builds passport state values (JSON strings and string arrays) without reflection.</summary>
public static class PassportState
{
    /// <summary>A JSON string.</summary>
    /// <param name="value">The text.</param>
    public static JsonElement String(string value) => Write(w => w.WriteStringValue(value));

    /// <summary>A JSON array of strings.</summary>
    /// <param name="values">The texts.</param>
    public static JsonElement Strings(params string[] values) => Write(w =>
    {
        w.WriteStartArray();
        foreach (var value in values)
        {
            w.WriteStringValue(value);
        }

        w.WriteEndArray();
    });

    private static JsonElement Write(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }

        using var document = JsonDocument.Parse(buffer.ToArray());
        return document.RootElement.Clone();
    }

    /// <summary>The state as readable text, for the table.</summary>
    /// <param name="state">Passport state.</param>
    public static string Describe(IReadOnlyDictionary<string, JsonElement> state)
    {
        var text = new StringBuilder();
        foreach (var (key, value) in state)
        {
            text.Append(text.Length == 0 ? "" : ", ").Append(key).Append('=').Append(value.GetRawText());
        }

        return text.ToString();
    }
}
