using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace A2AGen.Analyzers.Tests.Infrastructure;

/// <summary>The references of every test compilation: the host's framework assemblies and the A2AGen runtime.</summary>
internal static class TestReferences
{
    private static readonly Lazy<ImmutableArray<MetadataReference>> LazyAll = new(Load);

    public static ImmutableArray<MetadataReference> All => LazyAll.Value;

    private static ImmutableArray<MetadataReference> Load()
    {
        var paths = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Where(static path => Path.GetFileName(path) is var name &&
                (name.StartsWith("System.", StringComparison.Ordinal) || name is "mscorlib.dll" or "netstandard.dll"))
            .ToList();
        paths.Add(typeof(A2AGen.IA2AAgent).Assembly.Location);
        return [.. paths.Distinct(StringComparer.Ordinal).Select(static path => MetadataReference.CreateFromFile(path))];
    }
}
