using A2AGen.Analyzers.Tests.Infrastructure;

namespace A2AGen.Analyzers.Tests.Rules;

/// <summary>A2AG0001: a high-privilege skill that accepts an unsigned request or an unsigned passport.</summary>
public class A2AG0001_HighPrivilegeWeakenedTests
{
    private const string Id = "A2AG0001";

    private static string Agent(string skillArguments, string agentArguments = "", string skillId = "refund") => $$"""
        using A2AGen;

        namespace Shop;

        [A2AAgent("shop-agent", Description = "Sells things"{{agentArguments}})]
        [PassportKeys("loyalty_tier")]
        public partial class ShopAgent
        {
            [Skill("{{skillId}}", Description = "Refunds an order", Tags = ["finance"]{{skillArguments}})]
            public string {{char.ToUpperInvariant(skillId[0]) + skillId[1..]}}(string order) => order;
        }
        """;

    [Fact]
    public Task Optional_request_signature_on_a_high_privilege_skill_is_reported_on_the_argument() =>
        Verify.AnalyzerAsync(Id, Agent(", Privilege = SkillPrivilege.High, [|RequestSignature = SignatureRequirement.Optional|]"));

    [Fact]
    public Task Optional_passport_signature_on_a_high_privilege_skill_is_reported_on_the_argument() =>
        Verify.AnalyzerAsync(Id, Agent(", Privilege = SkillPrivilege.High, [|PassportSignature = SignatureRequirement.Optional|]"));

    [Fact]
    public Task Both_weakened_settings_are_reported_each() =>
        Verify.AnalyzerAsync(Id, Agent(
            ", [|RequestSignature = SignatureRequirement.Optional|], Privilege = SkillPrivilege.High, [|PassportSignature = SignatureRequirement.Optional|]"));

    [Fact]
    public async Task The_message_names_the_skill_and_the_signature()
    {
        await Verify.DiagnosticsAsync(
            Agent(", Privilege = SkillPrivilege.High, {|#0:RequestSignature = SignatureRequirement.Optional|}"),
            Verify.Diagnostic(Id).WithLocation(0).WithSeverity(Microsoft.CodeAnalysis.DiagnosticSeverity.Warning)
                .WithMessage("Skill 'refund' is high-privilege but its request signature is weakened to Optional, so forged or replayed calls can reach it"));
    }

    [Theory]
    [InlineData(", Privilege = SkillPrivilege.High")]
    [InlineData(", Privilege = SkillPrivilege.High, RequestSignature = SignatureRequirement.Required, PassportSignature = SignatureRequirement.Required")]
    [InlineData(", Privilege = SkillPrivilege.High, RequestSignature = SignatureRequirement.Default")]
    public Task Fail_closed_skills_are_not_reported(string skillArguments) =>
        Verify.NoDiagnosticsAsync(Agent(skillArguments));

    [Theory]
    [InlineData(", Privilege = SkillPrivilege.Standard, RequestSignature = SignatureRequirement.Optional, PassportSignature = SignatureRequirement.Optional")]
    [InlineData(", RequestSignature = SignatureRequirement.Optional")]
    public Task Standard_skills_may_accept_unsigned_calls(string skillArguments) =>
        Verify.NoDiagnosticsAsync(Agent(skillArguments, skillId: "quote"));

    [Fact]
    public Task An_optional_request_signature_is_not_reported_when_the_agent_requires_signed_requests() =>
        Verify.NoDiagnosticsAsync(Agent(
            ", Privilege = SkillPrivilege.High, RequestSignature = SignatureRequirement.Optional",
            ", RequestSignature = SignatureRequirement.Required"));
}
