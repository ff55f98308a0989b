using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace A2AGen.Provenance;

/// <summary>Writes a <see cref="JsonElement"/> as the UTF-8 it was parsed from (for digests only: it never reads).</summary>
internal sealed class RawJsonValueConverter : JsonConverter<JsonElement>
{
    public override JsonElement Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException("The digest's JSON options only write.");

    public override void Write(Utf8JsonWriter writer, JsonElement value, JsonSerializerOptions options)
    {
        if (value.ValueKind == JsonValueKind.Undefined)
        {
            value.WriteTo(writer); // throws as the default converter does
            return;
        }

        writer.WriteRawValue(JsonMarshal.GetRawUtf8Value(value), skipInputValidation: true);
    }
}
