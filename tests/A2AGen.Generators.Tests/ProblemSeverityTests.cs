using System.Text.Json;
using A2AGen.Declarations.Problems;
using A2AGen.Generators.Tests.Infrastructure;

namespace A2AGen.Generators.Tests;

/// <summary>
/// What the generator does with problems that are not errors: it still generates the agent. A2AG0010 (scopes without
/// an OAuth2/OpenID Connect scheme) is a warning: the card carries no skill-level requirement, the descriptor keeps
/// the scopes so hosting still enforces them.
/// </summary>
public class ProblemSeverityTests
{
    private const string ScopesWithoutOAuth = """
        using A2AGen;

        namespace Scopes;

        [A2AAgent("scoped-agent", Description = "Scopes without OAuth2")]
        [BearerAuth("bearer")]
        public partial class ScopedAgent
        {
            [Skill("read", Description = "Reads", Tags = ["read"], RequiredScopes = ["orders:read"])]
            public string Read(string text) => text;
        }
        """;

    [Fact]
    public void Scopes_without_an_OAuth_scheme_are_a_warning_and_the_agent_is_still_generated()
    {
        var (problems, agents) = ProblemCollector.ParseAll(TestCompilation.Create(ScopesWithoutOAuth));
        var problem = Assert.Single(problems);
        Assert.Equal(ProblemIds.ScopesWithoutOAuth, problem.Descriptor.Id);
        Assert.Equal(ProblemSeverity.Warning, problem.Descriptor.Severity);
        Assert.NotNull(Assert.Single(agents));

        using var loaded = LoadedAgents.Compile(ScopesWithoutOAuth);
        var skill = Assert.Single(loaded.Descriptor("Scopes.ScopedAgent").Skills);
        Assert.Equal(["orders:read"], skill.RequiredScopes);

        using var card = JsonDocument.Parse(loaded.CardJson("Scopes.ScopedAgent"));
        Assert.False(card.RootElement.GetProperty("skills")[0].TryGetProperty("securityRequirements", out _));
    }

    [Theory]
    [InlineData(ProblemIds.SkillOutsideAgent, "Error")]
    [InlineData(ProblemIds.ScopesWithoutOAuth, "Warning")]
    [InlineData(ProblemIds.PrivilegedSkillNotHigh, "Info")]
    public void Severities_follow_the_issue_table(string id, string severity) =>
        Assert.Equal(severity, ProblemDescriptors.All.Single(d => d.Id == id).Severity.ToString());
}
