using A2AGen.Analyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace A2AGen.Analyzers.Tests.Rules;

/// <summary>A2AG0023: a <c>[RequiresBiscuit]</c> policy that is not valid authorizer Datalog, reported at the character at fault.</summary>
public class A2AG0023_InvalidBiscuitPolicyTests
{
    private const string Id = "A2AG0023";

    private static string Agent(string policyArgument) => $$"""
        using A2AGen;

        [A2AAgent("finance", Description = "Approves budgets")]
        public partial class FinanceAgent
        {
            [Skill("review", Description = "Reviews a budget", Tags = ["budget"])]
            [RequiresBiscuit({{policyArgument}})]
            public static string Review(string request) => "reviewed";
        }
        """;

    [Fact]
    public Task A_valid_policy_is_not_reported() =>
        Verify.NoDiagnosticsAsync(Agent("\"allow if right(\\\"budget\\\", \\\"approve\\\");\""));

    [Fact]
    public Task The_error_points_at_the_character_in_the_string() =>
        Verify.DiagnosticsAsync(
            Agent("\"allow if right({|#0:b|}udget);\""),
            Verify.Diagnostic(Id).WithLocation(0).WithSeverity(DiagnosticSeverity.Error).WithArguments("review", "1", "16", "expected a term"));

    [Fact]
    public Task Escapes_before_the_error_are_counted_as_one_character_each() =>
        Verify.DiagnosticsAsync(
            Agent("\"allow if right(\\\"budget\\\" {|#0:\\\"|}approve\\\");\""),
            Verify.Diagnostic(Id).WithLocation(0).WithArguments("review", "1", "25", "expected ')'"));

    [Fact]
    public Task A_verbatim_policy_on_several_lines_reports_line_and_column() =>
        Verify.DiagnosticsAsync(
            Agent("@\"check if agent(\"\"finance\"\");\nallow if right(\"\"budget\"\", {|#0:)|};\""),
            Verify.Diagnostic(Id).WithLocation(0).WithArguments("review", "2", "26", "expected a term"));

    [Fact]
    public Task A_policy_without_allow_would_refuse_every_token() =>
        Verify.DiagnosticsAsync(
            Agent("\"{|#0:c|}heck if right(\\\"budget\\\", \\\"approve\\\");\""),
            Verify.Diagnostic(Id).WithLocation(0).WithArguments("review", "1", "1", "it has no 'allow if' policy, so it would refuse every token"));

    [Fact]
    public void The_descriptor_links_its_page()
    {
        var descriptor = new AgentDeclarationAnalyzer().SupportedDiagnostics.Single(d => d.Id == Id);
        Assert.Equal(DiagnosticSeverity.Error, descriptor.DefaultSeverity);
        Assert.EndsWith("A2AG0023.md", descriptor.HelpLinkUri, StringComparison.Ordinal);
    }
}
