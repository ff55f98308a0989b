using System.Text.Json.Serialization;

namespace A2AGen.Passport.Tests.Infrastructure;

/// <summary>
/// The tests' own source-generated JSON metadata for typed passport state, with the snake_case names the generated
/// passports read (<c>JsonNamingPolicy.SnakeCaseLower</c>).
/// </summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(TravelState))]
[JsonSerializable(typeof(FinanceState))]
[JsonSerializable(typeof(int))]
public sealed partial class TestJson : JsonSerializerContext;
