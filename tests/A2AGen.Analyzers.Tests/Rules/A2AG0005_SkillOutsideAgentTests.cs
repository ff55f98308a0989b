using A2AGen.Analyzers.Tests.Infrastructure;

namespace A2AGen.Analyzers.Tests.Rules;

/// <summary>A2AG0005: a <c>[Skill]</c> method in a class without <c>[A2AAgent]</c>.</summary>
public class A2AG0005_SkillOutsideAgentTests
{
    private const string Id = "A2AG0005";

    [Fact]
    public async Task A_skill_in_a_plain_class_is_reported_on_the_attribute_as_an_error()
    {
        await Verify.DiagnosticsAsync(
            """
            using A2AGen;

            public partial class Helpers
            {
                [{|#0:Skill("greet", Description = "Greets", Tags = ["demo"])|}]
                public string Greet(string name) => name;
            }
            """,
            Verify.Diagnostic(Id).WithLocation(0).WithSeverity(Microsoft.CodeAnalysis.DiagnosticSeverity.Error)
                .WithMessage("Method 'Greet' has [Skill] but its class 'Helpers' has no [A2AAgent], so the skill is never exposed"));
    }

    [Fact]
    public Task A_skill_in_a_class_nested_in_an_agent_is_reported() =>
        Verify.AnalyzerAsync(Id, """
            using A2AGen;

            [A2AAgent("hello", Description = "Says hello")]
            public partial class HelloAgent
            {
                [Skill("greet", Description = "Greets", Tags = ["demo"])]
                public string Greet(string name) => name;

                public sealed class Inner
                {
                    [[|Skill("inner", Description = "Hidden", Tags = ["demo"])|]]
                    public string Hidden(string name) => name;
                }
            }
            """);

    [Fact]
    public Task Each_orphan_skill_is_reported() =>
        Verify.AnalyzerAsync(Id, """
            using A2AGen;

            public class Helpers
            {
                [[|Skill("a", Description = "A", Tags = ["demo"])|]]
                public string A(string name) => name;

                [[|Skill("b", Description = "B", Tags = ["demo"])|]]
                public static string B(string name) => name;
            }
            """);

    [Fact]
    public Task Skills_of_an_agent_and_plain_methods_are_fine() =>
        Verify.NoDiagnosticsAsync("""
            using A2AGen;

            [A2AAgent("hello", Description = "Says hello")]
            public partial class HelloAgent
            {
                [Skill("greet", Description = "Greets", Tags = ["demo"])]
                public string Greet(string name) => name;
            }

            public class Helpers
            {
                [System.Obsolete("not a skill")]
                public string Plain(string name) => name;
            }
            """);
}
