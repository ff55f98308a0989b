using A2AGen.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace A2AGen.Generators.Tests;

public class ScratchTests
{
    [Fact]
    public void Dump()
    {
        var compilation = TestCompilation.Create(File.ReadAllText("/tmp/gen-scratch/input.cs"));
        var (result, output, _) = GeneratorRunner.Run(compilation);
        foreach (var (hint, text) in GeneratorRunner.Sources(result))
        {
            File.WriteAllText("/tmp/gen-scratch/" + hint, text);
        }

        var diagnostics = TestCompilation.Strict((Microsoft.CodeAnalysis.CSharp.CSharpCompilation)output).GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning);
        var (problems, _) = ProblemCollector.ParseAll(compilation);
        File.WriteAllText("/tmp/gen-scratch/diagnostics.txt", string.Join("\n", problems.Select(p => p.ToString() + " @ " + p.Location.GetLineSpan())) + "\n---\n" + GeneratorRunner.Describe(diagnostics));
    }
}
