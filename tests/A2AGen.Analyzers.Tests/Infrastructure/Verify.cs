using Microsoft.CodeAnalysis;

namespace A2AGen.Analyzers.Tests.Infrastructure;

/// <summary>How a markup test runs.</summary>
internal sealed record Check
{
    /// <summary>The id <c>[|...|]</c> stands for.</summary>
    public string? DefaultId { get; init; }

    /// <summary>Whether the sources may have compiler errors (e.g. an argument that is not a constant).</summary>
    public bool AllowCompilerErrors { get; init; }

    public string? EditorConfig { get; init; }

    /// <summary>A source added as <c>Generated.g.cs</c>, which the compiler treats as generated code.</summary>
    public string? GeneratedSource { get; init; }
}

/// <summary>Markup tests: the analyzer must report exactly the marked diagnostics, no more, no fewer.</summary>
internal static class Verify
{
    public static Task<AnalysisResult> AnalyzerAsync(string defaultId, params string[] markups) =>
        AnalyzerAsync(new Check { DefaultId = defaultId }, markups);

    /// <summary>Sources in which nothing may be reported.</summary>
    public static Task<AnalysisResult> NoDiagnosticsAsync(params string[] sources) => AnalyzerAsync(new Check(), sources);

    public static async Task<AnalysisResult> AnalyzerAsync(Check check, params string[] markups)
    {
        var parsed = markups.Select(m => Markup.Parse(m, check.DefaultId)).ToArray();
        var project = TestProject.Create([.. parsed.Select(p => p.Source)], check.EditorConfig, check.GeneratedSource);
        var result = await Analysis.RunAsync(project);
        AssertMatches(parsed, result.Analyzer);

        if (!check.AllowCompilerErrors)
        {
            var errors = result.Compiler.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
            Assert.True(errors.Count == 0, "The test sources do not compile:\n" + Analysis.Describe(errors));
        }

        return result;
    }

    /// <summary>Asserts that <paramref name="actual"/> are exactly the spans marked in <paramref name="sources"/>.</summary>
    public static void AssertMatches(IReadOnlyList<Markup> sources, IEnumerable<Diagnostic> actual)
    {
        var expected = new List<string>();
        for (var i = 0; i < sources.Count; i++)
        {
            foreach (var span in sources[i].Expected)
            {
                expected.Add($"{TestProject.FileName(i)}[{span.Span.Start}..{span.Span.End}) {span.Id}");
            }
        }

        var found = actual
            .Select(d => $"{Path.GetFileName(d.Location.SourceTree?.FilePath)}[{d.Location.SourceSpan.Start}..{d.Location.SourceSpan.End}) {d.Id}")
            .ToList();
        expected.Sort(StringComparer.Ordinal);
        found.Sort(StringComparer.Ordinal);
        if (!expected.SequenceEqual(found))
        {
            Assert.Fail(
                "Diagnostics differ from the markup.\nExpected:\n  " + string.Join("\n  ", expected) +
                "\nActual:\n  " + string.Join("\n  ", found) +
                "\nActual in full:\n" + Analysis.Describe(actual.OrderBy(d => d.Location.SourceSpan.Start)) +
                "\nMarked text:\n" + string.Join("\n", sources.SelectMany((s, i) => s.Expected.Select(e => $"  {e.Id}: '{s.Source.Substring(e.Span.Start, e.Span.Length)}'"))));
        }

        foreach (var diagnostic in actual)
        {
            // A message with an unfilled or missing argument shows up as a literal brace.
            Assert.DoesNotContain("{", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        }
    }
}
