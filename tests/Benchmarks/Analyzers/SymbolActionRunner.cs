using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace A2AGen.Benchmarks.Analyzers;

/// <summary>
/// Runs an analyzer's symbol actions over every source symbol of a compilation, without the analyzer driver: what the
/// analyzer itself costs once the compiler has bound the project (a build binds it anyway). Supports what symbol
/// analyzers use — compilation-start and symbol actions — and skips symbols declared only in generated files, as
/// <see cref="GeneratedCodeAnalysisFlags.None"/> does.
/// </summary>
internal sealed class SymbolActionRunner
{
    private readonly List<(Action<SymbolAnalysisContext> Action, ImmutableArray<SymbolKind> Kinds)> _symbolActions = [];
    private readonly List<Action<CompilationStartAnalysisContext>> _startActions = [];
    private readonly DiagnosticAnalyzer _analyzer;

    public SymbolActionRunner(DiagnosticAnalyzer analyzer)
    {
        _analyzer = analyzer;
        analyzer.Initialize(new Registrations(this));
    }

    /// <summary>Runs the actions over <paramref name="compilation"/>; returns the number of diagnostics reported.</summary>
    public int Run(Compilation compilation)
    {
        var actions = new List<(Action<SymbolAnalysisContext> Action, ImmutableArray<SymbolKind> Kinds)>(_symbolActions);
        foreach (var start in _startActions)
        {
            start(new StartRegistrations(compilation, actions));
        }

        var reported = 0;
        var supported = _analyzer.SupportedDiagnostics;
        foreach (var symbol in SourceSymbols(compilation.Assembly.GlobalNamespace))
        {
            foreach (var (action, kinds) in actions)
            {
                if (kinds.Contains(symbol.Kind))
                {
                    // Obsolete for analyzer hosts (which should use CompilationWithAnalyzers); here it is the point: no driver.
#pragma warning disable CS0618
                    action(new SymbolAnalysisContext(
                        symbol, compilation, new AnalyzerOptions([]), _ => reported++, d => supported.Contains(d.Descriptor), CancellationToken.None));
#pragma warning restore CS0618
                }
            }
        }

        return reported;
    }

    private static IEnumerable<ISymbol> SourceSymbols(INamespaceOrTypeSymbol scope)
    {
        foreach (var member in scope.GetMembers())
        {
            if (member is INamespaceSymbol ns)
            {
                foreach (var inner in SourceSymbols(ns))
                {
                    yield return inner;
                }

                continue;
            }

            if (!member.DeclaringSyntaxReferences.Any(r => !r.SyntaxTree.FilePath.EndsWith(".g.cs", StringComparison.Ordinal)))
            {
                continue;
            }

            yield return member;
            if (member is INamedTypeSymbol type)
            {
                foreach (var inner in SourceSymbols(type))
                {
                    yield return inner;
                }
            }
        }
    }

    private sealed class Registrations(SymbolActionRunner runner) : AnalysisContext
    {
        public override void EnableConcurrentExecution()
        {
        }

        public override void ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags analysisMode)
        {
        }

        public override void RegisterCompilationStartAction(Action<CompilationStartAnalysisContext> action) => runner._startActions.Add(action);

        public override void RegisterSymbolAction(Action<SymbolAnalysisContext> action, ImmutableArray<SymbolKind> symbolKinds) =>
            runner._symbolActions.Add((action, symbolKinds));

        public override void RegisterCompilationAction(Action<CompilationAnalysisContext> action) => throw Unsupported();

        public override void RegisterSemanticModelAction(Action<SemanticModelAnalysisContext> action) => throw Unsupported();

        public override void RegisterCodeBlockStartAction<TLanguageKindEnum>(Action<CodeBlockStartAnalysisContext<TLanguageKindEnum>> action) => throw Unsupported();

        public override void RegisterCodeBlockAction(Action<CodeBlockAnalysisContext> action) => throw Unsupported();

        public override void RegisterSyntaxTreeAction(Action<SyntaxTreeAnalysisContext> action) => throw Unsupported();

        public override void RegisterSyntaxNodeAction<TLanguageKindEnum>(Action<SyntaxNodeAnalysisContext> action, ImmutableArray<TLanguageKindEnum> syntaxKinds) => throw Unsupported();
    }

    private sealed class StartRegistrations(Compilation compilation, List<(Action<SymbolAnalysisContext>, ImmutableArray<SymbolKind>)> actions)
        : CompilationStartAnalysisContext(compilation, new AnalyzerOptions([]), CancellationToken.None)
    {
        public override void RegisterSymbolAction(Action<SymbolAnalysisContext> action, ImmutableArray<SymbolKind> symbolKinds) =>
            actions.Add((action, symbolKinds));

        public override void RegisterCompilationEndAction(Action<CompilationAnalysisContext> action) => throw Unsupported();

        public override void RegisterSemanticModelAction(Action<SemanticModelAnalysisContext> action) => throw Unsupported();

        public override void RegisterCodeBlockStartAction<TLanguageKindEnum>(Action<CodeBlockStartAnalysisContext<TLanguageKindEnum>> action) => throw Unsupported();

        public override void RegisterCodeBlockAction(Action<CodeBlockAnalysisContext> action) => throw Unsupported();

        public override void RegisterSyntaxTreeAction(Action<SyntaxTreeAnalysisContext> action) => throw Unsupported();

        public override void RegisterSyntaxNodeAction<TLanguageKindEnum>(Action<SyntaxNodeAnalysisContext> action, ImmutableArray<TLanguageKindEnum> syntaxKinds) => throw Unsupported();
    }

    private static NotSupportedException Unsupported() => new("The benchmark runner supports compilation-start and symbol actions only.");
}
