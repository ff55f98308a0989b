using System.Globalization;
using System.Text.RegularExpressions;
using A2AGen;

namespace TravelDesk.Finance;

/// <summary>
/// Reports quarterly revenue: a high-privilege skill. Hosting lets a call reach it only with a signed request and a
/// signed Secure Passport carrying <c>access_scope</c>; the skill then shares figures only when that scope includes
/// <see cref="ReadScope"/>. Every figure and approval is signed at the source (<see cref="ProvenanceAttribute"/>), so a
/// report built from a figure can cite it and anyone can check the figure is this agent's, unchanged.
/// </summary>
[A2AAgent(Id, Name = "Finance Agent",
    Description = "Reports quarterly revenue (demo figures). High privilege: needs a signed request and a signed Secure Passport carrying access_scope; figures are shared only with the read:finance_db scope.",
    Version = "1.0.0", Organization = "A2AGen Samples", OrganizationUrl = "https://github.com/a2agen/a2agen",
    DefaultInputModes = ["text/plain"], DefaultOutputModes = ["application/json"])]
[PassportKeys(typeof(FinanceAccess))]
[Provenance]
public sealed partial class FinanceAgent
{
    /// <summary>The agent id (its card, its keys, what callers trust).</summary>
    public const string Id = "finance-agent";

    /// <summary>The scope a passport must grant for figures to be shared.</summary>
    public const string ReadScope = "read:finance_db";

    // Demonstration figures, not real data.
    private static readonly Dictionary<string, decimal> RevenueByQuarter = new(StringComparer.Ordinal)
    {
        ["2026-Q1"] = 1_180_000m,
        ["2026-Q2"] = 1_245_500m,
        ["2026-Q3"] = 1_312_250m,
        ["2026-Q4"] = 1_402_000m,
    };

    /// <summary>Reports the revenue of a quarter: "Q3 2026" or "2026-Q3".</summary>
    [Skill("quarterly-revenue", Name = "Quarterly revenue",
        Description = "Reports a quarter's revenue: 'Q3 2026' or '2026-Q3'. Needs a signed request and a signed passport with access_scope; figures only for read:finance_db.",
        Tags = ["finance", "revenue"], Examples = ["Q3 2026"],
        Privilege = SkillPrivilege.High, RequiredPassportKeys = ["access_scope"])]
    [DefaultSkill] // messages that name no skill (the revenue rows) come here; budget-approve is asked for by name
    public RevenueReport QuarterlyRevenue(string request, FinanceAgentPassport passport, SkillContext context)
    {
        var match = QuarterPattern().Match(request);
        if (!match.Success)
        {
            throw new SkillBindingException("message.parts", "Expected a quarter such as 'Q3 2026' or '2026-Q3'.");
        }

        var year = match.Groups["year"].Success ? match.Groups["year"].Value : match.Groups["year2"].Value;
        var q = match.Groups["q"].Success ? match.Groups["q"].Value : match.Groups["q2"].Value;
        var quarter = $"{year}-Q{q}";
        var caller = context.CallerId ?? "an unidentified caller";
        var scopes = passport.AccessScope ?? [];
        if (!scopes.Contains(ReadScope, StringComparer.Ordinal))
        {
            return new RevenueReport(quarter, null, false, caller,
                $"{quarter}: not shared; the passport's access_scope ({string.Join(", ", scopes)}) lacks {ReadScope}.");
        }

        if (!RevenueByQuarter.TryGetValue(quarter, out var revenue))
        {
            return new RevenueReport(quarter, null, true, caller, $"{quarter}: no figures on record (known: {string.Join(", ", RevenueByQuarter.Keys)}).");
        }

        return new RevenueReport(quarter, revenue, true, caller,
            string.Create(CultureInfo.InvariantCulture, $"{quarter} revenue {revenue:#,0} USD (for {caller})"));
    }

    /// <summary>
    /// Approves a budget: high privilege (signed request and signed passport) and, on top, a Biscuit from the finance
    /// authority granting <c>right("budget", "approve")</c>; a holder may narrow it (to this agent, this skill, a minute).
    /// </summary>
    [Skill("budget-approve", Name = "Budget approval",
        Description = "Approves a budget request. Needs a signed request, a signed passport and a Biscuit granting right(\"budget\", \"approve\") from the finance authority.",
        Tags = ["finance", "budget"], Examples = ["1200 USD team offsite"],
        Privilege = SkillPrivilege.High)]
    [RequiresBiscuit("allow if right(\"budget\", \"approve\");")]
    public string BudgetApprove(string request, SkillContext context) =>
        $"approved '{A2AGen.Security.CallerText.Sanitize(request.Trim(), 80)}' for {context.CallerId ?? "an unidentified caller"}";

    /// <summary>
    /// A quarter's payroll total: confidential, so the skill requires encryption — the message must arrive as one JWE part
    /// (its parts array, encrypted to this agent's published encryption key), and the answer goes back encrypted to the caller's (docs/encryption.md).
    /// </summary>
    [Skill("payroll", Name = "Payroll total",
        Description = "Reports a quarter's payroll total: 'Q3 2026'. Confidential: message parts must be encrypted to this agent's encryption key; the answer comes back encrypted.",
        Tags = ["finance", "payroll"], Examples = ["Q3 2026"],
        RequestSignature = SignatureRequirement.Required, Encryption = EncryptionRequirement.Required)]
    public string Payroll(string request, SkillContext context)
    {
        var match = QuarterPattern().Match(request);
        if (!match.Success)
        {
            throw new SkillBindingException("message.parts", "Expected a quarter such as 'Q3 2026' or '2026-Q3'.");
        }

        var year = match.Groups["year"].Success ? match.Groups["year"].Value : match.Groups["year2"].Value;
        var q = match.Groups["q"].Success ? match.Groups["q"].Value : match.Groups["q2"].Value;
        var quarter = $"{year}-Q{q}";
        return RevenueByQuarter.TryGetValue(quarter, out var revenue)
            ? string.Create(CultureInfo.InvariantCulture, $"{quarter} payroll {revenue * 0.3m:#,0} USD (for {context.CallerId ?? "an unidentified caller"})")
            : $"{quarter}: no payroll on record";
    }

    [GeneratedRegex(@"^\s*(?:Q(?<q>[1-4])\s*(?<year>\d{4})|(?<year2>\d{4})\s*-?\s*Q(?<q2>[1-4]))\s*$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, matchTimeoutMilliseconds: 100)]
    private static partial Regex QuarterPattern();
}
