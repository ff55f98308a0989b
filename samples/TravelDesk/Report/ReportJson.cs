using System.Text.Json;
using System.Text.Json.Serialization;

namespace TravelDesk.Report;

/// <summary>JSON metadata for the travel desk's own types (no reflection; callers may use it to read reports).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(TravelReport))]
public sealed partial class ReportJson : JsonSerializerContext;
