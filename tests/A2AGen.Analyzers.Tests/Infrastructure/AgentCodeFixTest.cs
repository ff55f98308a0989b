using A2AGen.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace A2AGen.Analyzers.Tests.Infrastructure;

/// <summary>
/// A code-fix test with Microsoft's test package: the marked diagnostics before, the fix applied one by one and through
/// its FixAll provider (document, project, solution), the fixed text compared, and the fixed code analyzed again with
/// exactly the diagnostics marked in it and no compiler error or warning.
/// </summary>
internal sealed class AgentCodeFixTest<TCodeFix> : CSharpCodeFixTest<AgentDeclarationAnalyzer, TCodeFix, DefaultVerifier>
    where TCodeFix : CodeFixProvider, new()
{
    /// <param name="defaultId">The id <c>[|…|]</c> stands for.</param>
    public AgentCodeFixTest(string defaultId)
    {
        DefaultId = defaultId;
        AgentProject.Configure(this);

        // The fixed code must not only compile but add no warning either.
        CompilerDiagnostics = CompilerDiagnostics.Warnings;

        // Markup in the fixed code means what it means in the code before: diagnostics that must still be there.
        FixedState.MarkupHandling = MarkupMode.Allow;
    }

    public string DefaultId { get; }

    protected override IEnumerable<Type> GetSourceGenerators() => AgentProject.Generators;

    protected override CompilationOptions CreateCompilationOptions() => AgentProject.CompilationOptions(base.CreateCompilationOptions());

    protected override ParseOptions CreateParseOptions() => AgentProject.ParseOptions(base.CreateParseOptions());

    protected override Project ApplyCompilationOptions(Project project) => AgentProject.WithoutDefaultRuleOptions(base.ApplyCompilationOptions(project));

    protected override async Task<(Compilation compilation, System.Collections.Immutable.ImmutableArray<Diagnostic> generatorDiagnostics)> GetProjectCompilationAsync(
        Project project, IVerifier verifier, CancellationToken cancellationToken)
    {
        var result = await base.GetProjectCompilationAsync(project, verifier, cancellationToken);
        AgentProject.VerifyGeneratorQuiet(result.generatorDiagnostics, verifier);
        return result;
    }

    protected override DiagnosticDescriptor? GetDefaultDiagnostic(DiagnosticAnalyzer[] analyzers) => AgentProject.DefaultDescriptor(DefaultId, analyzers);
}

/// <summary>Shorthands over <see cref="AgentCodeFixTest{TCodeFix}"/>.</summary>
internal static class VerifyFix<TCodeFix>
    where TCodeFix : CodeFixProvider, new()
{
    /// <summary>The marked diagnostics of <paramref name="before"/>, fixed (each and all at once), give <paramref name="after"/>.</summary>
    public static Task FixAsync(string defaultId, string before, string after) => FixAsync(defaultId, [before], [after]);

    public static Task FixAsync(string defaultId, string[] before, string[] after)
    {
        var test = new AgentCodeFixTest<TCodeFix>(defaultId);
        foreach (var source in before)
        {
            test.TestState.Sources.Add(source);
        }

        foreach (var source in after)
        {
            test.FixedState.Sources.Add(source);
        }

        return test.RunAsync();
    }

    /// <summary>The fix of the first marked diagnostic alone turns <paramref name="before"/> into <paramref name="after"/>.</summary>
    public static Task FixFirstAsync(string defaultId, string before, string after) =>
        new AgentCodeFixTest<TCodeFix>(defaultId)
        {
            TestCode = before,
            FixedCode = after,
            CodeFixTestBehaviors = CodeFixTestBehaviors.FixOne | CodeFixTestBehaviors.SkipFixAllCheck,
            NumberOfIncrementalIterations = 1,
        }.RunAsync();

    /// <summary>The diagnostics are reported as marked, and the fix changes nothing.</summary>
    public static Task NoFixAsync(string defaultId, string markup) =>
        new AgentCodeFixTest<TCodeFix>(defaultId) { TestCode = markup, FixedCode = markup }.RunAsync();
}
