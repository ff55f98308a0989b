using A2AGen.Analyzers.Tests.Infrastructure;

namespace A2AGen.Analyzers.Tests.Rules;

/// <summary>A2AG0007: a card field that must not be empty is empty.</summary>
public class A2AG0007_EmptyCardFieldTests
{
    private const string Id = "A2AG0007";

    private static string Agent(string agentArguments, string skillArguments) => $$"""
        using A2AGen;

        [A2AAgent({{agentArguments}})]
        public partial class HelloAgent
        {
            [Skill({{skillArguments}})]
            public string Greet(string name) => name;
        }
        """;

    private const string GoodSkill = "\"greet\", Description = \"Greets\", Tags = [\"demo\"]";

    [Fact]
    public async Task A_missing_agent_description_is_reported_on_the_attribute()
    {
        await Verify.DiagnosticsAsync(
            """
            using A2AGen;

            [{|#0:A2AAgent("hello")|}]
            public partial class HelloAgent
            {
                [Skill("greet", Description = "Greets", Tags = ["demo"])]
                public string Greet(string name) => name;
            }
            """,
            Verify.Diagnostic(Id).WithLocation(0).WithMessage("The card field 'description' of agent 'hello' must not be empty"));
    }

    [Theory]
    [InlineData("\"hello\", [|Description = \"\"|]")]
    [InlineData("\"hello\", [|Description = \"   \"|]")]
    [InlineData("\"hello\", Description = \"Says hello\", [|Name = \"\"|]")]
    [InlineData("\"hello\", Description = \"Says hello\", [|Version = \"\"|]")]
    [InlineData("\"hello\", Description = \"Says hello\", [|Url = null|]")]
    [InlineData("\"hello\", Description = \"Says hello\", [|DefaultInputModes = []|]")]
    [InlineData("\"hello\", Description = \"Says hello\", DefaultOutputModes = [\"text/plain\", [|\"\"|]]")]
    public Task An_empty_agent_field_is_reported_on_its_argument(string agentArguments) =>
        Verify.AnalyzerAsync(Id, Agent(agentArguments, GoodSkill));

    [Theory]
    [InlineData("\"greet\", [|Description = \"\"|], Tags = [\"demo\"]")]
    [InlineData("\"greet\", Description = \"Greets\", [|Name = \" \"|], Tags = [\"demo\"]")]
    [InlineData("\"greet\", Description = \"Greets\", [|Tags = []|]")]
    [InlineData("\"greet\", Description = \"Greets\", Tags = [\"demo\", [|\"\"|]]")]
    [InlineData("\"greet\", Description = \"Greets\", Tags = [\"demo\"], Examples = [[|\"\"|]]")]
    public Task An_empty_skill_field_is_reported_on_its_argument(string skillArguments) =>
        Verify.AnalyzerAsync(Id, Agent("\"hello\", Description = \"Says hello\"", skillArguments));

    [Fact]
    public Task A_missing_skill_description_is_reported_on_the_attribute() =>
        Verify.AnalyzerAsync(Id, """
            using A2AGen;

            [A2AAgent("hello", Description = "Says hello")]
            public partial class HelloAgent
            {
                [[|Skill("greet", Tags = ["demo"])|]]
                public string Greet(string name) => name;
            }
            """);

    [Fact]
    public Task Missing_skill_tags_are_reported_on_the_attribute() =>
        Verify.AnalyzerAsync(Id, """
            using A2AGen;

            [A2AAgent("hello", Description = "Says hello")]
            public partial class HelloAgent
            {
                [[|Skill("greet", Description = "Greets")|]]
                public string Greet(string name) => name;
            }
            """);

    [Fact]
    public Task An_agent_without_skills_is_reported_on_its_attribute() =>
        Verify.AnalyzerAsync(Id, """
            using A2AGen;

            [[|A2AAgent("hello", Description = "Says hello")|]]
            public partial class HelloAgent
            {
            }
            """);

    [Fact]
    public Task Filled_fields_and_defaults_are_fine() =>
        Verify.NoDiagnosticsAsync(Agent(
            "\"hello\", Description = \"Says hello\", Name = \"Hello\", Version = \"2.0.0\", DefaultInputModes = [\"text/plain\"]",
            GoodSkill + ", Name = \"Greet\", Examples = [\"hi\"]"));
}
