using A2AGen.Analyzers.Tests.Infrastructure;

namespace A2AGen.Analyzers.Tests.Rules;

/// <summary>
/// A2AG0013: an attribute argument that did not bind to a valid compile-time constant (the compiler reports its own
/// error too; the analyzer says which A2AGen argument the generator had to ignore).
/// </summary>
public class A2AG0013_NonConstantArgumentTests
{
    private const string Id = "A2AG0013";

    [Fact]
    public async Task A_field_that_is_not_const_is_reported_on_the_argument()
    {
        // The compiler's own error is marked too: the package compares compiler errors with the markup.
        await Verify.DiagnosticsAsync(
            """
            using A2AGen;

            [A2AAgent("hello", Description = "Says hello", {|#0:Version = {|CS0182:HelloAgent.CurrentVersion|}|})]
            public partial class HelloAgent
            {
                public static string CurrentVersion = "1.0.0";

                [Skill("greet", Description = "Greets", Tags = ["demo"])]
                public string Greet(string name) => name;
            }
            """,
            Verify.Diagnostic(Id).WithLocation(0).WithMessage("Argument 'Version' of [A2AAgent] must be a valid compile-time constant"));
    }

    [Fact]
    public Task A_non_constant_array_element_and_constructor_argument_are_reported() =>
        Verify.AnalyzerAsync(Id, """
            using A2AGen;

            [A2AAgent({|CS0182:[|HelloAgent.Id|]|}, Description = "Says hello")]
            public partial class HelloAgent
            {
                public static readonly string Id = "hello";
                public static string Tag = "demo";

                [Skill("greet", Description = "Greets", Tags = ["demo", {|CS0182:[|Tag|]|}])]
                public string Greet(string name) => name;
            }
            """);

    [Fact]
    public Task A_state_type_that_does_not_resolve_is_reported() =>
        Verify.AnalyzerAsync(Id, """
            using A2AGen;

            [A2AAgent("hello", Description = "Says hello")]
            [PassportKeys([|typeof({|CS0246:MissingState|})|])]
            public partial class HelloAgent
            {
                [Skill("greet", Description = "Greets", Tags = ["demo"])]
                public string Greet(string name) => name;
            }
            """);

    [Fact]
    public Task An_enum_value_the_enum_does_not_define_is_reported() =>
        Verify.AnalyzerAsync(Id, """
            using A2AGen;

            [A2AAgent("hello", Description = "Says hello")]
            [PassportKeys("tier")]
            public partial class HelloAgent
            {
                [Skill("greet", Description = "Greets", Tags = ["demo"], [|Privilege = (SkillPrivilege)7|])]
                public string Greet(string name) => name;
            }
            """);

    [Fact]
    public Task Constants_are_fine() =>
        Verify.NoDiagnosticsAsync("""
            using A2AGen;

            [A2AAgent(HelloAgent.Id, Description = HelloAgent.Id + " says hello", Version = HelloAgent.CurrentVersion)]
            public partial class HelloAgent
            {
                public const string Id = "hello";
                public const string CurrentVersion = "1.0.0";

                [Skill("greet", Description = "Greets", Tags = ["demo"])]
                public string Greet(string name) => name;
            }
            """);
}
