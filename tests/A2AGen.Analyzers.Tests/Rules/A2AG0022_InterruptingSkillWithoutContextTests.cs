using A2AGen.Analyzers.Tests.Infrastructure;

namespace A2AGen.Analyzers.Tests.Rules;

/// <summary>A2AG0022: a skill returning <c>SkillResult</c> (it can stop for input) that takes no <c>SkillContext</c>.</summary>
public class A2AG0022_InterruptingSkillWithoutContextTests
{
    private const string Id = "A2AG0022";

    private static string Agent(string skill) => $$"""
        using System.Threading.Tasks;
        using A2AGen;

        [A2AAgent("booking", Description = "Books trips")]
        public partial class BookingAgent
        {
            [Skill("book", Description = "Books a trip", Tags = ["travel"])]
            {{skill}}
        }
        """;

    [Fact]
    public Task A_skill_returning_SkillResult_without_a_context_is_reported_on_the_method() =>
        Verify.AnalyzerAsync(Id, Agent("""public SkillResult [|Book|](string text) => text.Length > 3 ? "booked" : SkillResult.InputRequired("Where to?");"""));

    [Fact]
    public async Task The_diagnostic_is_info_naming_the_skill()
    {
        await Verify.DiagnosticsAsync(
            Agent("""public Task<SkillResult> {|#0:BookAsync|}(string text) => Task.FromResult(SkillResult.InputRequired("Where to?"));"""),
            Verify.Diagnostic(Id).WithLocation(0).WithSeverity(Microsoft.CodeAnalysis.DiagnosticSeverity.Info).WithArguments("book"));
        var descriptor = new AgentDeclarationAnalyzer().SupportedDiagnostics.Single(d => d.Id == Id);
        Assert.EndsWith("A2AG0022.md", descriptor.HelpLinkUri, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""public SkillResult Book(string text, SkillContext context) => context.History.Count > 1 ? "booked" : SkillResult.InputRequired("When?");""")]
    [InlineData("""public ValueTask<SkillResult> BookAsync(SkillContext context) => new(SkillResult.FromText("ok"));""")]
    [InlineData("""public string Book(string text) => text;""")]
    public Task A_skill_that_sees_the_conversation_or_cannot_stop_is_not_reported(string skill) =>
        Verify.NoDiagnosticsAsync(Agent(skill));
}
