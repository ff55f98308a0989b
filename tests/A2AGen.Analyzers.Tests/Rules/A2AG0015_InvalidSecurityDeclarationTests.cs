using A2AGen.Analyzers.Tests.Infrastructure;

namespace A2AGen.Analyzers.Tests.Rules;

/// <summary>A2AG0015: a security scheme or requirement that cannot be described in the card.</summary>
public class A2AG0015_InvalidSecurityDeclarationTests
{
    private const string Id = "A2AG0015";

    private static string Agent(string security) => $$"""
        using A2AGen;

        [A2AAgent("secure", Description = "Checks callers")]
        {{security}}
        public partial class SecureAgent
        {
            [Skill("check", Description = "Checks", Tags = ["demo"])]
            public string Check(string text) => text;
        }
        """;

    [Theory]
    [InlineData("[BearerAuth(\"bearer\")] [BasicAuth([|\"bearer\"|])]")]
    [InlineData("[BearerAuth(\"bearer\")] [SecurityRequirement(\"bearer\", [|\"missing\"|])]")]
    [InlineData("[BearerAuth([|\"\"|])]")]
    [InlineData("[OAuth2ClientCredentials(\"oauth\", \"https://auth.example.com/token\", Scopes = [\"read\", [|\"read=again\"|]])]")]
    public Task An_invalid_scheme_or_requirement_is_reported_on_the_argument(string security) =>
        Verify.AnalyzerAsync(Id, Agent(security));

    [Fact]
    public async Task The_message_names_the_scheme()
    {
        await Verify.DiagnosticsAsync(
            Agent("[BearerAuth(\"bearer\")] [SecurityRequirement({|#0:\"oops\"|})]"),
            Verify.Diagnostic(Id).WithLocation(0).WithMessage("Security scheme 'oops' is not declared on agent 'secure'"));
    }

    [Theory]
    [InlineData("[BearerAuth(\"bearer\")] [MutualTlsAuth(\"mtls\")] [SecurityRequirement(\"bearer\")] [SecurityRequirement(\"mtls\")]")]
    [InlineData("[ApiKeyAuth(\"key\", \"X-Key\", Location = ApiKeyLocation.Cookie)]")]
    [InlineData("[OAuth2AuthorizationCode(\"code\", \"https://auth.example.com/authorize\", \"https://auth.example.com/token\", Scopes = [\"read=Read things\", \"write\"])]")]
    public Task Valid_schemes_and_requirements_are_fine(string security) =>
        Verify.NoDiagnosticsAsync(Agent(security));
}
