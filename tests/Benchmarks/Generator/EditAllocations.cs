extern alias components;

using System.Diagnostics.Tracing;
using System.Globalization;
using components::A2AGen.Generators;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace A2AGen.Benchmarks.Generator;

/// <summary>
/// <c>generator-allocations [runs]</c>: what a method-body edit allocates, by type. Listens to the runtime's sampled
/// allocation events (one every ~100 KB, with the type that crossed the threshold) while the warm driver runs on edited
/// compilations, and prints the types with the largest estimated share per run. A sampling estimate: use it to find
/// what to cut, and <c>generator-breakdown</c> or the BenchmarkDotNet suite for the figures.
/// </summary>
internal static class EditAllocations
{
    public static int Run(string[] args)
    {
        var runs = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 20;
        var project = SyntheticProject.Create();
        var driver = CSharpGeneratorDriver.Create(
                [new AgentGenerator().AsSourceGenerator()],
                parseOptions: new CSharpParseOptions(LanguageVersion.Latest),
                driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: false))
            .RunGenerators(project.Compilation);
        var inputs = Enumerable.Range(0, runs)
            .Select(i => i * project.AgentCount / runs)
            .Select(index => project.With(index, project.SkillBodyEdit(index)))
            .ToList();
        foreach (var input in inputs)
        {
            // Bound beforehand, as in the benchmarks: the compiler's own binding is not the generator's allocation.
            _ = input.GetDeclarationDiagnostics();
        }

        using var listener = new AllocationListener();
        GC.Collect();
        var before = GC.GetTotalAllocatedBytes(precise: true);
        listener.Enabled = true;
        foreach (var input in inputs)
        {
            driver.RunGenerators(input);
        }

        listener.Enabled = false;
        var total = GC.GetTotalAllocatedBytes(precise: true) - before;
        Thread.Sleep(500); // events are delivered asynchronously

        Console.WriteLine($"Allocated per run (exact): {total / runs / 1e6:F2} MB. Sampled estimate by type, per run:");
        foreach (var (type, bytes) in listener.Snapshot().OrderByDescending(pair => pair.Value).Take(30))
        {
            Console.WriteLine($"{bytes / runs / 1e3,8:F0} KB  {type}");
        }

        return 0;
    }

    private sealed class AllocationListener : EventListener
    {
        private const EventKeywords GcKeyword = (EventKeywords)0x1;
        private readonly Dictionary<string, long> _bytesByType = new(StringComparer.Ordinal);

        public volatile bool Enabled;

        public Dictionary<string, long> Snapshot()
        {
            lock (_bytesByType)
            {
                return new Dictionary<string, long>(_bytesByType, StringComparer.Ordinal);
            }
        }

        protected override void OnEventSourceCreated(EventSource eventSource)
        {
            if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
            {
                EnableEvents(eventSource, EventLevel.Verbose, GcKeyword);
            }
        }

        protected override void OnEventWritten(EventWrittenEventArgs eventData)
        {
            if (!Enabled || eventData.EventName?.StartsWith("GCAllocationTick", StringComparison.Ordinal) != true ||
                eventData.Payload is not { } payload || eventData.PayloadNames is not { } names)
            {
                return;
            }

            var type = payload[names.IndexOf("TypeName")] as string ?? "?";
            var bytes = Convert.ToInt64(payload[names.IndexOf("AllocationAmount64")], CultureInfo.InvariantCulture);
            lock (_bytesByType)
            {
                _bytesByType[type] = _bytesByType.GetValueOrDefault(type) + bytes;
            }
        }
    }
}
