using System.Reflection;
using System.Text.Json;

namespace A2AGen.Security.Tests.Support;

/// <summary>
/// Reads the vectors in <c>tests/TestData</c> (their sources and licences: <c>tests/TestData/README.md</c>), found
/// through the repository root baked in as assembly metadata.
/// </summary>
internal static class TestData
{
    public static string RepoRoot { get; } = typeof(TestData).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "RepoRoot").Value!;

    public static string Root { get; } = Path.Combine(RepoRoot, "tests", "TestData");

    public static string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);

    public static JsonDocument Json(params string[] parts) => JsonDocument.Parse(File.ReadAllBytes(PathOf(parts)));

    public static byte[] Hex(string hex) => Convert.FromHexString(hex);

    public static IEnumerable<string> SmallOrderKeys() =>
        File.ReadLines(PathOf("extra", "ed25519_small_order_pubkeys.txt"))
            .Select(l => l.Trim())
            .Where(l => l.Length > 0 && !l.StartsWith('#'));
}
