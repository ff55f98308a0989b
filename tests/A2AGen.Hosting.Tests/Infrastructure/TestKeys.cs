namespace A2AGen.Hosting.Tests.Infrastructure;

/// <summary>
/// Key folders of this test run, under the temp directory (nothing secret is ever committed): development keys the
/// hosts generate, and an empty key directory so no host picks up keys from the working directory.
/// </summary>
public static class TestKeys
{
    private static readonly string Root = Directory.CreateTempSubdirectory("a2agen-hosting-tests-").FullName;

    public static string DevelopmentKeysDirectory { get; } = Directory.CreateDirectory(Path.Combine(Root, "dev-keys")).FullName;

    public static string EmptyKeysDirectory { get; } = Directory.CreateDirectory(Path.Combine(Root, "keys")).FullName;

    /// <summary>A fresh directory for one test's own key files.</summary>
    public static string NewDirectory(string name) => Directory.CreateDirectory(Path.Combine(Root, name + "-" + Guid.NewGuid().ToString("N")[..8])).FullName;
}
