using System.Reflection;
using System.Text.Json;

namespace A2AGen.Security.Tests.Support;

/// <summary>Locates <c>../shared/testdata</c> (baked in as assembly metadata) and reads vectors from it.</summary>
internal static class TestData
{
    public static string Root { get; } = typeof(TestData).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "SharedTestData").Value!;

    public static string RepoRoot { get; } = typeof(TestData).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "RepoRoot").Value!;

    public static string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);

    public static JsonDocument Json(params string[] parts) => JsonDocument.Parse(File.ReadAllBytes(PathOf(parts)));

    public static byte[] Hex(string hex) => Convert.FromHexString(hex);

    public static IEnumerable<string> SmallOrderKeys() =>
        File.ReadLines(PathOf("extra", "ed25519_small_order_pubkeys.txt"))
            .Select(l => l.Trim())
            .Where(l => l.Length > 0 && !l.StartsWith('#'));
}
