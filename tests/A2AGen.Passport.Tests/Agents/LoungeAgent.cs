namespace A2AGen.Passport.Tests.Agents;

/// <summary>An agent that declares the Secure Passport extension <c>required</c>: callers must activate it (<c>A2A-Extensions</c>).</summary>
[A2AAgent(Id, Name = "Lounge Agent", Description = "Admits travellers by loyalty tier.",
    DefaultInputModes = ["text/plain"], DefaultOutputModes = ["text/plain"])]
[PassportKeys("loyalty_tier", Required = true)]
public sealed partial class LoungeAgent
{
    public const string Id = "lounge-agent";

    [Skill("admit", Description = "Admits Gold and Platinum members.", Tags = ["travel"], RequirePassport = true)]
    public string Admit(string name, LoungeAgentPassport passport, SkillContext context) =>
        $"{name}: {(passport.LoyaltyTier is "Gold" or "Platinum" ? "welcome" : "sorry")}; extensions={string.Join(",", context.ActivatedExtensions)}";
}
