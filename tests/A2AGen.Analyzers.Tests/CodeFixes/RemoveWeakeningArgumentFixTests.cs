using A2AGen.Analyzers.Tests.Infrastructure;
using A2AGen.CodeFixes;

namespace A2AGen.Analyzers.Tests.CodeFixes;

/// <summary>A2AG0001's fix: remove the weakening setting, so the skill fails closed.</summary>
public class RemoveWeakeningArgumentFixTests
{
    private const string Id = "A2AG0001";

    private static string Agent(string skill) => $$"""
        using A2AGen;

        [A2AAgent("shop", Description = "Sells things")]
        [PassportKeys("tier")]
        public partial class ShopAgent
        {
            {{skill}}
            public string Refund(string order) => order;
        }
        """;

    [Fact]
    public Task The_last_argument_is_removed() =>
        VerifyFix<RemoveWeakeningArgumentFix>.FixAsync(Id,
            Agent("""[Skill("refund", Description = "Refunds", Tags = ["finance"], Privilege = SkillPrivilege.High, [|RequestSignature = SignatureRequirement.Optional|])]"""),
            Agent("""[Skill("refund", Description = "Refunds", Tags = ["finance"], Privilege = SkillPrivilege.High)]"""));

    [Fact]
    public Task An_argument_in_the_middle_is_removed_with_its_comma() =>
        VerifyFix<RemoveWeakeningArgumentFix>.FixAsync(Id,
            Agent("""[Skill("refund", [|PassportSignature = SignatureRequirement.Optional|], Description = "Refunds", Tags = ["finance"], Privilege = SkillPrivilege.High)]"""),
            Agent("""[Skill("refund", Description = "Refunds", Tags = ["finance"], Privilege = SkillPrivilege.High)]"""));

    [Fact]
    public Task Only_the_reported_setting_is_removed() =>
        VerifyFix<RemoveWeakeningArgumentFix>.FixFirstAsync(Id,
            Agent("""[Skill("refund", Description = "Refunds", Tags = ["finance"], Privilege = SkillPrivilege.High, [|RequestSignature = SignatureRequirement.Optional|], [|PassportSignature = SignatureRequirement.Optional|])]"""),
            Agent("""[Skill("refund", Description = "Refunds", Tags = ["finance"], Privilege = SkillPrivilege.High, [|PassportSignature = SignatureRequirement.Optional|])]"""));

    [Fact]
    public Task Fix_all_removes_every_weakening_setting() =>
        VerifyFix<RemoveWeakeningArgumentFix>.FixAsync(Id,
            """
            using A2AGen;

            [A2AAgent("shop", Description = "Sells things")]
            [PassportKeys("tier")]
            public partial class ShopAgent
            {
                [Skill("refund", Description = "Refunds", Tags = ["finance"],
                    Privilege = SkillPrivilege.High,
                    [|RequestSignature = SignatureRequirement.Optional|],
                    [|PassportSignature = SignatureRequirement.Optional|])]
                public string Refund(string order) => order;

                [Skill("payout", Description = "Pays out", Tags = ["finance"], [|RequestSignature = SignatureRequirement.Optional|], Privilege = SkillPrivilege.High)]
                public string Payout(string order) => order;
            }
            """,
            """
            using A2AGen;

            [A2AAgent("shop", Description = "Sells things")]
            [PassportKeys("tier")]
            public partial class ShopAgent
            {
                [Skill("refund", Description = "Refunds", Tags = ["finance"],
                    Privilege = SkillPrivilege.High)]
                public string Refund(string order) => order;

                [Skill("payout", Description = "Pays out", Tags = ["finance"], Privilege = SkillPrivilege.High)]
                public string Payout(string order) => order;
            }
            """);
}
