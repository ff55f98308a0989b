extern alias components;

using components::A2AGen.Generators;
using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace A2AGen.Benchmarks.Generator;

/// <summary>
/// The incremental generator on a 200-agent × 10-skill project among 2,000 plain classes (see
/// <see cref="SyntheticProject"/>). Every run gets a compilation it has not seen, as after an edit.
/// <list type="bullet">
/// <item>The target measurements (<c>Cold</c>, <c>MethodBodyEdit</c>, <c>AttributeEdit</c>) give the generator a
/// compilation whose declarations the compiler has already bound (done in the iteration setup, not measured): the
/// generator's own cost, since a build or the IDE binds those declarations anyway and shares them.</item>
/// <item>The <c>…IncludingBinding</c> variants give it a compilation nobody has bound yet: the total an edit costs
/// when the generator is the first to ask for the symbols.</item>
/// <item>The yardstick is the compiler's own <c>GetDiagnostics()</c> of the same project from scratch.</item>
/// </list>
/// One driver, warmed on the original compilation, is reused over the edited compilations: running a driver on the
/// identical compilation would measure nothing.
/// </summary>
[MemoryDiagnoser]
public class GeneratorBenchmarks
{
    private SyntheticProject _project = null!;
    private GeneratorDriver _warmDriver = null!;
    private GeneratorDriver _warmFloorDriver = null!;
    private GeneratorDriver _warmBindingFloorDriver = null!;
    private SyntaxTree _bodyEdit = null!;
    private SyntaxTree _attributeEdit = null!;
    private Compilation _input = null!;

    private int EditedAgent => _project.AgentCount / 2;

    [GlobalSetup]
    public void Setup()
    {
        _project = SyntheticProject.Create();
        _warmDriver = CreateDriver().RunGeneratorsAndUpdateCompilation(_project.Compilation, out var output, out _);
        var generated = _warmDriver.GetRunResult().GeneratedTrees.Length;
        if (generated != 2 * _project.AgentCount)
        {
            throw new InvalidOperationException($"Expected {2 * _project.AgentCount} generated files, got {generated}.");
        }

        // The measured project must be a valid one: the generated code and the synthetic code compile.
        var errors = output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).Take(5).ToList();
        if (errors.Count > 0)
        {
            throw new InvalidOperationException("The synthetic project does not compile: " + string.Join("; ", errors));
        }

        _warmFloorDriver = CreateDriver(new FloorGenerator()).RunGenerators(_project.Compilation);
        _warmBindingFloorDriver = CreateDriver(new BindingFloorGenerator(emitFiles: true)).RunGenerators(_project.Compilation);
        _bodyEdit = _project.SkillBodyEdit(EditedAgent);
        _attributeEdit = _project.AttributeEdit(EditedAgent);
    }

    [IterationSetup(Targets = [nameof(Cold), nameof(Floor_Cold)])]
    public void BoundClone() => _input = Bind(_project.Compilation.Clone());

    [IterationSetup(Targets = [nameof(MethodBodyEdit), nameof(Floor_MethodBodyEdit), nameof(BindingFloor_MethodBodyEdit)])]
    public void BoundBodyEdit() => _input = Bind(_project.With(EditedAgent, _bodyEdit));

    [IterationSetup(Targets = [nameof(AttributeEdit)])]
    public void BoundAttributeEdit() => _input = Bind(_project.With(EditedAgent, _attributeEdit));

    /// <summary>The compiler binding and checking the whole project from scratch (declarations and method bodies).</summary>
    [Benchmark(Baseline = true)]
    public int Yardstick_GetDiagnostics() => _project.Compilation.Clone().GetDiagnostics().Length;

    /// <summary>A first run: every agent parsed and emitted.</summary>
    [Benchmark]
    public GeneratorDriver Cold() => CreateDriver().RunGenerators(_input);

    /// <summary>One skill method body edited: every agent re-parsed (the compilation changed), nothing re-emitted.</summary>
    [Benchmark]
    public GeneratorDriver MethodBodyEdit() => _warmDriver.RunGenerators(_input);

    /// <summary>One agent's <c>[A2AAgent]</c> description edited: that agent re-emitted.</summary>
    [Benchmark]
    public GeneratorDriver AttributeEdit() => _warmDriver.RunGenerators(_input);

    /// <summary>The floor: <see cref="FloorGenerator"/> (finds the agents, does nothing) on a first run.</summary>
    [Benchmark]
    public GeneratorDriver Floor_Cold() => CreateDriver(new FloorGenerator()).RunGenerators(_input);

    /// <summary>The floor: <see cref="FloorGenerator"/> after a method-body edit.</summary>
    [Benchmark]
    public GeneratorDriver Floor_MethodBodyEdit() => _warmFloorDriver.RunGenerators(_input);

    /// <summary>
    /// The floor for this generator's reads and outputs: <see cref="BindingFloorGenerator"/> (reads every symbol the
    /// parser reads, emits as many files, builds no model) after a method-body edit.
    /// </summary>
    [Benchmark]
    public GeneratorDriver BindingFloor_MethodBodyEdit() => _warmBindingFloorDriver.RunGenerators(_input);

    /// <summary><see cref="Cold"/> on a compilation nobody has bound: includes binding every agent's declarations.</summary>
    [Benchmark]
    public GeneratorDriver ColdIncludingBinding() => CreateDriver().RunGenerators(_project.Compilation.Clone());

    /// <summary><see cref="MethodBodyEdit"/> on a compilation nobody has bound.</summary>
    [Benchmark]
    public GeneratorDriver MethodBodyEditIncludingBinding() => _warmDriver.RunGenerators(_project.With(EditedAgent, _bodyEdit));

    private static Compilation Bind(Compilation compilation)
    {
        // Declarations, signatures and attributes: what the compiler binds for every build and IDE snapshot. The
        // garbage that binding leaves is collected here, so the measured run does not pay for the setup's.
        _ = compilation.GetDeclarationDiagnostics();
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return compilation;
    }

    private static GeneratorDriver CreateDriver(IIncrementalGenerator? generator = null) =>
        CSharpGeneratorDriver.Create(
            [(generator ?? new AgentGenerator()).AsSourceGenerator()],
            parseOptions: new CSharpParseOptions(LanguageVersion.Latest),
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: false));
}
