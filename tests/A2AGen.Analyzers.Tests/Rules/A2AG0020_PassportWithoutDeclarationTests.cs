using A2AGen.Analyzers.Tests.Infrastructure;

namespace A2AGen.Analyzers.Tests.Rules;

/// <summary>A2AG0020: a skill requires a Secure Passport but the agent has no <c>[PassportKeys]</c>.</summary>
public class A2AG0020_PassportWithoutDeclarationTests
{
    private const string Id = "A2AG0020";

    private static string Agent(string skillArguments, string passportKeys = "") => $$"""
        using A2AGen;

        [A2AAgent("bank", Description = "Moves money")]
        {{passportKeys}}
        public partial class BankAgent
        {
            [{{skillArguments}}]
            public string Move(string request) => request;
        }
        """;

    [Theory]
    [InlineData("[|Skill(\"move\", Description = \"Moves\", Tags = [\"bank\"], RequirePassport = true)|]")]
    [InlineData("[|Skill(\"move\", Description = \"Moves\", Tags = [\"bank\"], PassportSignature = SignatureRequirement.Required)|]")]
    [InlineData("[|Skill(\"move\", Description = \"Moves\", Tags = [\"bank\"], Privilege = SkillPrivilege.High)|]")]
    public Task A_skill_that_needs_a_passport_in_an_agent_without_PassportKeys_is_reported(string skill) =>
        Verify.AnalyzerAsync(Id, Agent(skill));

    [Fact]
    public async Task The_message_names_the_skill()
    {
        await Verify.DiagnosticsAsync(
            Agent("{|#0:Skill(\"move\", Description = \"Moves\", Tags = [\"bank\"], RequirePassport = true)|}"),
            Verify.Diagnostic(Id).WithLocation(0).WithSeverity(Microsoft.CodeAnalysis.DiagnosticSeverity.Warning).WithArguments("move"));
    }

    [Theory]
    [InlineData("Skill(\"move\", Description = \"Moves\", Tags = [\"bank\"], Privilege = SkillPrivilege.High)", "[PassportKeys(\"account\")]")]
    [InlineData("Skill(\"move\", Description = \"Moves\", Tags = [\"bank\"], RequirePassport = true)", "[PassportKeys]")]
    [InlineData("Skill(\"move\", Description = \"Moves\", Tags = [\"bank\"])", "")]
    public Task A_declared_passport_or_no_passport_need_is_fine(string skill, string passportKeys) =>
        Verify.NoDiagnosticsAsync(Agent(skill, passportKeys));
}
