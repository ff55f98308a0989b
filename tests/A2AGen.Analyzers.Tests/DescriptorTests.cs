using A2AGen.Analyzers.Diagnostics;
using A2AGen.Analyzers.Tests.Infrastructure;
using A2AGen.Declarations.Problems;
using Microsoft.CodeAnalysis;

namespace A2AGen.Analyzers.Tests;

/// <summary>
/// The descriptors against their sources of truth: the issue's table, the shared catalog, the release-tracking files
/// and the docs pages.
/// </summary>
public class DescriptorTests
{
    private static readonly IReadOnlyList<DiagnosticDescriptor> Supported = new AgentDeclarationAnalyzer().SupportedDiagnostics;

    public static TheoryData<string> Ids => new(Supported.Select(d => d.Id));

    [Theory]
    [InlineData("A2AG0001", DiagnosticSeverity.Warning)]
    [InlineData("A2AG0002", DiagnosticSeverity.Error)]
    [InlineData("A2AG0003", DiagnosticSeverity.Error)]
    [InlineData("A2AG0004", DiagnosticSeverity.Error)]
    [InlineData("A2AG0005", DiagnosticSeverity.Error)]
    [InlineData("A2AG0006", DiagnosticSeverity.Error)]
    [InlineData("A2AG0007", DiagnosticSeverity.Error)]
    [InlineData("A2AG0008", DiagnosticSeverity.Warning)]
    [InlineData("A2AG0009", DiagnosticSeverity.Error)]
    [InlineData("A2AG0010", DiagnosticSeverity.Warning)]
    [InlineData("A2AG0011", DiagnosticSeverity.Info)]
    [InlineData("A2AG0012", DiagnosticSeverity.Warning)]
    public void The_issue_table_fixes_ids_and_severities(string id, DiagnosticSeverity severity) =>
        Assert.Equal(severity, Supported.Single(d => d.Id == id).DefaultSeverity);

    [Fact]
    public void Every_catalog_problem_has_exactly_one_descriptor_that_agrees_with_it()
    {
        Assert.Equal(ProblemDescriptors.All.Select(p => p.Id), Supported.Select(d => d.Id));
        foreach (var problem in ProblemDescriptors.All)
        {
            var descriptor = Supported.Single(d => d.Id == problem.Id);
            Assert.Equal(problem.Title, descriptor.Title.ToString());
            Assert.Equal(problem.MessageFormat, descriptor.MessageFormat.ToString());
            Assert.Equal(problem.Category, descriptor.Category);
            Assert.Equal(problem.Severity.ToString(), descriptor.DefaultSeverity.ToString());
            Assert.True(descriptor.IsEnabledByDefault);
        }
    }

    [Fact]
    public void Ids_are_consecutive_from_A2AG0001()
    {
        for (var i = 0; i < Supported.Count; i++)
        {
            Assert.Equal($"A2AG{i + 1:0000}", Supported[i].Id);
        }
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Every_descriptor_is_in_the_release_tracking_files_with_its_category_and_severity(string id)
    {
        var descriptor = Supported.Single(d => d.Id == id);
        var rows = ReleaseRows().Where(r => r.Id == id).ToList();
        var row = Assert.Single(rows);
        Assert.Equal(descriptor.Category, row.Category);
        Assert.Equal(descriptor.DefaultSeverity.ToString(), row.Severity);
    }

    [Fact]
    public void The_release_tracking_files_list_no_unknown_rule()
    {
        var ids = Supported.Select(d => d.Id).ToHashSet();
        Assert.All(ReleaseRows(), row => Assert.Contains(row.Id, ids));
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Every_descriptor_links_to_its_docs_page_which_explains_it(string id)
    {
        var descriptor = Supported.Single(d => d.Id == id);
        Assert.Equal(HelpLinks.Base + id + ".md", descriptor.HelpLinkUri);
        Assert.StartsWith("https://", descriptor.HelpLinkUri, StringComparison.Ordinal);

        var page = Path.Combine(Repo.DiagnosticDocs, id + ".md");
        Assert.True(File.Exists(page), $"Missing docs page {page}");
        var text = File.ReadAllText(page);
        Assert.StartsWith($"# {id}: ", text, StringComparison.Ordinal);
        foreach (var section in new[] { "## What", "## Why", "## How to fix", "## Example", "## How to suppress" })
        {
            Assert.Contains(section, text);
        }

        Assert.Contains($"dotnet_diagnostic.{id}.severity", text);
        Assert.Contains(descriptor.DefaultSeverity.ToString(), text);
    }

    [Fact]
    public void The_analyzers_overview_lists_every_diagnostic()
    {
        var overview = File.ReadAllText(Path.Combine(Repo.Root, "docs", "analyzers.md"));
        foreach (var descriptor in Supported)
        {
            Assert.Contains($"[{descriptor.Id}](diagnostics/{descriptor.Id}.md)", overview);
        }
    }

    private static List<(string Id, string Category, string Severity)> ReleaseRows()
    {
        var rows = new List<(string, string, string)>();
        foreach (var file in new[] { "AnalyzerReleases.Shipped.md", "AnalyzerReleases.Unshipped.md" })
        {
            foreach (var line in File.ReadLines(Path.Combine(Repo.Analyzers, file)))
            {
                var cells = line.Split('|', StringSplitOptions.TrimEntries);
                if (cells.Length >= 4 && cells[0].StartsWith("A2AG", StringComparison.Ordinal))
                {
                    rows.Add((cells[0], cells[1], cells[2]));
                }
            }
        }

        return rows;
    }
}
