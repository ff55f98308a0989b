using System.Text.Json;
using System.Text.Json.Serialization;

namespace TravelDesk.Finance;

/// <summary>JSON metadata for the agent's own types (no reflection; callers may use it to read reports and write passports).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(RevenueReport))]
public sealed partial class FinanceJson : JsonSerializerContext;
