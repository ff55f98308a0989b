using A2AGen.Analyzers.Tests.Infrastructure;

namespace A2AGen.Analyzers.Tests.Rules;

/// <summary>A2AG0018: <c>[DefaultSkill]</c> on a method without <c>[Skill]</c>.</summary>
public class A2AG0018_DefaultSkillWithoutSkillTests
{
    private const string Id = "A2AG0018";

    [Fact]
    public async Task DefaultSkill_without_Skill_in_an_agent_is_reported_on_the_attribute()
    {
        await Verify.DiagnosticsAsync(
            """
            using A2AGen;

            [A2AAgent("hello", Description = "Says hello")]
            public partial class HelloAgent
            {
                [Skill("greet", Description = "Greets", Tags = ["demo"])]
                public string Greet(string name) => name;

                [{|#0:DefaultSkill|}]
                public string Wave(string name) => name;
            }
            """,
            Verify.Diagnostic(Id).WithLocation(0)
                .WithMessage("Method 'Wave' has [DefaultSkill] but no [Skill], so it is not a skill and the attribute has no effect"));
    }

    [Fact]
    public Task DefaultSkill_without_Skill_outside_an_agent_is_reported_too() =>
        Verify.AnalyzerAsync(Id, """
            using A2AGen;

            public class Helpers
            {
                [[|DefaultSkill|]]
                public string Wave(string name) => name;
            }
            """);

    [Fact]
    public Task DefaultSkill_with_Skill_is_fine() =>
        Verify.NoDiagnosticsAsync("""
            using A2AGen;

            [A2AAgent("hello", Description = "Says hello")]
            public partial class HelloAgent
            {
                [Skill("greet", Description = "Greets", Tags = ["demo"]), DefaultSkill]
                public string Greet(string name) => name;
            }
            """);
}
