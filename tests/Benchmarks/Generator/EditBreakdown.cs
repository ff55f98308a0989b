extern alias components;

using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using System.Reflection;
using components::A2AGen.Generators;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace A2AGen.Benchmarks.Generator;

/// <summary>
/// <c>generator-breakdown [rounds] [--baseline path/A2AGen.Generators.dll] [--no-collect]</c>: where a method-body edit's time goes, with the GC separated out. Not a
/// BenchmarkDotNet suite: it measures each run with the GC's own counters (collections, pause time, bytes allocated)
/// next to the wall-clock time, which BenchmarkDotNet does not report per operation. Every round runs every variant
/// once, interleaved (so machine load hits all of them alike), each on a compilation with a different agent edited,
/// bound and collected beforehand exactly as in <see cref="GeneratorBenchmarks"/>. Prints medians. With
/// <c>--baseline</c>, another build of the generator (e.g. the previous commit's) runs in the same rounds, so a change
/// is compared with what it replaces under the same machine load. With <c>--no-collect</c>, no full collection precedes
/// a run: garbage builds up as in an IDE that binds one compilation after another, and a run pays for the
/// collections its allocations trigger (compare the mean GC pause of the rows).
/// </summary>
internal static class EditBreakdown
{
    private const int EditCount = 8;

    public static int Run(string[] args)
    {
        var rounds = args.Length > 0 && !args[0].StartsWith("--", StringComparison.Ordinal) ? int.Parse(args[0], CultureInfo.InvariantCulture) : 30;
        var baselineAt = Array.IndexOf(args, "--baseline");
        var baseline = baselineAt >= 0 ? LoadBaseline(args[baselineAt + 1]) : null;
        s_collect = !args.Contains("--no-collect");
        var project = SyntheticProject.Create();
        var edits = Enumerable.Range(0, EditCount)
            .Select(i => (Index: i * project.AgentCount / EditCount + 3, Tree: (SyntaxTree?)null))
            .Select(e => (e.Index, Tree: project.SkillBodyEdit(e.Index)))
            .ToArray();

        var ours = CreateDriver(new AgentGenerator()).RunGenerators(project.Compilation);
        var floor = CreateDriver(new FloorGenerator()).RunGenerators(project.Compilation);
        var bindingFloor = CreateDriver(new BindingFloorGenerator()).RunGenerators(project.Compilation);
        var bindingFloorWithOutputs = CreateDriver(new BindingFloorGenerator(emitFiles: true)).RunGenerators(project.Compilation);
        var agentNodes = AgentNodes(project.Compilation);

        var variants = new List<(string Name, bool Cold, Func<Compilation, object> Run)>
        {
            ("Cold (our generator)", true, c => CreateDriver(new AgentGenerator()).RunGenerators(c)),
            ("Floor_Cold", true, c => CreateDriver(new FloorGenerator()).RunGenerators(c)),
            ("MethodBodyEdit (our generator)", false, c => ours.RunGenerators(c)),
            ("Floor_MethodBodyEdit", false, c => floor.RunGenerators(c)),
            ("BindingFloor_MethodBodyEdit", false, c => bindingFloor.RunGenerators(c)),
            ("BindingFloorWithOutputs_MethodBodyEdit", false, c => bindingFloorWithOutputs.RunGenerators(c)),
            ("Parser alone (200 agents, no driver)", false, c => ParseAll(c, agentNodes)),
            ("Symbol reads alone (no driver)", false, c => TouchAll(c, agentNodes)),

            // For scale: what the compiler itself spends on the same edit before any generator runs (every
            // declaration of the new compilation bound again: source symbols belong to one compilation).
            ("Compiler: bind declarations of the edited compilation", false, c => c.Clone().GetDeclarationDiagnostics().Length),
        };
        if (baseline is not null)
        {
            var baselineWarm = CreateDriver(baseline()).RunGenerators(project.Compilation);
            variants.Insert(1, ("Cold (baseline build)", true, c => CreateDriver(baseline()).RunGenerators(c)));
            variants.Insert(4, ("MethodBodyEdit (baseline build)", false, c => baselineWarm.RunGenerators(c)));
        }

        Console.WriteLine($"Server GC: {GCSettings.IsServerGC}, latency mode: {GCSettings.LatencyMode}, " +
            $"GCgen0size: {Environment.GetEnvironmentVariable("DOTNET_GCgen0size") ?? "(default)"}, rounds: {rounds}, " +
            $"full collection before each run: {s_collect}");

        // Warm-up: JIT every path once.
        foreach (var variant in variants)
        {
            variant.Run(Bind(variant.Cold ? project.Compilation.Clone() : project.With(edits[0].Index, edits[0].Tree)));
        }

        var samples = variants.Select(_ => new List<Sample>()).ToArray();
        for (var round = 0; round < rounds; round++)
        {
            var (index, tree) = edits[round % EditCount];
            for (var v = 0; v < variants.Count; v++)
            {
                var input = Bind(variants[v].Cold ? project.Compilation.Clone() : project.With(index, tree));
                samples[v].Add(Measure(() => variants[v].Run(input)));
            }
        }

        Console.WriteLine();
        Console.WriteLine("| Variant | Wall median | Wall min | GC pause median | GC pause mean | Wall − GC pause median | Allocated | gen0/gen1/gen2 per run |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|");
        for (var v = 0; v < variants.Count; v++)
        {
            var s = samples[v];
            Console.WriteLine(
                $"| {variants[v].Name} | {Median(s, x => x.WallMs):F1} ms | {s.Min(x => x.WallMs):F1} ms | {Median(s, x => x.PauseMs):F1} ms | {s.Average(x => x.PauseMs):F1} ms | " +
                $"{Median(s, x => x.WallMs - x.PauseMs):F1} ms | {s.Average(x => x.AllocatedBytes) / 1e6:F2} MB | " +
                $"{s.Average(x => x.Gen0):F2}/{s.Average(x => x.Gen1):F2}/{s.Average(x => x.Gen2):F2} |");
        }

        return 0;
    }

