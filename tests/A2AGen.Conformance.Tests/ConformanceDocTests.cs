using System.Reflection;
using System.Text.RegularExpressions;
using Xunit.Abstractions;

namespace A2AGen.Conformance.Tests;

/// <summary>docs/conformance.md and the suite stay in step: every traited requirement has a row, every named test exists.</summary>
public sealed partial class ConformanceDocTests(ITestOutputHelper output)
{
    [Fact]
    public void Every_requirement_a_test_claims_is_in_the_table_and_every_test_the_table_names_exists()
    {
        var root = typeof(ConformanceDocTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepoRoot").Value!;
        var doc = File.ReadAllText(Path.Combine(root, "docs", "conformance.md"));
        var rows = RowPattern().Matches(doc).ToDictionary(m => m.Groups["id"].Value, m => m.Groups["rest"].Value);
        var tests = typeof(ConformanceDocTests).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods().Select(m => (Type: t, Method: m)))
            .Where(x => x.Method.GetCustomAttributes<FactAttribute>().Any())
            .ToList();
        var claimed = tests.SelectMany(x => x.Method.GetCustomAttributesData()
                .Where(a => a.AttributeType == typeof(TraitAttribute) && (string?)a.ConstructorArguments[0].Value == "tck")
                .Select(a => (string)a.ConstructorArguments[1].Value!))
            .ToHashSet();

        var unlisted = claimed.Where(id => !rows.ContainsKey(id)).ToList();
        Assert.True(unlisted.Count == 0, "Claimed by a test, missing from docs/conformance.md: " + string.Join(", ", unlisted));
        var names = tests.Select(x => x.Type.Name + "." + x.Method.Name).ToHashSet();
        var named = rows.Values.SelectMany(r => NamePattern().Matches(r).Select(m => m.Groups[1].Value)).ToList();
        var unknown = named.Where(n => !n.Contains('…', StringComparison.Ordinal) && !names.Contains(n)).ToList();
        Assert.True(unknown.Count == 0, "Named in docs/conformance.md, no such test: " + string.Join(", ", unknown));

        // The tally: the MUST tables come before "Beyond the MUST requirements".
        var musts = RowPattern().Matches(doc[..doc.IndexOf("## Beyond the MUST requirements", StringComparison.Ordinal)]).Select(m => m.Groups["rest"].Value).ToList();
        var notCovered = musts.Count(r => r.Contains("**Not", StringComparison.Ordinal));
        output.WriteLine($"TCK MUST requirements in docs/conformance.md: {musts.Count}; with a test: {musts.Count - notCovered}; not applicable or not yet covered: {notCovered}; ids claimed by tests: {claimed.Count}.");
        Assert.Contains($"| covered by a passing test (on JSON-RPC, HTTP+JSON and gRPC) | {musts.Count - notCovered} |", doc, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"^\| (?<id>[A-Z_]+(?:-[A-Za-z0-9]+)+) \|(?<rest>.*)$", RegexOptions.Multiline)]
    private static partial Regex RowPattern();

    [GeneratedRegex(@"`([A-Za-z]+Tests\.[A-Za-z0-9_…]+)`")]
    private static partial Regex NamePattern();
}
