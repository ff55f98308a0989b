using System.IO.Compression;
using System.Xml.Linq;

namespace A2AGen.Packaging.Tests;

/// <summary>What each package carries: the layout DESIGN §2 fixes.</summary>
[Collection(PackedCollection.Name)]
public sealed class PackageLayoutTests(PackedPackages packages)
{
    [Fact]
    public void A2AGen_carries_the_runtime_the_roslyn_components_and_the_build_targets()
    {
        var entries = Entries(packages.PackagePath("A2AGen"));

        Assert.Contains("lib/net10.0/A2AGen.Runtime.dll", entries);
        Assert.Contains("lib/net10.0/A2AGen.Runtime.xml", entries);
        Assert.Contains("analyzers/dotnet/cs/A2AGen.Generators.dll", entries);
        Assert.Contains("analyzers/dotnet/cs/A2AGen.Analyzers.dll", entries);
        Assert.Contains("analyzers/dotnet/cs/A2AGen.CodeFixes.dll", entries);
        Assert.Contains("build/A2AGen.targets", entries);
        Assert.Contains("buildTransitive/A2AGen.targets", entries);
        Assert.DoesNotContain(entries, entry => entry.StartsWith("lib/", StringComparison.Ordinal) && entry.Contains("Generators", StringComparison.Ordinal));
        // Client retries (Polly through Microsoft.Extensions.Http.Resilience), Ed25519 (NSec, which brings its libsodium)
        // and encrypted PKCS#8 (Pkcs8PrivateKeyInfo); nothing else.
        var dependencies = Dependencies(packages.PackagePath("A2AGen"), "A2AGen").Select(d => d.Attribute("id")!.Value).Order(StringComparer.Ordinal);
        Assert.Equal(["Microsoft.Extensions.Http.Resilience", "NSec.Cryptography", "System.Security.Cryptography.Pkcs"], dependencies);
    }

    [Fact]
    public void A2AGen_Hosting_depends_on_A2AGen_with_its_analyzers_and_targets()
    {
        var entries = Entries(packages.PackagePath("A2AGen.Hosting"));
        Assert.Contains("lib/net10.0/A2AGen.Hosting.dll", entries);

        var dependencies = Dependencies(packages.PackagePath("A2AGen.Hosting"), "A2AGen.Hosting").ToList();
        var dependency = Assert.Single(dependencies, d => d.Attribute("id")!.Value == "A2AGen");
        // [RequiresBiscuit] skills: hosting verifies Biscuits through its own package (protobuf stays out of A2AGen).
        var biscuit = Assert.Single(dependencies, d => d.Attribute("id")!.Value == "A2AGen.Biscuit");
        Assert.Equal(PackedPackages.Version, biscuit.Attribute("version")!.Value);
        Assert.Equal(PackedPackages.Version, dependency.Attribute("version")!.Value);
        var exclude = dependency.Attribute("exclude")?.Value ?? "";
        Assert.DoesNotContain("Analyzers", exclude, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Build", exclude, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void A2AGen_Cli_is_a_dotnet_tool_named_a2agen()
    {
        var path = packages.PackagePath("A2AGen.Cli");
        var entries = Entries(path);

        var settings = Assert.Single(entries, entry => entry.EndsWith("DotnetToolSettings.xml", StringComparison.Ordinal));
        using var archive = ZipFile.OpenRead(path);
        using var stream = archive.GetEntry(settings)!.Open();
        var command = XDocument.Load(stream).Descendants("Command").Single();
        Assert.Equal("a2agen", command.Attribute("Name")!.Value);
        Assert.Contains(entries, entry => entry.EndsWith("/A2AGen.Runtime.dll", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("A2AGen")]
    [InlineData("A2AGen.Hosting")]
    [InlineData("A2AGen.Biscuit")]
    [InlineData("A2AGen.Cli")]
    public void Every_package_carries_the_readme_and_names_it(string id)
    {
        Assert.Contains("README.md", Entries(packages.PackagePath(id)));
        using var archive = ZipFile.OpenRead(packages.PackagePath(id));
        using var stream = archive.GetEntry(id + ".nuspec")!.Open();
        var readme = XDocument.Load(stream).Descendants().Single(element => element.Name.LocalName == "readme");
        Assert.Equal("README.md", readme.Value);
    }

    private static List<string> Entries(string package)
    {
        Assert.True(File.Exists(package), $"{package} was not produced");
        using var archive = ZipFile.OpenRead(package);
        return archive.Entries.Select(entry => entry.FullName).ToList();
    }

    private static IEnumerable<XElement> Dependencies(string package, string id)
    {
        using var archive = ZipFile.OpenRead(package);
        using var stream = archive.GetEntry(id + ".nuspec")!.Open();
        var nuspec = XDocument.Load(stream);
        return nuspec.Descendants().Where(element => element.Name.LocalName == "dependency").ToList();
    }
}