    private readonly record struct Sample(double WallMs, double PauseMs, long AllocatedBytes, int Gen0, int Gen1, int Gen2);

    private static Sample Measure(Action run)
    {
        var gen0 = GC.CollectionCount(0);
        var gen1 = GC.CollectionCount(1);
        var gen2 = GC.CollectionCount(2);
        var pause = GC.GetTotalPauseDuration();
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var clock = Stopwatch.StartNew();
        run();
        clock.Stop();
        return new Sample(
            clock.Elapsed.TotalMilliseconds,
            (GC.GetTotalPauseDuration() - pause).TotalMilliseconds,
            GC.GetTotalAllocatedBytes(precise: true) - allocated,
            GC.CollectionCount(0) - gen0,
            GC.CollectionCount(1) - gen1,
            GC.CollectionCount(2) - gen2);
    }

    private static double Median(List<Sample> samples, Func<Sample, double> value)
    {
        var sorted = samples.Select(value).OrderBy(x => x).ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    // The agent class declarations: syntax nodes survive edits of other files, so they are found once.
    private static List<TypeDeclarationSyntax> AgentNodes(Compilation compilation) =>
        compilation.SyntaxTrees
            .SelectMany(tree => tree.GetRoot().DescendantNodes().OfType<TypeDeclarationSyntax>())
            .Where(node => node.AttributeLists.SelectMany(list => list.Attributes).Any(a => a.Name.ToString() == "A2AAgent"))
            .ToList();

    // The parser is compiled into both the generator and the analyzers, so the benchmarks (which see the internals of
    // both) cannot name it; it is called through reflection, 200 calls per run.
    private static readonly MethodInfo ParseAgent =
        typeof(AgentGenerator).Assembly.GetType("A2AGen.Declarations.Parsing.AgentParser", throwOnError: true)!.GetMethod("Parse")!;

    private static int ParseAll(Compilation compilation, List<TypeDeclarationSyntax> nodes)
    {
        var parsed = 0;
        foreach (var (type, node) in Symbols(compilation, nodes))
        {
            var attribute = type.GetAttributes().First(a => a.AttributeClass?.Name == "A2AAgentAttribute");
            parsed += ParseAgent.Invoke(null, [type, attribute, null, CancellationToken.None]) is null ? 0 : 1;
        }

        return parsed;
    }

    private static int TouchAll(Compilation compilation, List<TypeDeclarationSyntax> nodes)
    {
        var count = 0;
        foreach (var (type, _) in Symbols(compilation, nodes))
        {
            count += BindingFloorGenerator.Touch(type);
        }

        return count;
    }

    private static IEnumerable<(INamedTypeSymbol Type, TypeDeclarationSyntax Node)> Symbols(Compilation compilation, List<TypeDeclarationSyntax> nodes)
    {
        foreach (var node in nodes)
        {
            // An edited file has a new tree: find the class again there.
            var tree = compilation.ContainsSyntaxTree(node.SyntaxTree)
                ? node.SyntaxTree
                : compilation.SyntaxTrees.First(t => t.FilePath == node.SyntaxTree.FilePath);
            var target = tree == node.SyntaxTree
                ? node
                : tree.GetRoot().DescendantNodes().OfType<TypeDeclarationSyntax>().First(n => n.Identifier.ValueText == node.Identifier.ValueText);
            yield return ((INamedTypeSymbol)compilation.GetSemanticModel(tree).GetDeclaredSymbol(target)!, target);
        }
    }

    // The baseline build gets its own load context; Roslyn itself is shared with this process (its types cross over).
    private static Func<IIncrementalGenerator> LoadBaseline(string path)
    {
        var context = new System.Runtime.Loader.AssemblyLoadContext("baseline-generator");
        var type = context.LoadFromAssemblyPath(Path.GetFullPath(path)).GetType("A2AGen.Generators.AgentGenerator", throwOnError: true)!;
        return () => (IIncrementalGenerator)Activator.CreateInstance(type)!;
    }

    private static bool s_collect = true;

    private static Compilation Bind(Compilation compilation)
    {
        _ = compilation.GetDeclarationDiagnostics();
        if (!s_collect)
        {
            return compilation;
        }

        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return compilation;
    }

    private static GeneratorDriver CreateDriver(IIncrementalGenerator generator) =>
        CSharpGeneratorDriver.Create(
            [generator.AsSourceGenerator()],
            parseOptions: new CSharpParseOptions(LanguageVersion.Latest),
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: false));
}
