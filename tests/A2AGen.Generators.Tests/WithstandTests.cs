using System.Text;
using System.Text.Json;
using A2AGen.Declarations.Parsing;
using A2AGen.Declarations.Problems;
using A2AGen.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace A2AGen.Generators.Tests;

/// <summary>
/// The "must withstand" list of issue 2: none of these may crash the generator or produce code or JSON that is wrong.
/// Each case runs the real generator and checks what it emitted (or that it emitted nothing).
/// </summary>
public class WithstandTests
{
    private const string Skill = """[Skill("ok", Description = "d", Tags = ["t"])] public string Ok(string s) => s;""";

    [Theory]
    [InlineData("public class NotPartial")]
    [InlineData("public partial class Generic<T>")]
    [InlineData("public partial struct Structure")]
    [InlineData("public partial interface IAgent")]
    [InlineData("public partial record class Generic2<T1, T2>")]
    public void Classes_the_generator_cannot_extend_produce_nothing(string declaration) =>
        AssertSkipped($$"""using A2AGen; [A2AAgent("a", Description = "d")] {{declaration}} { {{Skill.Replace("public string", "public static string", StringComparison.Ordinal)}} }""");

    [Fact]
    public void A_class_nested_in_a_generic_type_produces_nothing() =>
        AssertSkipped($$"""using A2AGen; public partial class Outer<T> { public partial class Middle { [A2AAgent("a", Description = "d")] public partial class Inner { {{Skill}} } } }""");

    [Fact]
    public void Duplicate_skill_ids_produce_nothing() =>
        AssertSkipped("""
            using A2AGen;
            [A2AAgent("a", Description = "d")]
            public partial class A
            {
                [Skill("dup", Description = "d", Tags = ["t"])] public string One(string s) => s;
                [Skill("dup", Description = "d", Tags = ["t"])] public string Two(string s) => s;
            }
            """);

    [Theory]
    [InlineData("")]
    [InlineData("../x")]
    [InlineData("..")]
    [InlineData("a b")]
    [InlineData("ågent")]
    [InlineData("agent\\u0000")]
    [InlineData("con/../../etc/passwd")]
    public void Empty_or_hostile_ids_produce_nothing(string id)
    {
        AssertSkipped($$"""using A2AGen; [A2AAgent("{{id}}", Description = "d")] public partial class A { {{Skill}} }""");
        AssertSkipped($$"""using A2AGen; [A2AAgent("a", Description = "d")] public partial class A { [Skill("{{id}}", Description = "d", Tags = ["t"])] public string S(string s) => s; }""");
    }

    [Fact]
    public void Attribute_arguments_that_are_not_constants_produce_nothing()
    {
        var source = $$"""
            using A2AGen;
            public static class Names { public static readonly string Id = "a"; public static string Description => "d"; }
            [A2AAgent(Names.Id, Description = Names.Description)]
            public partial class A { {{Skill}} }
            [A2AAgent("b", Description = "d")]
            public partial class B { [Skill(Names.Id, Description = "d", Tags = ["t"])] public string S(string s) => s; }
            """;
        var compilation = TestCompilation.Create(source);
        Assert.Contains(compilation.GetDiagnostics(), d => d.Id == "CS0182");
        AssertSkipped(source);
        var (problems, _) = ProblemCollector.ParseAll(compilation);
        Assert.Contains(problems, p => p.Descriptor.Severity == ProblemSeverity.Error);
    }

    [Fact]
    public void A_skill_outside_an_agent_produces_nothing_and_does_not_disturb_agents()
    {
        var compilation = TestCompilation.Create($$"""
            using A2AGen;
            public class Plain { [Skill("s", Description = "d", Tags = ["t"])] public string S(string s) => s; }
            [A2AAgent("a", Description = "d")] public partial class A { {{Skill}} }
            """);
        var (result, output, _) = GeneratorRunner.Run(compilation);
        Assert.Equal(["A.g.cs"], result.Results.Single().GeneratedSources.Select(s => s.HintName));
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
    }

