using System.Reflection;

namespace A2AGen.Analyzers.Tests.Infrastructure;

/// <summary>Paths baked into the test assembly by tests/Directory.Build.props.</summary>
internal static class Repo
{
    public static string Root { get; } = typeof(Repo).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepoRoot").Value!;

    public static string Analyzers { get; } = Path.Combine(Root, "src", "Analyzers", "A2AGen.Analyzers");

    public static string DiagnosticDocs { get; } = Path.Combine(Root, "docs", "diagnostics");
}
