using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;

namespace A2AGen.Tests.Shared.Roslyn;

/// <summary>
/// The .NET reference assemblies for Microsoft's Roslyn test packages, taken from the SDK that runs the tests
/// (<c>&lt;dotnet root&gt;/packs/Microsoft.NETCore.App.Ref/&lt;version&gt;/ref/net10.0</c>) instead of being
/// downloaded: <c>ReferenceAssemblies.Net.Net100</c> asks the package feed for a <c>Microsoft.NETCore.App.Ref</c>
/// version it may not serve, and a test must not need the network. Linked into the Roslyn test projects.
/// </summary>
internal static class InstalledReferenceAssemblies
{
    private const string TargetFramework = "net10.0";

    private static readonly Lazy<ImmutableArray<MetadataReference>> LazyFramework = new(LoadFramework);

    /// <summary>
    /// A <see cref="ReferenceAssemblies"/> that resolves nothing (no package, so no feed is asked); the framework comes
    /// in through <see cref="Framework"/>, which <see cref="Apply{TVerifier}"/> adds to a test.
    /// </summary>
    public static ReferenceAssemblies None { get; } = new(TargetFramework);

    /// <summary>Every reference assembly of the installed targeting pack that matches the running runtime best.</summary>
    public static ImmutableArray<MetadataReference> Framework => LazyFramework.Value;

    /// <summary>The installed framework and the A2AGen runtime as the references of <paramref name="test"/>.</summary>
    public static void Apply<TVerifier>(AnalyzerTest<TVerifier> test)
        where TVerifier : IVerifier, new()
    {
        test.ReferenceAssemblies = None;
        test.TestState.AdditionalReferences.AddRange(Framework);
        test.TestState.AdditionalReferences.Add(typeof(A2AGen.IA2AAgent).Assembly);
    }

    /// <summary>The <c>ref/net10.0</c> folder of the targeting pack next to the running runtime.</summary>
    public static string Folder { get; } = FindFolder();

    private static ImmutableArray<MetadataReference> LoadFramework() =>
        [.. Directory.GetFiles(Folder, "*.dll").Order(StringComparer.Ordinal).Select(static path => MetadataReference.CreateFromFile(path))];

    private static string FindFolder()
    {
        // <root>/shared/Microsoft.NETCore.App/<version>/System.Private.CoreLib.dll
        var runtimeFolder = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var runtimeVersion = Path.GetFileName(runtimeFolder);
        var root = Path.GetFullPath(Path.Combine(runtimeFolder, "..", "..", ".."));
        var packs = Path.Combine(root, "packs", "Microsoft.NETCore.App.Ref");
        var candidates = Directory.Exists(packs)
            ? Directory.GetDirectories(packs)
                .Select(static folder => (Folder: Path.Combine(folder, "ref", TargetFramework), Version: Version.TryParse(Path.GetFileName(folder).Split('-')[0], out var v) ? v : null))
                .Where(static c => c.Version is not null && Directory.Exists(c.Folder))
                .ToList()
            : [];
        if (candidates.Count == 0)
        {
            throw new InvalidOperationException($"No Microsoft.NETCore.App.Ref targeting pack with ref/{TargetFramework} under {packs}; install the .NET 10 SDK.");
        }

        // The pack of the running runtime's version if present, else the newest one.
        return candidates.FirstOrDefault(c => Path.GetFileName(Path.GetDirectoryName(Path.GetDirectoryName(c.Folder))) == runtimeVersion).Folder
            ?? candidates.MaxBy(static c => c.Version)!.Folder;
    }
}
