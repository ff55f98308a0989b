extern alias components;

using System.Collections.Immutable;
using components::A2AGen.Analyzers;
using A2AGen.Benchmarks.Generator;
using components::A2AGen.Generators;
using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace A2AGen.Benchmarks.Analyzers;

/// <summary>
/// What the A2AGen analyzer adds to a build's diagnostics of the 200-agent × 10-skill project among 2,000 plain
/// classes (<see cref="SyntheticProject"/>, with the generator's output added, as in a build):
/// <list type="bullet">
/// <item><c>CompilerOnly</c> — <c>compilation.GetDiagnostics()</c> on a fresh clone nobody has bound: the baseline;</item>
/// <item><c>A2AGenAnalyzerActions</c> — the analyzer's own work: its symbol actions over every source symbol of a
/// compilation the compiler has already bound (bound in the iteration setup, as a build binds it anyway), run by
/// <see cref="SymbolActionRunner"/> without the analyzer driver;</item>
/// <item><c>WithA2AGenAnalyzer</c> / <c>WithEmptyAnalyzer</c> — compiler and analyzer through
/// <c>CompilationWithAnalyzers.GetAllDiagnosticsAsync()</c> on a fresh clone, with the A2AGen analyzer or with one
/// that registers the same actions and does nothing: their difference is the A2AGen analyzer's cost, the rest is the
/// analyzer driver's, which any analyzer pays (every SDK project already runs analyzers).</item>
/// </list>
/// </summary>
[MemoryDiagnoser]
public class AnalyzerBenchmarks
{
    private readonly SymbolActionRunner _runner = new(new AgentDeclarationAnalyzer());
    private Compilation _generated = null!;
    private Compilation _input = null!;

    [GlobalSetup]
    public void Setup()
    {
        var project = SyntheticProject.Create();
        CSharpGeneratorDriver.Create([new AgentGenerator().AsSourceGenerator()], parseOptions: new CSharpParseOptions(LanguageVersion.Latest))
            .RunGeneratorsAndUpdateCompilation(project.Compilation, out _generated, out _);

        // The measured project must be valid and clean: no compiler error, no A2AGen diagnostic (the work measured is
        // the analysis of valid agents, which is what every build of a healthy project pays).
        var errors = _generated.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).Take(5).ToList();
        var reported = Analyze(_generated.Clone(), new AgentDeclarationAnalyzer()).Where(d => d.Id.StartsWith("A2AG", StringComparison.Ordinal)).Take(5).ToList();
        if (errors.Count > 0 || reported.Count > 0)
        {
            throw new InvalidOperationException("The synthetic project is not clean: " + string.Join("; ", errors.Concat(reported)));
        }

        // ... and the analyzer is really at work on it, with the driver and without: one broken agent is reported.
        var probe = CSharpSyntaxTree.ParseText(
            """[A2AGen.A2AAgent("Not An Id", Description = "Probe")] public partial class Probe { [A2AGen.Skill("s", Description = "d", Tags = ["t"])] public string S(string s) => s; }""",
            new CSharpParseOptions(LanguageVersion.Latest));
        var probed = _generated.AddSyntaxTrees(probe);
        if (!Analyze(probed, new AgentDeclarationAnalyzer()).Any(d => d.Id == "A2AG0004") || _runner.Run(probed) != 1)
        {
            throw new InvalidOperationException("The A2AGen analyzer did not report the broken probe agent exactly once.");
        }
    }

    [IterationSetup(Targets = [nameof(CompilerOnly), nameof(WithA2AGenAnalyzer), nameof(WithEmptyAnalyzer)])]
    public void FreshCompilation() => _input = _generated.Clone();

    [IterationSetup(Targets = [nameof(A2AGenAnalyzerActions)])]
    public void BoundCompilation()
    {
        _input = _generated.Clone();
        _ = _input.GetDiagnostics();
    }

    /// <summary>The compiler alone: binding and checking every declaration and method body.</summary>
    [Benchmark(Baseline = true)]
    public int CompilerOnly() => _input.GetDiagnostics().Length;

    /// <summary>The A2AGen analyzer's symbol actions on the bound project, without the driver.</summary>
    [Benchmark]
    public int A2AGenAnalyzerActions() => _runner.Run(_input);

    /// <summary>The compiler and the A2AGen analyzer, through the analyzer driver.</summary>
    [Benchmark]
    public int WithA2AGenAnalyzer() => Analyze(_input, new AgentDeclarationAnalyzer()).Length;

    /// <summary>The compiler and an analyzer that does nothing: the analyzer driver's share.</summary>
    [Benchmark]
    public int WithEmptyAnalyzer() => Analyze(_input, new EmptyAnalyzer()).Length;

    private static ImmutableArray<Diagnostic> Analyze(Compilation compilation, DiagnosticAnalyzer analyzer) =>
        compilation.WithAnalyzers(
                [analyzer],
                new CompilationWithAnalyzersOptions(new AnalyzerOptions([]), onAnalyzerException: null, concurrentAnalysis: true, logAnalyzerExecutionTime: false))
            .GetAllDiagnosticsAsync().GetAwaiter().GetResult();

    // Created in process by the benchmark, never loaded by a compiler: the rules for shipped analyzers do not apply.
#pragma warning disable RS1036, RS1041, RS2008

    /// <summary>Registers what the A2AGen analyzer registers, and does nothing.</summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    private sealed class EmptyAnalyzer : DiagnosticAnalyzer
    {
        private static readonly DiagnosticDescriptor Unused = new("EMPTY0001", "Unused", "Unused", "Benchmark", DiagnosticSeverity.Hidden, isEnabledByDefault: true);

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => [Unused];

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterCompilationStartAction(static start =>
            {
                start.RegisterSymbolAction(static _ => { }, SymbolKind.NamedType);
                start.RegisterSymbolAction(static _ => { }, SymbolKind.Method);
            });
        }
    }
#pragma warning restore RS1036, RS1041, RS2008
}
