namespace A2AGen.Passport.Tests.Agents;

/// <summary>The state a marketing agent shares with the finance database: the query and its access scope.</summary>
public sealed record FinanceState(string QueryType, IReadOnlyList<string> AccessScope);

/// <summary>
/// Seed scenario 4 (secure database access, strict permissions): a high-privilege skill. By default it requires a
/// signed request and a signed passport, and it requires the <c>access_scope</c> key.
/// </summary>
[A2AAgent(Id, Name = "Finance Agent", Description = "Answers revenue queries for callers whose passport grants access.",
    DefaultInputModes = ["text/plain"], DefaultOutputModes = ["text/plain"])]
[PassportKeys(typeof(FinanceState))]
public sealed partial class FinanceAgent
{
    public const string Id = "finance-agent";

    [Skill("quarterly-revenue", Description = "Reports quarterly revenue.", Tags = ["finance"], Privilege = SkillPrivilege.High,
        RequiredPassportKeys = ["access_scope"])]
    public string QuarterlyRevenue(string quarter, FinanceAgentPassport passport, SkillContext context) =>
        passport.AccessScope?.Contains("read:finance_db") == true
            ? $"{passport.QueryType} {quarter}: 1.2M; for {passport.ClientId} (request by {context.CallerId}); verified={passport.IsSignatureVerified}"
            : $"access denied for {passport.ClientId}: no read:finance_db in access_scope";
}
