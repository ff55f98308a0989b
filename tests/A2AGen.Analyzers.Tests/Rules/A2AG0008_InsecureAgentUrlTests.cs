using A2AGen.Analyzers.Tests.Infrastructure;

namespace A2AGen.Analyzers.Tests.Rules;

/// <summary>A2AG0008: an agent URL that is not https (http only for localhost, 127.0.0.1 and [::1]).</summary>
public class A2AG0008_InsecureAgentUrlTests
{
    private const string Id = "A2AG0008";

    private static string Agent(string urlArgument) => $$"""
        using A2AGen;

        [A2AAgent("hello", Description = "Says hello"{{urlArgument}})]
        public partial class HelloAgent
        {
            [Skill("greet", Description = "Greets", Tags = ["demo"])]
            public string Greet(string name) => name;
        }
        """;

    [Theory]
    [InlineData("http://agents.example.com/a2a")]
    [InlineData("http://10.0.0.5:8080/")]
    [InlineData("http://localhost.example.com/")]
    public async Task A_plain_http_url_is_reported_on_the_argument(string url)
    {
        await Verify.DiagnosticsAsync(
            Agent($", {{|#0:Url = \"{url}\"|}}"),
            Verify.Diagnostic(Id).WithLocation(0).WithSeverity(Microsoft.CodeAnalysis.DiagnosticSeverity.Warning)
                .WithMessage($"Agent 'hello' URL '{url}' is not https; only localhost, 127.0.0.1 and [::1] may use http"));
    }

    [Theory]
    [InlineData(", Url = \"https://agents.example.com/a2a\"")]
    [InlineData(", Url = \"http://localhost:5000/\"")]
    [InlineData(", Url = \"http://127.0.0.1/a2a\"")]
    [InlineData(", Url = \"http://[::1]:8080/\"")]
    [InlineData("")]
    public Task Https_loopback_and_the_default_are_fine(string urlArgument) =>
        Verify.NoDiagnosticsAsync(Agent(urlArgument));
}
