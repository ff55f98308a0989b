using System.Text.Json;
using System.Text.Json.Serialization;

namespace TravelDesk.Currency;

/// <summary>JSON metadata for the agent's own types (no reflection; callers may use it to read quotes).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(ConversionQuote))]
public sealed partial class CurrencyJson : JsonSerializerContext;
