using System.Collections;
using System.Reflection;
using A2AGen.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace A2AGen.Generators.Tests;

/// <summary>
/// The pipeline caches: edits that do not change a declaration regenerate nothing, an attribute edit regenerates
/// only its agent, and no Roslyn object ever reaches a step's output.
/// </summary>
public class CacheabilityTests
{
    private const string AgentA = """
        using A2AGen;
        namespace Cache;
        [A2AAgent("agent-a", Description = "First")]
        public partial class AgentA
        {
            [Skill("one", Description = "One", Tags = ["t"])]
            public string One(string text) => text + "1";
        }

        public class NeighbourOfA { public int Value => 1; }
        """;

    private const string AgentB = """
        using A2AGen;
        namespace Cache;
        [A2AAgent("agent-b", Description = "Second")]
        [PassportKeys("region")]
        public partial class AgentB
        {
            [Skill("two", Description = "Two", Tags = ["t"])]
            public string Two(string text, AgentBPassport? passport) => text + "2";
        }
        """;

    private const string Plain = """
        namespace Cache;
        public class Plain { public int Compute(int x) => x * 2; }
        """;

    private static readonly string[] StepNames = [TrackingNames.ParsedAgents, TrackingNames.ValidAgents];

    [Fact]
    public void A_cloned_compilation_regenerates_nothing()
    {
        var compilation = Create();
        var driver = GeneratorRunner.Run(compilation).Driver;
        var second = driver.RunGenerators(compilation.Clone()).GetRunResult();
        AssertNothingRegenerated(second);
    }

    [Fact]
    public void Editing_an_unrelated_file_regenerates_nothing()
    {
        var compilation = Create();
        var driver = GeneratorRunner.Run(compilation).Driver;
        var edited = Replace(compilation, 2, Plain.Replace("x * 2", "x * 3", StringComparison.Ordinal));
        AssertNothingRegenerated(driver.RunGenerators(edited).GetRunResult());
    }

    [Fact]
    public void Editing_a_skill_method_body_regenerates_nothing()
    {
        var compilation = Create();
        var driver = GeneratorRunner.Run(compilation).Driver;
        var edited = Replace(compilation, 0, AgentA.Replace("text + \"1\"", "text + \"one\"", StringComparison.Ordinal));
        AssertNothingRegenerated(driver.RunGenerators(edited).GetRunResult());
    }

    [Fact]
    public void Reordering_declarations_in_a_file_regenerates_nothing()
    {
        var compilation = Create();
        var driver = GeneratorRunner.Run(compilation).Driver;

        // The agent's neighbour moves above it.
        var reorderedA = """
            using A2AGen;
            namespace Cache;
            public class NeighbourOfA { public int Value => 1; }

            [A2AAgent("agent-a", Description = "First")]
            public partial class AgentA
            {
                [Skill("one", Description = "One", Tags = ["t"])]
                public string One(string text) => text + "1";
            }
            """;
        AssertNothingRegenerated(driver.RunGenerators(Replace(compilation, 0, reorderedA)).GetRunResult());
    }

    [Fact]
    public void Reordering_files_regenerates_nothing()
    {
        var compilation = Create();
        var driver = GeneratorRunner.Run(compilation).Driver;
        var result = driver.RunGenerators(TestCompilation.Create([Plain, AgentB, AgentA], "Cache")).GetRunResult();

        // ForAttributeWithMetadataName yields agents in file order, so its items move; the generator sorts them
        // by type name before emitting, so nothing after that step changes and no source is produced again.
        AssertNothingRegenerated(result, allowMovedItems: true);
    }

