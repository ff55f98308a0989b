using A2AGen.Generators;
using A2AGen.Tests.Shared.Roslyn;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace A2AGen.Analyzers.Tests.Infrastructure;

/// <summary>
/// What every analyzer and code-fix test of this project shares: the project an agent author has (nullable enabled,
/// the latest language version, the A2AGen runtime and the installed .NET reference assemblies), the generator run
/// before the analyzers as in a real build, and the markup convention.
/// </summary>
/// <remarks>
/// Markup is the test packages' own: <c>[|…|]</c> expects the test's default id (<see cref="DefaultDescriptor"/>),
/// <c>{|A2AG0001:…|}</c> an explicit id (compiler ids such as <c>CS0182</c> too), <c>{|#0:…|}</c> a location that an
/// expected <see cref="DiagnosticResult"/> names with <c>WithLocation(0)</c>.
/// </remarks>
internal static class AgentProject
{
    /// <summary>Where an <c>.editorconfig</c> applies to every test source (the packages put sources under <c>/0/</c>).</summary>
    public const string EditorConfigPath = "/.editorconfig";

    public static readonly Type[] Generators = [typeof(AgentGenerator)];

    public static void Configure<TVerifier>(AnalyzerTest<TVerifier> test)
        where TVerifier : IVerifier, new()
    {
        InstalledReferenceAssemblies.Apply(test);

        // The generated sources are the generator tests' subject (baselines); here the generator only runs first.
        test.TestBehaviors |= TestBehaviors.SkipGeneratedSourcesCheck;

        // The package checks documentation comments; test sources have none.
        test.DisabledDiagnostics.Add("CS1591");

        // A message with an unfilled or missing argument shows up as a literal brace.
        test.DiagnosticVerifier = static (actual, _, verifier) =>
        {
            if (actual.Id.StartsWith("A2AG", StringComparison.Ordinal))
            {
                verifier.False(
                    actual.GetMessage(System.Globalization.CultureInfo.InvariantCulture).Contains('{', StringComparison.Ordinal),
                    $"{actual.Id} has an unfilled placeholder: {actual.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}");
            }
        };
    }

    public static CompilationOptions CompilationOptions(CompilationOptions options) =>
        ((CSharpCompilationOptions)options).WithNullableContextOptions(NullableContextOptions.Enable);

    // Documentation comments are parsed (a fix reads <summary>) but not checked: test sources have no XML docs.
    public static ParseOptions ParseOptions(ParseOptions options) =>
        ((CSharpParseOptions)options).WithLanguageVersion(LanguageVersion.Latest).WithDocumentationMode(DocumentationMode.Parse);

    /// <summary>
    /// The package turns every rule on in the compilation options with <see cref="ReportDiagnostic.Default"/>, which
    /// outranks <c>.editorconfig</c> severities. The rules are on by default anyway, so those entries are dropped and
    /// the project is configured as a real build configures it.
    /// </summary>
    public static Project WithoutDefaultRuleOptions(Project project)
    {
        var options = project.CompilationOptions!;
        var specific = options.SpecificDiagnosticOptions.RemoveRange(
            options.SpecificDiagnosticOptions.Where(static o => o.Value == ReportDiagnostic.Default && o.Key.StartsWith("A2AG", StringComparison.Ordinal)).Select(static o => o.Key));
        return project.WithCompilationOptions(options.WithSpecificDiagnosticOptions(specific));
    }

    /// <summary>The generator reports nothing itself (the analyzers do) and never fails (CS8784/CS8785).</summary>
    public static void VerifyGeneratorQuiet(IEnumerable<Diagnostic> generatorDiagnostics, IVerifier verifier) =>
        verifier.Empty("generator diagnostics", generatorDiagnostics.Select(static d => d.ToString()));

    /// <summary>The descriptor <c>[|…|]</c> stands for, or none when the test has no default id.</summary>
    public static DiagnosticDescriptor? DefaultDescriptor(string? defaultId, DiagnosticAnalyzer[] analyzers) =>
        defaultId is null ? null : analyzers.SelectMany(static a => a.SupportedDiagnostics).First(d => d.Id == defaultId);
}
