using System.Reflection;

namespace A2AGen.Generators.Tests.Infrastructure;

/// <summary>Paths baked into the test assembly by tests/Directory.Build.props.</summary>
internal static class Repo
{
    public static string Root { get; } = Metadata("RepoRoot");

    public static string Baselines { get; } = Path.Combine(Root, "tests", "A2AGen.Generators.Tests", "Baselines");

    private static string Metadata(string key) =>
        typeof(Repo).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;
}
