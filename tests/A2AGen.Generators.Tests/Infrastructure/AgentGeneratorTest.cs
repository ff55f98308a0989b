using A2AGen.Tests.Shared.Roslyn;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;

namespace A2AGen.Generators.Tests.Infrastructure;

/// <summary>
/// A generator test with Microsoft's test package: the generated files, by name and text, are exactly
/// <c>TestState.GeneratedSources</c>, and the sources with the output compile without error. The project is the one
/// <see cref="TestCompilation"/> makes: nullable enabled, the latest language version, the A2AGen runtime, and the
/// installed .NET reference assemblies (no network).
/// </summary>
internal sealed class AgentGeneratorTest : CSharpSourceGeneratorTest<AgentGenerator, DefaultVerifier>
{
    public AgentGeneratorTest() => InstalledReferenceAssemblies.Apply(this);

    /// <summary>Expects a generated file of <see cref="AgentGenerator"/>.</summary>
    public void ExpectGenerated(string hintName, string text) =>
        TestState.GeneratedSources.Add((typeof(AgentGenerator), hintName, text));

    protected override CompilationOptions CreateCompilationOptions() =>
        ((CSharpCompilationOptions)base.CreateCompilationOptions()).WithNullableContextOptions(NullableContextOptions.Enable);

    protected override ParseOptions CreateParseOptions() =>
        ((CSharpParseOptions)base.CreateParseOptions()).WithLanguageVersion(LanguageVersion.Latest);
}
