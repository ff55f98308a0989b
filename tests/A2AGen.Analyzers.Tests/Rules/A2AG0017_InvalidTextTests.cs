using A2AGen.Analyzers.Tests.Infrastructure;

namespace A2AGen.Analyzers.Tests.Rules;

/// <summary>A2AG0017: card text with an unpaired surrogate, which cannot be written as UTF-8 JSON.</summary>
public class A2AG0017_InvalidTextTests
{
    private const string Id = "A2AG0017";

    [Fact]
    public async Task An_unpaired_surrogate_is_reported_on_the_argument()
    {
        await Verify.DiagnosticsAsync(
            """
            using A2AGen;

            [A2AAgent("hello", {|#0:Description = "Says hello \uD800"|})]
            public partial class HelloAgent
            {
                [Skill("greet", Description = "Greets", Tags = [{|#1:"demo\uDC00"|}])]
                public string Greet(string name) => name;
            }
            """,
            Verify.Diagnostic(Id).WithLocation(0)
                .WithMessage("The card field 'description' of agent 'hello' contains an unpaired surrogate and cannot be written as UTF-8 JSON"),
            Verify.Diagnostic(Id).WithLocation(1).WithArguments("tags", "skill 'greet' of agent 'hello'"));
    }

    [Fact]
    public Task Paired_surrogates_and_any_other_text_are_fine() =>
        Verify.NoDiagnosticsAsync("""
            using A2AGen;

            [A2AAgent("hello", Description = "Says hello \uD83D\uDC4B \"quoted\" \\ \u0000 émoji 👋")]
            public partial class HelloAgent
            {
                [Skill("greet", Description = "Greets", Tags = ["demo"])]
                public string Greet(string name) => name;
            }
            """);
}
