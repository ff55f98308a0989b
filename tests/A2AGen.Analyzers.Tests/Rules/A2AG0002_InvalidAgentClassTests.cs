using A2AGen.Analyzers.Tests.Infrastructure;

namespace A2AGen.Analyzers.Tests.Rules;

/// <summary>A2AG0002: an agent class that is not partial, is generic, is nested in a generic type (or static, file-local).</summary>
public class A2AG0002_InvalidAgentClassTests
{
    private const string Id = "A2AG0002";

    private const string Skill = """
            [Skill("greet", Description = "Greets", Tags = ["demo"])]
            public string Greet(string name) => name;
        """;

    [Fact]
    public Task A_class_that_is_not_partial_is_reported_on_its_name() =>
        Verify.AnalyzerAsync(Id, $$"""
            using A2AGen;

            [A2AAgent("hello", Description = "Says hello")]
            public class [|HelloAgent|]
            {
            {{Skill}}
            }
            """);

    [Fact]
    public async Task The_message_names_the_class_and_what_is_wrong()
    {
        await Verify.DiagnosticsAsync(
            $$"""
            using A2AGen;

            [A2AAgent("hello", Description = "Says hello")]
            public class {|#0:HelloAgent|}
            {
            {{Skill}}
            }
            """,
            Verify.Diagnostic(Id).WithLocation(0).WithMessage("Agent class 'HelloAgent' must be declared partial"));
    }

    [Fact]
    public Task A_generic_class_is_reported() =>
        Verify.AnalyzerAsync(Id, $$"""
            using A2AGen;

            [A2AAgent("hello", Description = "Says hello")]
            public partial class [|HelloAgent|]<T>
            {
            {{Skill}}
            }
            """);

    [Fact]
    public Task A_class_nested_in_a_generic_type_is_reported() =>
        Verify.AnalyzerAsync(Id, $$"""
            using A2AGen;

            public partial class Outer<T>
            {
                [A2AAgent("hello", Description = "Says hello")]
                public partial class [|HelloAgent|]
                {
                {{Skill}}
                }
            }
            """);

    [Fact]
    public Task A_class_nested_in_a_type_that_is_not_partial_is_reported() =>
        Verify.AnalyzerAsync(Id, $$"""
            using A2AGen;

            public class Outer
            {
                [A2AAgent("hello", Description = "Says hello")]
                public partial class [|HelloAgent|]
                {
                {{Skill}}
                }
            }
            """);

    [Fact]
    public Task A_static_class_is_reported() =>
        Verify.AnalyzerAsync(Id, """
            using A2AGen;

            [A2AAgent("hello", Description = "Says hello")]
            public static partial class [|HelloAgent|]
            {
                [Skill("greet", Description = "Greets", Tags = ["demo"])]
                public static string Greet(string name) => name;
            }
            """);

    [Fact]
    public Task A_file_local_class_is_reported() =>
        Verify.AnalyzerAsync(Id, $$"""
            using A2AGen;

            [A2AAgent("hello", Description = "Says hello")]
            file partial class [|HelloAgent|]
            {
            {{Skill}}
            }
            """);

    [Fact]
    public Task Partial_classes_records_and_partial_nesting_are_fine() =>
        Verify.NoDiagnosticsAsync($$"""
            using A2AGen;

            namespace Fine;

            [A2AAgent("hello", Description = "Says hello")]
            public partial class HelloAgent
            {
            {{Skill}}
            }

            [A2AAgent("record-agent", Description = "A record")]
            public partial record RecordAgent
            {
            {{Skill}}
            }

            public partial class Outer
            {
                public partial struct Middle
                {
                    [A2AAgent("nested", Description = "Nested")]
                    internal partial class NestedAgent
                    {
                    {{Skill}}
                    }
                }
            }
            """);

    [Fact]
    public Task Every_part_of_a_partial_class_counts_once() =>
        Verify.NoDiagnosticsAsync(
            """
            using A2AGen;

            [A2AAgent("hello", Description = "Says hello")]
            public partial class HelloAgent
            {
            }
            """,
            $$"""
            using A2AGen;

            public partial class HelloAgent
            {
            {{Skill}}
            }
            """);
}
