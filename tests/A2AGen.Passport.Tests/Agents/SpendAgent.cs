namespace A2AGen.Passport.Tests.Agents;

/// <summary>A spending limit inside a passport (a type the generated passport reads through <c>TryGet</c>).</summary>
public sealed record SpendLimit(long Amount, string Currency);

/// <summary>Passport state with numbers of every kind a generated passport reads, and a free-text note.</summary>
public sealed record SpendState(long MaxAmount, decimal Price, double Ratio, int Count, long[]? Ids, SpendLimit? Limit, string? Note);

/// <summary>
/// Issue 11 §4: what a skill reads from a passport must be what was signed, whatever the spelling of the numbers on
/// the wire, and bad state must never make an accessor throw. <c>spend</c> requires a signed passport; <c>peek</c>
/// takes any passport.
/// </summary>
[A2AAgent(Id, Name = "Spend Agent", Description = "Spends within the limits a signed passport grants.",
    DefaultInputModes = ["text/plain"], DefaultOutputModes = ["text/plain"])]
[PassportKeys(typeof(SpendState))]
public sealed partial class SpendAgent
{
    public const string Id = "spend-agent";

    public static string Describe(SpendAgentPassport passport) =>
        $"max={passport.MaxAmount};price={passport.Price};ratio={passport.Ratio};count={passport.Count};ids={string.Join(",", passport.Ids ?? [])};" +
        $"limit={passport.Limit?.Amount};note={passport.Note};tryget={(passport.TryGet<long>("max_amount", out var max) ? max : -1)};verified={passport.IsSignatureVerified}";

    [Skill("spend", Description = "Spends within the signed limit.", Tags = ["payments"], RequirePassport = true, PassportSignature = SignatureRequirement.Required)]
    public string Spend(string text, SpendAgentPassport passport) => Describe(passport);

    [Skill("peek", Description = "Shows what any passport says.", Tags = ["payments"])]
    [DefaultSkill]
    public string Peek(string text, SpendAgentPassport? passport) => passport is null ? "no passport" : Describe(passport);
}