    [Fact]
    public void A_very_long_description_is_carried_whole()
    {
        var description = string.Concat(Enumerable.Repeat("A long description with \"quotes\" and \\ and \u2028 and 😀. ", 4_000));
        var literal = description.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)
            .Replace("\u2028", "\\u2028", StringComparison.Ordinal);
        using var agents = LoadedAgents.Compile($$"""
            using A2AGen;
            [A2AAgent("long-agent", Description = "{{literal}}")]
            public partial class LongAgent { [Skill("s", Description = "{{literal}}", Tags = ["t"])] public string S(string s) => s; }
            """);
        Assert.True(description.Length > 200_000);
        Assert.Equal(description, agents.Card("LongAgent").Description);
        var json = JsonDocument.Parse(agents.CardJson("LongAgent")).RootElement;
        Assert.Equal(description, json.GetProperty("description").GetString());
        Assert.Equal(description, json.GetProperty("skills")[0].GetProperty("description").GetString());
        Assert.Equal(ReferenceJcs.Canonicalize(agents.CardJson("LongAgent")), agents.CardJson("LongAgent"));
    }

    [Fact]
    public void Characters_needing_JSON_escaping_give_exact_JSON()
    {
        // Every character from U+0000 to U+00FF, the line/paragraph separators, a bidi control, and non-BMP emoji.
        var all = new StringBuilder();
        for (var c = 0; c < 0x100; c++)
        {
            all.Append((char)c);
        }

        all.Append("\u2028\u2029\u202E\uFEFF😀\U0001F680");
        var text = all.ToString();
        var literal = string.Concat(text.Select(c => $"\\u{(int)c:X4}"));
        using var agents = LoadedAgents.Compile($$"""
            using A2AGen;
            [A2AAgent("json-agent", Name = "{{literal}}", Description = "d")]
            public partial class JsonAgent { [Skill("s", Description = "d", Tags = ["{{literal}}"])] public string S(string s) => s; }
            """);
        var cardJson = agents.CardJson("JsonAgent");
        var parsed = JsonDocument.Parse(cardJson).RootElement;
        Assert.Equal(text, parsed.GetProperty("name").GetString());
        Assert.Equal(text, parsed.GetProperty("skills")[0].GetProperty("tags")[0].GetString());
        Assert.Equal(text, agents.Card("JsonAgent").Name);
        Assert.Equal(ReferenceJcs.Canonicalize(cardJson), cardJson);

        // JCS: control characters escaped (short forms or lower-case \u00xx), U+007F and above written as UTF-8.
        var written = Encoding.UTF8.GetString(cardJson);
        Assert.Contains("\\u0000\\u0001", written, StringComparison.Ordinal);
        Assert.Contains("\\b\\t\\n\\u000b\\f\\r", written, StringComparison.Ordinal);
        Assert.Contains("\\u001f !\\\"", written, StringComparison.Ordinal);
        Assert.Contains("[\\\\]", written, StringComparison.Ordinal);
        Assert.Contains("\u007f\u0080", written, StringComparison.Ordinal);
        Assert.Contains("\u2028\u2029\u202E\uFEFF😀\U0001F680", written, StringComparison.Ordinal);
    }

    [Fact]
    public void Unpaired_surrogates_make_the_agent_invalid_instead_of_wrong_JSON() =>
        AssertSkipped($$"""using A2AGen; [A2AAgent("a", Description = "half \uD83D of an emoji")] public partial class A { {{Skill}} }""");

    [Fact]
    public void The_parser_honours_cancellation()
    {
        var compilation = TestCompilation.Create($$"""using A2AGen; [A2AAgent("a", Description = "d")] public partial class A { {{Skill}} }""");
        var type = compilation.GetTypeByMetadataName("A")!;
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => AgentParser.Parse(type, type.GetAttributes()[0], null, cancelled.Token));
    }

    private static void AssertSkipped(string source)
    {
        var compilation = TestCompilation.Create(source);
        var driver = GeneratorRunner.CreateDriver().RunGeneratorsAndUpdateCompilation(compilation, out var output, out var diagnostics);
        Assert.Empty(diagnostics);
        var result = driver.GetRunResult();
        Assert.Null(result.Results.Single().Exception);
        Assert.Empty(result.GeneratedTrees);

        // Nothing emitted means no new errors: the compilation's errors are the user's own.
        Assert.Equal(
            compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.ToString()).Order(),
            output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.ToString()).Order());
    }
}
