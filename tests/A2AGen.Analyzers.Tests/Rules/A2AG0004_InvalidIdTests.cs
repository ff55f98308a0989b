using A2AGen.Analyzers.Tests.Infrastructure;

namespace A2AGen.Analyzers.Tests.Rules;

/// <summary>A2AG0004: an agent or skill id outside <c>[a-z0-9][a-z0-9._-]{0,63}</c>.</summary>
public class A2AG0004_InvalidIdTests
{
    private const string Id = "A2AG0004";

    private static string Agent(string agentId, string skillId) => $$"""
        using A2AGen;

        [A2AAgent({{agentId}}, Description = "Says hello")]
        public partial class HelloAgent
        {
            [Skill({{skillId}}, Description = "Greets", Tags = ["demo"])]
            public string Greet(string name) => name;
        }
        """;

    [Theory]
    [InlineData("\"Hello\"")]
    [InlineData("\"hello agent\"")]
    [InlineData("\"-hello\"")]
    [InlineData("\"\"")]
    [InlineData("\"../etc\"")]
    [InlineData("\"a1234567890123456789012345678901234567890123456789012345678901234\"")]
    public Task An_invalid_agent_id_is_reported_on_the_argument(string agentId) =>
        Verify.AnalyzerAsync(Id, Agent($"[|{agentId}|]", "\"greet\""));

    [Theory]
    [InlineData("\"Greet\"")]
    [InlineData("\"greet/all\"")]
    [InlineData("\"_greet\"")]
    public Task An_invalid_skill_id_is_reported_on_the_argument(string skillId) =>
        Verify.AnalyzerAsync(Id, Agent("\"hello\"", $"[|{skillId}|]"));

    [Fact]
    public async Task The_message_says_which_id_and_the_rule()
    {
        await Verify.DiagnosticsAsync(
            Agent("{|#0:\"Hello\"|}", "\"greet\""),
            Verify.Diagnostic(Id).WithLocation(0)
                .WithMessage("Agent id 'Hello' is invalid: use 1 to 64 characters from a-z, 0-9, '.', '_' and '-', starting with a letter or digit"));
    }

    [Theory]
    [InlineData("\"hello\"", "\"greet\"")]
    [InlineData("\"0hello.v2_x-y\"", "\"g\"")]
    [InlineData("\"a12345678901234567890123456789012345678901234567890123456789012\"", "\"greet.all\"")]
    public Task Valid_ids_are_fine(string agentId, string skillId) =>
        Verify.NoDiagnosticsAsync(Agent(agentId, skillId));
}
