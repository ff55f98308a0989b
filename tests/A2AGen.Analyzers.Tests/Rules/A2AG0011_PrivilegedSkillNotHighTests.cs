using A2AGen.Analyzers.Tests.Infrastructure;

namespace A2AGen.Analyzers.Tests.Rules;

/// <summary>A2AG0011: a skill whose id or name suggests a privileged action is not marked high privilege.</summary>
public class A2AG0011_PrivilegedSkillNotHighTests
{
    private const string Id = "A2AG0011";

    private static string Agent(string skillId, string skillArguments = "", string method = "Run") => $$"""
        using A2AGen;

        [A2AAgent("bank", Description = "Moves money")]
        [PassportKeys("account")]
        public partial class BankAgent
        {
            [Skill({{skillId}}, Description = "Does something", Tags = ["bank"]{{skillArguments}})]
            public string {{method}}(string request) => request;
        }
        """;

    [Theory]
    [InlineData("\"delete-account\"", "delete")]
    [InlineData("\"transfer\"", "transfer")]
    [InlineData("\"payments.refund\"", "payments")]
    [InlineData("\"admin_tools\"", "admin")]
    [InlineData("\"grant-role\"", "grant")]
    [InlineData("\"write\"", "write")]
    [InlineData("\"pay\"", "pay")]
    public async Task A_privileged_looking_id_is_an_info_on_the_id(string skillId, string word)
    {
        await Verify.DiagnosticsAsync(
            Agent($"{{|#0:{skillId}|}}"),
            Verify.Diagnostic(Id).WithLocation(0).WithSeverity(Microsoft.CodeAnalysis.DiagnosticSeverity.Info).WithArguments(skillId.Trim('"'), word));
    }

    [Fact]
    public Task A_privileged_looking_name_is_reported_too() =>
        Verify.AnalyzerAsync(Id, Agent("[|\"accounts\"|]", ", Name = \"Delete accounts\""));

    [Fact]
    public Task A_privileged_looking_method_name_that_becomes_the_skill_name_is_reported_too() =>
        Verify.AnalyzerAsync(Id, Agent("[|\"accounts\"|]", method: "WipeAccounts"));

    [Theory]
    [InlineData("\"delete-account\"", ", Privilege = SkillPrivilege.High")]
    [InlineData("\"payday-calendar\"", "")]
    [InlineData("\"paypal-status\"", "")]
    [InlineData("\"display\"", "")]
    [InlineData("\"lookup\"", "")]
    public Task High_privilege_and_innocent_words_are_fine(string skillId, string skillArguments) =>
        Verify.NoDiagnosticsAsync(Agent(skillId, skillArguments));
}
