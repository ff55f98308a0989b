using A2AGen;

namespace A2AGen.Cli.Tests.Agents;

/// <summary>
/// A generated agent for the card commands: an ordinary skill, a high-privilege one with a scope, a passport with
/// state keys, and a bearer scheme — so <c>card show</c> has every kind of hint to render.
/// </summary>
[A2AAgent("ledger-agent", Name = "Ledger Agent", Description = "Keeps the ledger the CLI tests read.", Version = "2.1.0",
    Organization = "A2AGen Tests", OrganizationUrl = "https://example.com/tests")]
[PassportKeys("account_id", "access_scope")]
[OAuth2ClientCredentials("oauth", "https://auth.example.com/token", Scopes = ["payments:write=Move money"])]
public partial class LedgerAgent
{
    [Skill("balance", Description = "Reads an account balance.", Tags = ["ledger"])]
    [DefaultSkill]
    public string Balance(string account) => $"{account}: 42.00";

    [Skill("statement", Description = "Says who asked, as the passport tells it.", Tags = ["ledger"])]
    public string Statement(string month, LedgerAgentPassport? passport) =>
        passport is null ? "anonymous" : $"{passport.ClientId} verified={passport.IsSignatureVerified} account={passport.AccountId}";

    [Skill("refund-payment", Name = "Refund payment", Description = "Refunds a payment.", Tags = ["ledger", "payments"],
        Privilege = SkillPrivilege.High, RequiredScopes = ["payments:write"], RequiredPassportKeys = ["access_scope"])]
    public string Refund(string payment, LedgerAgentPassport passport) => $"refunded {payment} for {passport.ClientId}";
}
