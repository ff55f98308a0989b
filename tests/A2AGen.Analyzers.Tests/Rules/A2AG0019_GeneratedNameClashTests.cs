using A2AGen.Analyzers.Tests.Infrastructure;

namespace A2AGen.Analyzers.Tests.Rules;

/// <summary>A2AG0019: a member or type name the generator needs is already declared.</summary>
public class A2AG0019_GeneratedNameClashTests
{
    private const string Id = "A2AG0019";

    [Theory]
    [InlineData("public static string [|Card|] => \"mine\";")]
    [InlineData("public int [|Descriptor|] { get; set; }")]
    [InlineData("private readonly byte[] [|CardJson|] = [];")]
    [InlineData("public System.Threading.Tasks.Task [|DispatchAsync|](string request) => System.Threading.Tasks.Task.CompletedTask;")]
    public Task A_member_with_a_generated_name_is_reported_on_the_member(string member) =>
        Verify.AnalyzerAsync(Id, $$"""
            using A2AGen;

            [A2AAgent("hello", Description = "Says hello")]
            public partial class HelloAgent
            {
                {{member}}

                [Skill("greet", Description = "Greets", Tags = ["demo"])]
                public string Greet(string name) => name;
            }
            """);

    [Fact]
    public async Task A_type_with_the_passport_class_name_is_reported_on_the_agent()
    {
        await Verify.DiagnosticsAsync(
            """
            using A2AGen;

            namespace Travel;

            public sealed class TravelAgentPassport
            {
            }

            [A2AAgent("travel", Description = "Books trips")]
            [PassportKeys("home_airport")]
            public partial class {|#0:TravelAgent|}
            {
                [Skill("search", Description = "Searches", Tags = ["travel"])]
                public string Search(string query) => query;
            }
            """,
            Verify.Diagnostic(Id).WithLocation(0)
                .WithMessage("Agent class 'TravelAgent' cannot be generated: 'TravelAgentPassport' is already declared, and A2AGen generates a member or type of that name"));
    }

    [Fact]
    public Task Other_names_and_a_DispatchAsync_overload_with_other_parameters_are_fine() =>
        Verify.NoDiagnosticsAsync("""
            using A2AGen;

            public sealed class HelloAgentPassport
            {
            }

            [A2AAgent("hello", Description = "Says hello")]
            public partial class HelloAgent
            {
                public static string Cards => "mine";

                public void DispatchAsync(string a, string b) { }

                [Skill("greet", Description = "Greets", Tags = ["demo"])]
                public string Greet(string name) => name;
            }
            """);
}
