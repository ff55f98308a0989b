using A2AGen.Analyzers.Tests.Infrastructure;

namespace A2AGen.Analyzers.Tests.Rules;

/// <summary>A2AG0017: card text with an unpaired surrogate, which cannot be written as UTF-8 JSON.</summary>
public class A2AG0017_InvalidTextTests
{
    private const string Id = "A2AG0017";

    [Fact]
    public async Task An_unpaired_surrogate_is_reported_on_the_argument()
    {
        var result = await Verify.AnalyzerAsync(Id, """
            using A2AGen;

            [A2AAgent("hello", [|Description = "Says hello \uD800"|])]
            public partial class HelloAgent
            {
                [Skill("greet", Description = "Greets", Tags = [[|"demo\uDC00"|]])]
                public string Greet(string name) => name;
            }
            """);
        Assert.Contains(result.Analyzer, d => d.GetMessage() == "The card field 'description' of agent 'hello' contains an unpaired surrogate and cannot be written as UTF-8 JSON");
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
