namespace A2AGen.Passport.Tests.Infrastructure;

/// <summary>Passport state written as JSON, as the seed document shows it.</summary>
public static class State
{
    public static IReadOnlyDictionary<string, JsonElement> Of(string json) =>
        PassportState.FromJsonObject(JsonDocument.Parse(json).RootElement);
}
