using A2AGen.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace A2AGen.Analyzers.Tests.Infrastructure;

/// <summary>
/// An analyzer test of <see cref="AgentDeclarationAnalyzer"/> with Microsoft's test package: exactly the marked or
/// expected diagnostics, no analyzer exception, no unexpected compiler error, and the package's own checks that the
/// diagnostics disappear under <c>// &lt;auto-generated&gt;</c> and <c>#pragma warning disable</c>.
/// </summary>
internal class AgentAnalyzerTest : CSharpAnalyzerTest<AgentDeclarationAnalyzer, DefaultVerifier>
{
    /// <param name="defaultId">The id <c>[|…|]</c> stands for.</param>
    public AgentAnalyzerTest(string? defaultId = null)
    {
        DefaultId = defaultId;
        AgentProject.Configure(this);
    }

    public string? DefaultId { get; }

    /// <summary>An <c>.editorconfig</c> over every source of the project.</summary>
    public string EditorConfig
    {
        init => TestState.AnalyzerConfigFiles.Add((AgentProject.EditorConfigPath, value));
    }

    /// <summary>The last compilation analyzed (sources and generator output), for tests that look at the generated types.</summary>
    public Compilation? Compilation { get; private set; }

    protected override IEnumerable<Type> GetSourceGenerators() => AgentProject.Generators;

    protected override CompilationOptions CreateCompilationOptions() => AgentProject.CompilationOptions(base.CreateCompilationOptions());

    protected override ParseOptions CreateParseOptions() => AgentProject.ParseOptions(base.CreateParseOptions());

    protected override Project ApplyCompilationOptions(Project project) => AgentProject.WithoutDefaultRuleOptions(base.ApplyCompilationOptions(project));

    protected override DiagnosticDescriptor? GetDefaultDiagnostic(DiagnosticAnalyzer[] analyzers) => AgentProject.DefaultDescriptor(DefaultId, analyzers);

    protected override async Task<(Compilation compilation, System.Collections.Immutable.ImmutableArray<Diagnostic> generatorDiagnostics)> GetProjectCompilationAsync(
        Project project, IVerifier verifier, CancellationToken cancellationToken)
    {
        var result = await base.GetProjectCompilationAsync(project, verifier, cancellationToken);
        AgentProject.VerifyGeneratorQuiet(result.generatorDiagnostics, verifier);
        Compilation = result.compilation;
        return result;
    }
}

/// <summary>Shorthands over <see cref="AgentAnalyzerTest"/> for the common cases.</summary>
internal static class Verify
{
    /// <summary>An expected diagnostic of the analyzer, with the descriptor's default severity.</summary>
    public static DiagnosticResult Diagnostic(string id) => CSharpAnalyzerVerifier<AgentDeclarationAnalyzer, DefaultVerifier>.Diagnostic(id);

    /// <summary><paramref name="sources"/> must have exactly the diagnostics marked in them; <c>[|…|]</c> is <paramref name="defaultId"/>.</summary>
    public static Task AnalyzerAsync(string defaultId, params string[] sources) => RunAsync(new AgentAnalyzerTest(defaultId), sources, []);

    /// <summary>One source with its marked diagnostics and <paramref name="expected"/> (for <c>{|#n:…|}</c> locations).</summary>
    public static Task DiagnosticsAsync(string source, params DiagnosticResult[] expected) => RunAsync(new AgentAnalyzerTest(), [source], expected);

    /// <summary>Sources in which nothing may be reported.</summary>
    public static Task NoDiagnosticsAsync(params string[] sources) => RunAsync(new AgentAnalyzerTest(), sources, []);

    /// <summary>Runs <paramref name="test"/> on <paramref name="sources"/> and returns it (its <see cref="AgentAnalyzerTest.Compilation"/> is set).</summary>
    public static async Task<AgentAnalyzerTest> RunAsync(AgentAnalyzerTest test, string[] sources, DiagnosticResult[] expected)
    {
        foreach (var source in sources)
        {
            test.TestState.Sources.Add(source);
        }

        test.ExpectedDiagnostics.AddRange(expected);
        await test.RunAsync();
        return test;
    }
}
