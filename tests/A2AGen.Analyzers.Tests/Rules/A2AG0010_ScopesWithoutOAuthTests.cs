using A2AGen.Analyzers.Tests.Infrastructure;

namespace A2AGen.Analyzers.Tests.Rules;

/// <summary>A2AG0010: a skill requires scopes but the agent declares no OAuth2 or OpenID Connect scheme.</summary>
public class A2AG0010_ScopesWithoutOAuthTests
{
    private const string Id = "A2AG0010";

    private static string Agent(string schemes) => $$"""
        using A2AGen;

        [A2AAgent("orders", Description = "Reads orders")]
        {{schemes}}
        public partial class OrdersAgent
        {
            [Skill("list", Description = "Lists orders", Tags = ["orders"], [|RequiredScopes = ["orders:read"]|])]
            public string List(string query) => query;
        }
        """;

    [Theory]
    [InlineData("")]
    [InlineData("[BearerAuth(\"bearer\")]")]
    [InlineData("[MutualTlsAuth(\"mtls\")] [ApiKeyAuth(\"key\", \"X-Key\")]")]
    [InlineData("[OAuth2ClientCredentials(\"oauth\", \"https://auth.example.com/token\")] [BearerAuth(\"bearer\")] [SecurityRequirement(\"bearer\")]")]
    public async Task Scopes_without_an_OAuth_scheme_in_the_requirements_are_a_warning_on_the_argument(string schemes)
    {
        await Verify.DiagnosticsAsync(
            Agent(schemes).Replace("[|", "{|#0:").Replace("|]", "|}"),
            Verify.Diagnostic(Id).WithLocation(0).WithSeverity(Microsoft.CodeAnalysis.DiagnosticSeverity.Warning)
                .WithMessage("Skill 'list' requires scopes but agent 'orders' has no OAuth2 or OpenID Connect scheme in its security requirements, so its card cannot announce them"));
    }

    [Fact]
    public async Task The_agent_is_still_generated()
    {
        var test = await Verify.RunAsync(new AgentAnalyzerTest(Id), [Agent("[BearerAuth(\"bearer\")]")], []);
        var agent = test.Compilation!.GetTypeByMetadataName("OrdersAgent")!;
        Assert.Contains(agent.AllInterfaces, i => i.ToDisplayString() == "A2AGen.IA2AAgent");
    }

    [Theory]
    [InlineData("[OAuth2ClientCredentials(\"oauth\", \"https://auth.example.com/token\", Scopes = [\"orders:read\"])]")]
    [InlineData("[OpenIdConnectAuth(\"oidc\", \"https://auth.example.com/.well-known/openid-configuration\")]")]
    [InlineData("[BearerAuth(\"bearer\")] [OpenIdConnectAuth(\"oidc\", \"https://auth.example.com/.well-known/openid-configuration\")] [SecurityRequirement(\"bearer\", \"oidc\")]")]
    public Task Scopes_with_an_OAuth_or_OpenID_Connect_scheme_are_fine(string schemes)
    {
        var source = Agent(schemes).Replace("[|", "").Replace("|]", "");
        return Verify.NoDiagnosticsAsync(source);
    }
}
