using A2AGen.Analyzers.Tests.Infrastructure;

namespace A2AGen.Analyzers.Tests.Rules;

/// <summary>A2AG0012: an agent version that is not a semantic version.</summary>
public class A2AG0012_InvalidVersionTests
{
    private const string Id = "A2AG0012";

    private static string Agent(string versionArgument) => $$"""
        using A2AGen;

        [A2AAgent("hello", Description = "Says hello"{{versionArgument}})]
        public partial class HelloAgent
        {
            [Skill("greet", Description = "Greets", Tags = ["demo"])]
            public string Greet(string name) => name;
        }
        """;

    [Theory]
    [InlineData("1.0")]
    [InlineData("v1.2.3")]
    [InlineData("1.2.3.4")]
    [InlineData("01.2.3")]
    [InlineData("latest")]
    public async Task A_non_semantic_version_is_a_warning_on_the_argument(string version)
    {
        await Verify.DiagnosticsAsync(
            Agent($", {{|#0:Version = \"{version}\"|}}"),
            Verify.Diagnostic(Id).WithLocation(0).WithSeverity(Microsoft.CodeAnalysis.DiagnosticSeverity.Warning)
                .WithMessage($"Agent 'hello' version '{version}' is not a semantic version (x.y.z)"));
    }

    [Theory]
    [InlineData(", Version = \"1.2.3\"")]
    [InlineData(", Version = \"0.1.0-beta.2+build.5\"")]
    [InlineData("")]
    public Task Semantic_versions_and_the_default_are_fine(string versionArgument) =>
        Verify.NoDiagnosticsAsync(Agent(versionArgument));
}
