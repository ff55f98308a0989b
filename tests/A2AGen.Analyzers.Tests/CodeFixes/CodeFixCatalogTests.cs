using System.Composition;
using A2AGen.CodeFixes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;

namespace A2AGen.Analyzers.Tests.CodeFixes;

/// <summary>The code fixes the issue asks for exist, are exported for the IDE and support FixAll.</summary>
public class CodeFixCatalogTests
{
    private static readonly CodeFixProvider[] Providers = typeof(MakeAgentPartialFix).Assembly.GetTypes()
        .Where(t => t.IsSubclassOf(typeof(CodeFixProvider)) && !t.IsAbstract)
        .Select(t => (CodeFixProvider)Activator.CreateInstance(t)!)
        .ToArray();

    [Fact]
    public void Each_fixable_id_of_the_issue_has_exactly_one_provider() =>
        Assert.Equal(
            ["A2AG0001", "A2AG0002", "A2AG0005", "A2AG0009", "A2AG0011", "A2AG0021"],
            Providers.SelectMany(p => p.FixableDiagnosticIds).Order(StringComparer.Ordinal));

    [Fact]
    public void Every_provider_is_exported_shared_and_supports_fix_all()
    {
        foreach (var provider in Providers)
        {
            var type = provider.GetType();
            var export = Assert.Single(type.GetCustomAttributes(typeof(ExportCodeFixProviderAttribute), false).Cast<ExportCodeFixProviderAttribute>());
            Assert.Equal([LanguageNames.CSharp], export.Languages);
            Assert.Equal(type.Name, export.Name);
            Assert.Single(type.GetCustomAttributes(typeof(SharedAttribute), false));
            Assert.NotNull(provider.GetFixAllProvider());
        }
    }
}
