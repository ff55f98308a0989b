namespace A2AGen.Hosting.Tests.Agents;

/// <summary>
/// Skills guarded by Biscuit policies (generated agent): <c>approve</c> needs the right, <c>audit</c> also a signed
/// request from <c>travel-desk</c> (through the <c>caller</c> fact), <c>rates</c> needs nothing.
/// </summary>
[A2AAgent(Id, Name = "Budget", Description = "Approves budgets for holders of a Biscuit.")]
public sealed partial class BudgetAgent
{
    public const string Id = "budget-agent";

    [Skill("approve", Description = "Approves a budget.", Tags = ["test"])]
    [RequiresBiscuit("allow if right(\"budget\", \"approve\");")]
    public string Approve(string text) => "approved " + text;

    [Skill("audit", Description = "Audits a budget for a signed caller.", Tags = ["test"], RequestSignature = SignatureRequirement.Required)]
    [RequiresBiscuit("""
        check if caller("travel-desk");
        allow if right("budget", "audit");
        """)]
    public string Audit(string text) => "audited " + text;

    [Skill("rates", Description = "Lists rates.", Tags = ["test"])]
    [DefaultSkill]
    public string Rates(string text) => "rates";
}
