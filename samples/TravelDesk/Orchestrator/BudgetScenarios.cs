using A2AGen.Biscuit;
using A2AGen.Biscuit.Crypto;
using A2AGen.Biscuit.Datalog;
using A2AGen.Client;
using A2AGen.Passport;
using A2AGen.Protocol;
using TravelDesk.AgentHosting;
using TravelDesk.Finance;

namespace TravelDesk.Orchestrator;

/// <summary>
/// The Biscuit rows: the finance authority grants <c>right("budget", "approve")</c>; TravelDesk narrows that token for
/// each call (finance-agent, budget-approve, 60 seconds) with <see cref="BiscuitAttenuator"/> and sends it as
/// <c>Authorization: Bearer</c> next to its signed request and passport. Then the refusals: the narrowed token once
/// expired, a token from a root finance does not trust, and a token without the right.
/// </summary>
/// <param name="finance">The finance agent.</param>
/// <param name="passports">Signs the orchestrator's passports.</param>
/// <param name="authority">The finance authority's root key (development key of the demo).</param>
public sealed class BudgetScenarios(Peer finance, PassportSigner passports, BiscuitKeyPair authority)
{
    public const string AcceptedName = "finance budget-approve, Biscuit narrowed to the call";
    public const string ExpiredName = "the narrowed Biscuit after its minute";
    public const string UntrustedName = "Biscuit from a root finance does not trust";
    public const string MissingRightName = "Biscuit without the budget right";
    private const string Skill = "budget-approve";

    /// <summary>Runs the four rows, in order.</summary>
    /// <param name="run">Runs one row (turns an unexpected exception into a row).</param>
    /// <param name="refusal">Runs a call that must be refused with a reason.</param>
    public async Task<IReadOnlyList<ScenarioResult>> RunAsync(
        Func<string, string, string?, Func<Task<ScenarioResult>>, Task<ScenarioResult>> run,
        Func<string, string, Func<Task<SendMessageResponse>>, string, Task<ScenarioResult>> refusal)
    {
        var grant = BiscuitToken.Create(authority, "right(\"budget\", \"approve\");");
        var attenuator = new BiscuitAttenuator(grant);
        var results = new List<ScenarioResult>
        {
            await run(AcceptedName, "accepted", null, async () =>
            {
                string? sent = null;
                var client = finance.WithBearerToken((call, _) => ValueTask.FromResult<string?>(sent = attenuator.ForCall(call.AgentId, call.SkillId)));
                var response = await Send(client);
                var text = response.Task?.Artifacts?.SelectMany(a => a.Parts).Select(p => p.Text).FirstOrDefault(t => t is not null)
                    ?? response.Message?.Parts.Select(p => p.Text).FirstOrDefault(t => t is not null);
                var blocks = sent is null ? 0 : BiscuitToken.ParseUnverified(sent).Blocks.Count;
                return new ScenarioResult(AcceptedName, "accepted", null, "accepted", null,
                    $"{FinanceAuthority.Issuer} granted the right; block {blocks - 1} limits it to {FinanceAgent.Id}, {Skill}, 60 s: {text}", text?.StartsWith("approved", StringComparison.Ordinal) == true);
            }),
            await run(ExpiredName, "rejected", "BISCUIT_UNAUTHORIZED", () =>
            {
                // The same narrowing, made a minute and a half ago: its time check has passed.
                var expired = grant.Attenuate(DatalogParser.ParseBlock(
                    $"check if agent(\"{FinanceAgent.Id}\"); check if skill(\"{Skill}\"); check if time($time), $time <= {Term.Date(DateTimeOffset.UtcNow.AddSeconds(-30))};"));
                return refusal(ExpiredName, "BISCUIT_UNAUTHORIZED", () => Send(Fixed(expired.ToBase64())),
                    "the attenuated block's time check failed: a narrowed token is only good for its minute");
            }),
            await run(UntrustedName, "rejected", "BISCUIT_INVALID", () =>
            {
                using var stranger = BiscuitKeyPair.Create();
                var token = BiscuitToken.Create(stranger, "right(\"budget\", \"approve\");").ToBase64();
                return refusal(UntrustedName, "BISCUIT_INVALID", () => Send(Fixed(token)),
                    "the same right, signed by a key finance does not trust as a Biscuit root");
            }),
            await run(MissingRightName, "rejected", "BISCUIT_UNAUTHORIZED", () =>
            {
                var token = new BiscuitAttenuator(BiscuitToken.Create(authority, "right(\"budget\", \"read\");")).ForCall(FinanceAgent.Id, Skill);
                return refusal(MissingRightName, "BISCUIT_UNAUTHORIZED", () => Send(Fixed(token)),
                    "a genuine token from the finance authority, but it grants read, not approve: no allow policy matched");
            }),
        };
        return results;
    }

    private A2AClient Fixed(string token) => finance.WithBearerToken((_, _) => ValueTask.FromResult<string?>(token));

    private Task<SendMessageResponse> Send(A2AClient client) =>
        client.SendMessageWithPassportAsync(Message.UserText("1200 USD team offsite").ForSkill(Skill), passports, new Dictionary<string, string> { ["query_type"] = "budget" });
}
