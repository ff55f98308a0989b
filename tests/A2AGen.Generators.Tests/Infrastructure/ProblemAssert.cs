using A2AGen.Declarations.Problems;
using Microsoft.CodeAnalysis;

namespace A2AGen.Generators.Tests.Infrastructure;

/// <summary>Parses a source with a sink and checks the problems found: id, severity and the exact text located.</summary>
internal static class ProblemAssert
{
    /// <summary>The common usings every problem test source starts with.</summary>
    public const string Usings = """
        using System;
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;
        using A2AGen;
        using A2AGen.Protocol;

        """;

    /// <summary>
    /// Asserts the problems of <paramref name="source"/> are exactly <paramref name="expected"/> (id and the source text at
    /// the reported location), and that the generator emits code for the agents exactly when no error was found.
    /// </summary>
    public static IReadOnlyList<DeclarationProblem> Problems(string source, params (string Id, string At)[] expected)
    {
        var compilation = TestCompilation.Create(Usings + source);
        var (problems, agents) = ProblemCollector.ParseAll(compilation);
        var actual = problems.Select(p => (p.Descriptor.Id, At(p.Location))).Order().ToList();
        Assert.True(
            actual.SequenceEqual(expected.Order()),
            $"expected:\n  {string.Join("\n  ", expected.Order())}\nactual:\n  {string.Join("\n  ", problems.Select(p => $"({p.Descriptor.Id}, {At(p.Location)}) {p.FormatMessage()}"))}");

        foreach (var problem in problems)
        {
            Assert.DoesNotContain("{", problem.FormatMessage(), StringComparison.Ordinal);
        }

        // The generator skips exactly the agents with errors (A2AG0005 is about a class that is no agent), and what
        // it emits compiles.
        var hasError = problems.Any(p => p.Descriptor.Severity == ProblemSeverity.Error && p.Descriptor.Id != ProblemIds.SkillOutsideAgent);
        Assert.Equal(hasError, agents.Any(a => a is null));
        var (result, output, _) = GeneratorRunner.Run(compilation);
        Assert.Equal(agents.Count(a => a is not null), result.GeneratedTrees.Count(t => !t.FilePath.EndsWith("Passport.g.cs", StringComparison.Ordinal)));
        var generated = result.GeneratedTrees.ToHashSet();
        var generatedErrors = output.GetDiagnostics().Where(d => d.Location.SourceTree is { } tree && generated.Contains(tree)).ToList();
        Assert.True(generatedErrors.Count == 0, GeneratorRunner.Describe(generatedErrors));
        return problems;
    }

    private static string At(Location location) =>
        location.SourceTree is { } tree ? tree.GetText().ToString(location.SourceSpan) : "<no location>";
}
