using System.Reflection;

namespace A2AGen.Biscuit.Tests;

/// <summary>Paths of the repository's Biscuit test data (tests/TestData/biscuit).</summary>
internal static class TestData
{
    public static string RepoRoot { get; } = typeof(TestData).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepoRoot").Value!;

    public static string SamplesDirectory { get; } = Path.Combine(RepoRoot, "tests", "TestData", "biscuit", "samples");
}
