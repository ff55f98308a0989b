using System.Text.Json.Serialization;

namespace A2AGen.Passport;

/// <summary>JSON metadata for the plain values the passport helpers write.</summary>
[JsonSerializable(typeof(string))]
internal sealed partial class PassportValuesJsonContext : JsonSerializerContext;
