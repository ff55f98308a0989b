using A2AGen.Analyzers.Tests.Infrastructure;

namespace A2AGen.Analyzers.Tests.Rules;

/// <summary>A2AG0003: two skills of one agent with the same id.</summary>
public class A2AG0003_DuplicateSkillIdTests
{
    private const string Id = "A2AG0003";

    [Fact]
    public async Task The_second_skill_with_an_id_is_reported_on_its_id()
    {
        await Verify.DiagnosticsAsync(
            """
            using A2AGen;

            [A2AAgent("hello", Description = "Says hello")]
            public partial class HelloAgent
            {
                [Skill("greet", Description = "Greets", Tags = ["demo"])]
                public string Greet(string name) => name;

                [Skill({|#0:"greet"|}, Description = "Greets again", Tags = ["demo"])]
                public string GreetAgain(string name) => name;
            }
            """,
            Verify.Diagnostic(Id).WithLocation(0).WithMessage("Agent 'hello' declares skill id 'greet' more than once"));
    }

    [Fact]
    public Task A_named_id_argument_is_located_too() =>
        Verify.AnalyzerAsync(Id, """
            using A2AGen;

            [A2AAgent("hello", Description = "Says hello")]
            public partial class HelloAgent
            {
                [Skill("greet", Description = "Greets", Tags = ["demo"])]
                public string Greet(string name) => name;

                [Skill([|id: "greet"|], Description = "Greets again", Tags = ["demo"])]
                public string GreetAgain(string name) => name;
            }
            """);

    [Fact]
    public Task Distinct_ids_and_equal_ids_in_different_agents_are_fine() =>
        Verify.NoDiagnosticsAsync("""
            using A2AGen;

            [A2AAgent("hello", Description = "Says hello")]
            public partial class HelloAgent
            {
                [Skill("greet", Description = "Greets", Tags = ["demo"])]
                public string Greet(string name) => name;

                [Skill("greet-loudly", Description = "Greets loudly", Tags = ["demo"])]
                public string GreetLoudly(string name) => name.ToUpperInvariant();
            }

            [A2AAgent("other", Description = "Also says hello")]
            public partial class OtherAgent
            {
                [Skill("greet", Description = "Greets", Tags = ["demo"])]
                public string Greet(string name) => name;
            }
            """);
}