    [Fact]
    public void Changing_an_attribute_argument_regenerates_only_that_agent()
    {
        var compilation = Create();
        var driver = GeneratorRunner.Run(compilation).Driver;
        var edited = Replace(compilation, 1, AgentB.Replace("Description = \"Second\"", "Description = \"Second, edited\"", StringComparison.Ordinal));
        var result = driver.RunGenerators(edited).GetRunResult().Results.Single();

        var parsed = result.TrackedSteps[TrackingNames.ParsedAgents].SelectMany(step => step.Outputs).ToList();
        Assert.Equal(2, parsed.Count);
        Assert.Single(parsed, output => output.Reason == IncrementalStepRunReason.Modified);
        Assert.Single(parsed, output => output.Reason is IncrementalStepRunReason.Unchanged or IncrementalStepRunReason.Cached);

        var outputs = result.TrackedOutputSteps.SelectMany(step => step.Value).SelectMany(step => step.Outputs).ToList();
        Assert.Single(outputs, output => output.Reason == IncrementalStepRunReason.Modified);
        Assert.Single(outputs, output => output.Reason == IncrementalStepRunReason.Cached);
        Assert.Contains("Second, edited", result.GeneratedSources.Single(s => s.HintName == "Cache.AgentB.g.cs").SourceText.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Moving_a_skill_type_to_another_namespace_in_another_file_regenerates_that_agent()
    {
        // The agent's own file does not change: only the binding of its skill's types does. The parser must re-read
        // the symbols on every compilation change, or the generated code would keep naming a type that moved.
        const string agent = """
            using A2AGen;
            using Cache.V1;
            using Cache.V2;
            namespace Cache;
            [A2AAgent("quotes", Description = "Quotes")]
            public partial class QuoteAgent
            {
                [Skill("quote", Description = "Quote", Tags = ["t"])]
                public Quote Price(Order order) => new(order.Amount);
            }
            """;
        const string types = """
            namespace Cache.V1;
            public sealed record Order(decimal Amount);
            public sealed record Quote(decimal Total);
            """;
        // Both namespaces exist before and after the move, so the agent's usings always resolve.
        const string namespaces = """
            namespace Cache.V1 { internal static class V1Marker { } }
            namespace Cache.V2 { internal static class V2Marker { } }
            """;
        var compilation = TestCompilation.Create([agent, types, namespaces], "Cache");
        var (first, _, driver) = GeneratorRunner.Run(compilation);
        var before = GeneratorRunner.Sources(first)["Cache.QuoteAgent.g.cs"];
        Assert.Contains("global::Cache.V1.Quote", before, StringComparison.Ordinal);

        var edited = Replace(compilation, 1, types.Replace("namespace Cache.V1;", "namespace Cache.V2;", StringComparison.Ordinal));
        var (second, output, _) = GeneratorRunner.Run(edited, driver);
        var after = GeneratorRunner.Sources(second)["Cache.QuoteAgent.g.cs"];
        Assert.Contains("global::Cache.V2.Quote", after, StringComparison.Ordinal);
        Assert.Contains("global::Cache.V2.Order", after, StringComparison.Ordinal);
        Assert.DoesNotContain("Cache.V1.", after, StringComparison.Ordinal);
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
    }

    [Fact]
    public void Step_outputs_hold_no_Roslyn_objects()
    {
        var compilation = Create();
        var result = GeneratorRunner.Run(compilation).Result.Results.Single();
        var visited = 0;
        foreach (var name in StepNames)
        {
            foreach (var output in result.TrackedSteps[name].SelectMany(step => step.Outputs))
            {
                visited += AssertNoRoslynObject(output.Value, name, new HashSet<object>(ReferenceEqualityComparer.Instance));
            }
        }

        Assert.True(visited > 50, $"the walk visited only {visited} objects");
    }

    private static CSharpCompilation Create() => TestCompilation.Create([AgentA, AgentB, Plain], "Cache");

    private static CSharpCompilation Replace(CSharpCompilation compilation, int index, string source)
    {
        var old = compilation.SyntaxTrees.ElementAt(index);
        return compilation.ReplaceSyntaxTree(old, CSharpSyntaxTree.ParseText(source, TestCompilation.ParseOptions, old.FilePath));
    }

    private static void AssertNothingRegenerated(GeneratorDriverRunResult run, bool allowMovedItems = false)
    {
        var result = run.Results.Single();
        foreach (var name in StepNames)
        {
            if (allowMovedItems && name == TrackingNames.ParsedAgents)
            {
                continue;
            }

            Assert.True(result.TrackedSteps.ContainsKey(name), $"step {name} did not run");
            foreach (var output in result.TrackedSteps[name].SelectMany(step => step.Outputs))
            {
                Assert.True(output.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"{name}: {output.Reason}");
            }
        }

        var sources = result.TrackedOutputSteps.SelectMany(step => step.Value).SelectMany(step => step.Outputs).ToList();
        Assert.Equal(2, sources.Count);
        Assert.All(sources, output => Assert.Equal(IncrementalStepRunReason.Cached, output.Reason));
    }

    private static int AssertNoRoslynObject(object? value, string step, HashSet<object> seen)
    {
        if (value is null || !seen.Add(value))
        {
            return 0;
        }

        var type = value.GetType();
        Assert.False(
            type.Assembly.GetName().Name!.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal) ||
            value is ISymbol or SyntaxNode or SyntaxTree or Compilation or SemanticModel or Location or AttributeData,
            $"step {step} holds a Roslyn object: {type.FullName}");
        if (type.IsPrimitive || type.IsEnum || value is string)
        {
            return 1;
        }

        var count = 1;
        if (value is IEnumerable items)
        {
            foreach (var item in items)
            {
                count += AssertNoRoslynObject(item, step, seen);
            }
        }

        for (var current = type; current is not null && current != typeof(object); current = current.BaseType)
        {
            foreach (var field in current.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            {
                count += AssertNoRoslynObject(field.GetValue(value), step, seen);
            }
        }

        return count;
    }
}
