namespace A2AGen.Passport.Tests.Agents;

/// <summary>
/// Seed scenario 1 (currency conversion, high trust): the orchestrator's signed passport carries the user's preferred
/// currency. String keys: the generated passport has <c>UserPreferredCurrency</c> and <c>UserId</c> as <c>string?</c>.
/// </summary>
[A2AAgent(Id, Name = "Currency Agent", Description = "Shows prices in the caller's preferred currency.", Streaming = true,
    DefaultInputModes = ["text/plain"], DefaultOutputModes = ["text/plain"])]
[PassportKeys("user_preferred_currency", "user_id")]
public sealed partial class CurrencyAgent
{
    public const string Id = "currency-agent";

    [Skill("convert", Description = "Shows an amount in the user's preferred currency.", Tags = ["finance", "currency"])]
    public string Convert(string amount, CurrencyAgentPassport? passport) => passport is null
        ? $"{amount} in USD (no passport)"
        : $"{amount} in {passport.UserPreferredCurrency ?? "USD"} for {passport.UserId ?? "-"}; client={passport.ClientId}; verified={passport.IsSignatureVerified}";
}
