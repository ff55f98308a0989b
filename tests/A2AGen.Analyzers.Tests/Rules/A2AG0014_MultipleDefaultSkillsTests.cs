using A2AGen.Analyzers.Tests.Infrastructure;

namespace A2AGen.Analyzers.Tests.Rules;

/// <summary>A2AG0014: more than one <c>[DefaultSkill]</c> in an agent.</summary>
public class A2AG0014_MultipleDefaultSkillsTests
{
    private const string Id = "A2AG0014";

    [Fact]
    public async Task The_second_default_is_reported_on_its_attribute()
    {
        await Verify.DiagnosticsAsync(
            """
            using A2AGen;

            [A2AAgent("hello", Description = "Says hello")]
            public partial class HelloAgent
            {
                [Skill("greet", Description = "Greets", Tags = ["demo"])]
                [DefaultSkill]
                public string Greet(string name) => name;

                [Skill("wave", Description = "Waves", Tags = ["demo"])]
                [{|#0:DefaultSkill|}]
                public string Wave(string name) => name;
            }
            """,
            Verify.Diagnostic(Id).WithLocation(0).WithMessage("Agent 'hello' marks both 'Greet' and 'Wave' as [DefaultSkill]; keep one"));
    }

    [Fact]
    public Task One_default_is_fine() =>
        Verify.NoDiagnosticsAsync("""
            using A2AGen;

            [A2AAgent("hello", Description = "Says hello")]
            public partial class HelloAgent
            {
                [Skill("greet", Description = "Greets", Tags = ["demo"])]
                [DefaultSkill]
                public string Greet(string name) => name;

                [Skill("wave", Description = "Waves", Tags = ["demo"])]
                public string Wave(string name) => name;
            }
            """);
}
