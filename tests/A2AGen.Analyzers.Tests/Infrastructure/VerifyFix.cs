using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;

namespace A2AGen.Analyzers.Tests.Infrastructure;

/// <summary>
/// Code-fix tests: analyze the marked sources, apply the fix (one diagnostic, or all through the fix's FixAll provider)
/// in the workspace, compare the texts, then analyze and compile the result again: it must have exactly the
/// diagnostics marked in the expected text and no compiler error or new compiler warning.
/// </summary>
internal static class VerifyFix
{
    public static Task FixAsync(CodeFixProvider fix, string defaultId, string before, string after) =>
        RunAsync(fix, defaultId, [before], [after], fixAll: false);

    public static Task FixAsync(CodeFixProvider fix, string defaultId, string[] before, string[] after) =>
        RunAsync(fix, defaultId, before, after, fixAll: false);

    public static Task FixAllAsync(CodeFixProvider fix, string defaultId, string before, string after) =>
        RunAsync(fix, defaultId, [before], [after], fixAll: true);

    /// <summary>The diagnostic is reported as marked, and the fix offers nothing for it.</summary>
    public static async Task NoFixAsync(CodeFixProvider fix, string defaultId, string markup, bool allowCompilerErrors = false)
    {
        var parsed = Markup.Parse(markup, defaultId);
        var project = TestProject.Create([parsed.Source]);
        var analysis = await Analysis.RunAsync(project);
        Verify.AssertMatches([parsed], analysis.Analyzer);
        if (!allowCompilerErrors)
        {
            AssertNoErrors(analysis);
        }

        foreach (var diagnostic in analysis.Analyzer.Where(d => fix.FixableDiagnosticIds.Contains(d.Id)))
        {
            Assert.Empty(await ActionsAsync(fix, project, diagnostic));
        }
    }

    private static async Task RunAsync(CodeFixProvider fix, string defaultId, string[] before, string[] after, bool fixAll)
    {
        var parsedBefore = before.Select(m => Markup.Parse(m, defaultId)).ToArray();
        var parsedAfter = after.Select(m => Markup.Parse(m, defaultId)).ToArray();
        var project = TestProject.Create([.. parsedBefore.Select(p => p.Source)]);
        var analysis = await Analysis.RunAsync(project);
        Verify.AssertMatches(parsedBefore, analysis.Analyzer);

        var fixable = analysis.Analyzer
            .Where(d => fix.FixableDiagnosticIds.Contains(d.Id))
            .OrderBy(d => d.Location.SourceTree!.FilePath, StringComparer.Ordinal)
            .ThenBy(d => d.Location.SourceSpan.Start)
            .ToImmutableArray();
        Assert.NotEmpty(fixable);

        var actions = await ActionsAsync(fix, project, fixable[0]);
        var action = Assert.Single(actions);
        if (fixAll)
        {
            var provider = fix.GetFixAllProvider()!;
            var context = new FixAllContext(
                project.GetDocument(fixable[0].Location.SourceTree)!, fix, FixAllScope.Solution, action.EquivalenceKey,
                fix.FixableDiagnosticIds, new KnownDiagnostics(fixable), CancellationToken.None);
            action = (await provider.GetFixAsync(context))!;
            Assert.NotNull(action);
        }

        var operations = await action.GetOperationsAsync(CancellationToken.None);
        var solution = Assert.Single(operations.OfType<ApplyChangesOperation>()).ChangedSolution;
        var fixedProject = solution.GetProject(project.Id)!;

        for (var i = 0; i < parsedAfter.Length; i++)
        {
            var document = fixedProject.Documents.Single(d => d.Name == TestProject.FileName(i));
            var text = (await document.GetTextAsync()).ToString();
            Assert.Equal(parsedAfter[i].Source.ReplaceLineEndings("\n"), text.ReplaceLineEndings("\n"));
        }

        var reanalysis = await Analysis.RunAsync(fixedProject);
        Verify.AssertMatches(parsedAfter, reanalysis.Analyzer);
        AssertNoErrors(reanalysis);
        var warningsBefore = analysis.Compiler.Where(d => d.Severity == DiagnosticSeverity.Warning).Select(d => d.Id + d.GetMessage()).ToHashSet();
        var newWarnings = reanalysis.Compiler.Where(d => d.Severity == DiagnosticSeverity.Warning && !warningsBefore.Contains(d.Id + d.GetMessage())).ToList();
        Assert.True(newWarnings.Count == 0, "The fix introduced compiler warnings:\n" + Analysis.Describe(newWarnings));
    }

    private static async Task<List<CodeAction>> ActionsAsync(CodeFixProvider fix, Project project, Diagnostic diagnostic)
    {
        var actions = new List<CodeAction>();
        var document = project.GetDocument(diagnostic.Location.SourceTree)!;
        var context = new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), CancellationToken.None);
        await fix.RegisterCodeFixesAsync(context);
        return actions;
    }

    private static void AssertNoErrors(AnalysisResult result)
    {
        var errors = result.Compiler.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Count == 0, "The result does not compile:\n" + Analysis.Describe(errors));
    }

    /// <summary>FixAll's view of the diagnostics: those the analysis found.</summary>
    private sealed class KnownDiagnostics(ImmutableArray<Diagnostic> diagnostics) : FixAllContext.DiagnosticProvider
    {
        public override Task<IEnumerable<Diagnostic>> GetDocumentDiagnosticsAsync(Document document, CancellationToken cancellationToken) =>
            Task.FromResult(diagnostics.Where(d => d.Location.SourceTree?.FilePath == document.FilePath));

        public override Task<IEnumerable<Diagnostic>> GetProjectDiagnosticsAsync(Project project, CancellationToken cancellationToken) =>
            Task.FromResult(Enumerable.Empty<Diagnostic>());

        public override Task<IEnumerable<Diagnostic>> GetAllDiagnosticsAsync(Project project, CancellationToken cancellationToken) =>
            Task.FromResult<IEnumerable<Diagnostic>>(diagnostics);
    }
}
