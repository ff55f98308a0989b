using System.Collections.Concurrent;
using System.Collections.Immutable;
using A2AGen.Generators;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace A2AGen.Analyzers.Tests.Infrastructure;

/// <summary>What one analysis of a project found.</summary>
internal sealed record AnalysisResult(Compilation Compilation, ImmutableArray<Diagnostic> Analyzer, ImmutableArray<Diagnostic> Compiler);

/// <summary>
/// Analyzes a project as a build does: the generator first, then the compiler and <see cref="AgentDeclarationAnalyzer"/>
/// on the output, with the project's options (so <c>.editorconfig</c> severities and pragmas apply). Fails on any
/// analyzer exception (AD0001).
/// </summary>
internal static class Analysis
{
    public static async Task<AnalysisResult> RunAsync(Project project, DiagnosticAnalyzer? analyzer = null)
    {
        var compilation = (await project.GetCompilationAsync())!;
        CSharpGeneratorDriver.Create([new AgentGenerator().AsSourceGenerator()], parseOptions: TestProject.ParseOptions)
            .RunGeneratorsAndUpdateCompilation(compilation, out var output, out var generatorDiagnostics);
        Assert.Empty(generatorDiagnostics);

        var exceptions = new ConcurrentQueue<string>();
        var options = new CompilationWithAnalyzersOptions(
            project.AnalyzerOptions,
            onAnalyzerException: (exception, _, diagnostic) => exceptions.Enqueue($"{diagnostic}: {exception}"),
            concurrentAnalysis: true,
            logAnalyzerExecutionTime: false);
        var withAnalyzers = output.WithAnalyzers([analyzer ?? new AgentDeclarationAnalyzer()], options);
        var diagnostics = await withAnalyzers.GetAnalyzerDiagnosticsAsync();

        Assert.True(exceptions.IsEmpty, "The analyzer threw:\n" + string.Join("\n", exceptions));
        Assert.DoesNotContain(diagnostics, d => d.Id == "AD0001");
        return new AnalysisResult(output, diagnostics, output.GetDiagnostics());
    }

    /// <summary>A diagnostic as a test failure shows it: <c>Source0.cs(3,5)-(3,9) A2AG0001: message</c>.</summary>
    public static string Describe(Diagnostic diagnostic)
    {
        var span = diagnostic.Location.GetLineSpan();
        var file = Path.GetFileName(span.Path);
        return $"{file}({span.StartLinePosition.Line + 1},{span.StartLinePosition.Character + 1})-" +
            $"({span.EndLinePosition.Line + 1},{span.EndLinePosition.Character + 1}) {diagnostic.Id} [{diagnostic.Severity}]: {diagnostic.GetMessage()}";
    }

    public static string Describe(IEnumerable<Diagnostic> diagnostics) =>
        string.Join(Environment.NewLine, diagnostics.Select(Describe));
}
