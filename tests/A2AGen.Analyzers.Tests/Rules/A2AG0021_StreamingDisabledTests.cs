using A2AGen.Analyzers.Tests.Infrastructure;
using A2AGen.CodeFixes;

namespace A2AGen.Analyzers.Tests.Rules;

/// <summary>A2AG0021: <c>Streaming = false</c> on an agent with a skill returning <c>IAsyncEnumerable&lt;T&gt;</c>, and its fix.</summary>
public class A2AG0021_StreamingDisabledTests
{
    private const string Id = "A2AG0021";

    private static string Agent(string agentArguments, string returns = "IAsyncEnumerable<string>") => $$"""
        using System.Collections.Generic;
        using System.Threading.Tasks;
        using A2AGen;

        [A2AAgent("ticker", Description = "Streams prices"{{agentArguments}})]
        public partial class TickerAgent
        {
            [Skill("prices", Description = "Streams prices", Tags = ["market"])]
            public async {{returns}} Prices(string symbol)
            {
                await Task.Yield();
                {{(returns.StartsWith("IAsyncEnumerable", StringComparison.Ordinal) ? "yield return symbol;" : "return symbol;")}}
            }
        }
        """;

    [Fact]
    public Task Streaming_false_beside_a_streaming_skill_is_reported_on_the_argument() =>
        Verify.AnalyzerAsync(Id, Agent(", [|Streaming = false|]"));

    [Fact]
    public async Task The_diagnostic_is_an_error_naming_the_agent_and_the_skill()
    {
        await Verify.DiagnosticsAsync(
            Agent(", {|#0:Streaming = false|}"),
            Verify.Diagnostic(Id).WithLocation(0).WithSeverity(Microsoft.CodeAnalysis.DiagnosticSeverity.Error).WithArguments("ticker", "prices"));
        var descriptor = new AgentDeclarationAnalyzer().SupportedDiagnostics.Single(d => d.Id == Id);
        Assert.StartsWith("Agent '{0}' sets Streaming = false but skill '{1}' returns IAsyncEnumerable<T>", descriptor.MessageFormat.ToString(), StringComparison.Ordinal);
        Assert.EndsWith("A2AG0021.md", descriptor.HelpLinkUri, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "IAsyncEnumerable<string>")]
    [InlineData(", Streaming = true", "IAsyncEnumerable<string>")]
    [InlineData(", Streaming = false", "Task<string>")]
    public Task No_contradiction_no_diagnostic(string agentArguments, string returns) =>
        Verify.NoDiagnosticsAsync(Agent(agentArguments, returns));

    [Fact]
    public Task The_fix_sets_Streaming_to_true() =>
        VerifyFix<EnableStreamingFix>.FixAsync(Id, Agent(", [|Streaming = false|]"), Agent(", Streaming = true"));

    [Fact]
    public Task The_fix_keeps_the_layout_of_the_other_arguments() =>
        VerifyFix<EnableStreamingFix>.FixAsync(Id,
            Agent(",\n    [|Streaming = false|], Version = \"1.0.0\""),
            Agent(",\n    Streaming = true, Version = \"1.0.0\""));
}
