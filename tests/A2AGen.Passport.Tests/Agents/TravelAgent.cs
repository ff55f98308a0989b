using System.Text.Json.Serialization;

namespace A2AGen.Passport.Tests.Agents;

/// <summary>The state a travel portal shares: <c>destination</c>, <c>loyalty_tier</c> (snake_case keys) and <c>dates</c>.</summary>
public sealed record TravelState(string Destination, string LoyaltyTier, [property: JsonPropertyName("dates")] string[]? TravelDates = null);

/// <summary>
/// Seed scenario 2 (personalized travel booking, session data): a typed passport (<c>[PassportKeys(typeof(T))]</c>) and
/// a session id that ties several requests together. The skill requires a passport.
/// </summary>
[A2AAgent(Id, Name = "Travel Agent", Description = "Books trips with offers for the traveller's loyalty tier.",
    DefaultInputModes = ["text/plain"], DefaultOutputModes = ["text/plain"])]
[PassportKeys(typeof(TravelState))]
public sealed partial class TravelAgent
{
    public const string Id = "travel-agent";

    [Skill("book", Description = "Books a trip; Platinum members get the lounge offer.", Tags = ["travel"], RequirePassport = true)]
    public string Book(string request, TravelAgentPassport passport) =>
        $"{request}: {passport.Destination} for a {passport.LoyaltyTier} member{(passport.LoyaltyTier == "Platinum" ? " (lounge offer)" : "")}; " +
        $"dates={string.Join("/", passport.TravelDates ?? [])}; session={passport.SessionId ?? "-"}; client={passport.ClientId}; verified={passport.IsSignatureVerified}";
}
