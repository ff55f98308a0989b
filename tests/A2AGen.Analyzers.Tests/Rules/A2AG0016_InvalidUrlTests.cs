using A2AGen.Analyzers.Tests.Infrastructure;

namespace A2AGen.Analyzers.Tests.Rules;

/// <summary>A2AG0016: a URL field that is not an absolute http or https URL.</summary>
public class A2AG0016_InvalidUrlTests
{
    private const string Id = "A2AG0016";

    private static string Agent(string arguments, string security = "") => $$"""
        using A2AGen;

        [A2AAgent("hello", Description = "Says hello"{{arguments}})]
        {{security}}
        public partial class HelloAgent
        {
            [Skill("greet", Description = "Greets", Tags = ["demo"])]
            public string Greet(string name) => name;
        }
        """;

    [Theory]
    [InlineData(", [|Url = \"/a2a\"|]")]
    [InlineData(", [|DocumentationUrl = \"docs\"|]")]
    [InlineData(", [|IconUrl = \"ftp://example.com/icon.png\"|]")]
    [InlineData(", Organization = \"Example\", [|OrganizationUrl = \"example.com\"|]")]
    public Task An_invalid_agent_url_is_reported_on_its_argument(string arguments) =>
        Verify.AnalyzerAsync(Id, Agent(arguments));

    [Fact]
    public async Task The_message_names_the_field_its_owner_and_the_value()
    {
        await Verify.DiagnosticsAsync(
            Agent(", {|#0:DocumentationUrl = \"docs\"|}"),
            Verify.Diagnostic(Id).WithLocation(0)
                .WithMessage("The documentationUrl of agent 'hello' is 'docs', which is not an absolute http or https URL"));
    }

    [Fact]
    public Task An_invalid_scheme_url_is_reported_on_its_argument() =>
        Verify.AnalyzerAsync(Id, Agent("", "[OpenIdConnectAuth(\"oidc\", [|\"not a url\"|])]"));

    [Fact]
    public Task Absolute_urls_are_fine() =>
        Verify.NoDiagnosticsAsync(Agent(
            ", Url = \"https://agents.example.com/a2a\", DocumentationUrl = \"https://example.com/docs\", Organization = \"Example\", OrganizationUrl = \"https://example.com\"",
            "[OpenIdConnectAuth(\"oidc\", \"https://auth.example.com/.well-known/openid-configuration\")]"));
}
