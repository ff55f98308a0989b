using A2AGen.Analyzers.Tests.Infrastructure;

namespace A2AGen.Analyzers.Tests.Rules;

/// <summary>A2AG0024: <c>[Provenance]</c> on a method that is not a <c>[Skill]</c>, or on a class that is not an <c>[A2AAgent]</c>.</summary>
public class A2AG0024_ProvenanceOutsideSkillTests
{
    private const string Id = "A2AG0024";

    [Fact]
    public async Task Provenance_on_a_method_of_an_agent_that_is_not_a_skill_is_reported_on_the_attribute()
    {
        await Verify.DiagnosticsAsync(
            """
            using A2AGen;

            [A2AAgent("hello", Description = "Says hello")]
            public partial class HelloAgent
            {
                [Skill("greet", Description = "Greets", Tags = ["demo"])]
                public string Greet(string name) => Format(name);

                [{|#0:Provenance|}]
                public string Format(string name) => "hello " + name;
            }
            """,
            Verify.Diagnostic(Id).WithLocation(0)
                .WithMessage("Method 'Format' has [Provenance] but is not a [Skill], so nothing is signed because of it and the attribute has no effect"));
    }

    [Fact]
    public Task Provenance_on_a_method_outside_an_agent_is_reported_too() =>
        Verify.AnalyzerAsync(Id, """
            using A2AGen;

            public class Helpers
            {
                [[|Provenance|]]
                public string Format(string name) => name;
            }
            """);

    [Fact]
    public async Task Provenance_on_a_class_that_is_not_an_agent_is_reported_on_the_attribute()
    {
        await Verify.DiagnosticsAsync(
            """
            using A2AGen;

            [{|#0:Provenance|}]
            public class Quotes
            {
                public string Quote(string amount) => amount;
            }
            """,
            Verify.Diagnostic(Id).WithLocation(0)
                .WithMessage("Class 'Quotes' has [Provenance] but is not an [A2AAgent] class, so nothing is signed because of it and the attribute has no effect"));
    }

    [Fact]
    public Task Provenance_on_a_class_nested_in_an_agent_is_reported() =>
        Verify.AnalyzerAsync(Id, """
            using A2AGen;

            [A2AAgent("hello", Description = "Says hello")]
            public partial class HelloAgent
            {
                [Skill("greet", Description = "Greets", Tags = ["demo"])]
                public string Greet(string name) => name;

                [[|Provenance|]]
                public class Helpers
                {
                }
            }
            """);

    [Fact]
    public async Task A_Skill_outside_an_agent_is_A2AG0005_and_its_Provenance_is_not_reported_twice()
    {
        await Verify.DiagnosticsAsync(
            """
            using A2AGen;

            public class Helpers
            {
                [{|#0:Skill("greet", Description = "Greets", Tags = ["demo"])|}, Provenance]
                public string Greet(string name) => name;
            }
            """,
            Verify.Diagnostic("A2AG0005").WithLocation(0)
                .WithMessage("Method 'Greet' has [Skill] but its class 'Helpers' has no [A2AAgent], so the skill is never exposed"));
    }

    [Fact]
    public Task Provenance_on_an_agent_and_on_its_skills_is_fine() =>
        Verify.NoDiagnosticsAsync("""
            using A2AGen;

            [A2AAgent("hello", Description = "Says hello")]
            [Provenance]
            public partial class HelloAgent
            {
                [Skill("greet", Description = "Greets", Tags = ["demo"]), Provenance]
                public string Greet(string name) => name;

                [Skill("wave", Description = "Waves", Tags = ["demo"])]
                [Provenance]
                public string Wave(string name) => name;
            }
            """);
}
