using System.Collections.Immutable;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace A2AGen.Generators.Tests.Infrastructure;

/// <summary>In-memory compilations of test sources against the host's framework and the A2AGen runtime.</summary>
internal static class TestCompilation
{
    private static readonly Lazy<ImmutableArray<MetadataReference>> LazyReferences = new(LoadReferences);

    public static ImmutableArray<MetadataReference> References => LazyReferences.Value;

    public static CSharpParseOptions ParseOptions { get; } =
        new CSharpParseOptions(LanguageVersion.Latest, DocumentationMode.Diagnose);

    /// <summary>A library compilation with nullable enabled, as a typical agent project has.</summary>
    public static CSharpCompilation Create(params string[] sources) => Create(sources, "TestAgents");

    public static CSharpCompilation Create(IEnumerable<string> sources, string assemblyName)
    {
        var trees = sources.Select((source, index) =>
            CSharpSyntaxTree.ParseText(source, ParseOptions, path: $"Source{index}.cs"));
        return CSharpCompilation.Create(
            assemblyName,
            trees,
            References,
            new CSharpCompilationOptions(
                OutputKind.DynamicallyLinkedLibrary,
                nullableContextOptions: NullableContextOptions.Enable,
                deterministic: true));
    }

    /// <summary>Every warning an error, every warning level on: generated code must still compile cleanly.</summary>
    public static CSharpCompilation Strict(CSharpCompilation compilation) =>
        compilation.WithOptions(compilation.Options
            .WithGeneralDiagnosticOption(ReportDiagnostic.Error)
            .WithWarningLevel(9999)
            .WithNullableContextOptions(NullableContextOptions.Enable));

    private static ImmutableArray<MetadataReference> LoadReferences()
    {
        var paths = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Where(static path => Path.GetFileName(path) is var name &&
                (name.StartsWith("System.", StringComparison.Ordinal) || name is "mscorlib.dll" or "netstandard.dll" or "Microsoft.CSharp.dll"))
            .ToList();
        paths.Add(typeof(A2AGen.IA2AAgent).Assembly.Location);
        return [.. paths.Distinct(StringComparer.Ordinal).Select(static path => MetadataReference.CreateFromFile(path))];
    }
}
