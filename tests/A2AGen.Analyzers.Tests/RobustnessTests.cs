using System.Collections.Immutable;
using A2AGen.Analyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;

namespace A2AGen.Analyzers.Tests;

/// <summary>
/// Code as it looks while being typed: the analyzer must never throw (AD0001) and every diagnostic must point into
/// the source, whatever state the declarations are in.
/// </summary>
public class RobustnessTests
{
    public static TheoryData<string> HalfTyped => new()
    {
        "using A2AGen; [A2AAgent( public partial class A { }",
        "using A2AGen; [A2AAgent(\"a\", Description = ] public partial class A { [Skill(] public string S(string t) => t; }",
        "using A2AGen; [A2AAgent] public partial class A { [Skill] public void S() { } }",
        "using A2AGen; [A2AAgent(null!)] public partial class A { [Skill(null!)] public void S() { } }",
        "using A2AGen; [A2AAgent(\"a\", Tags = [\"x\"])] public partial class A { }",
        "using A2AGen; [A2AAgent(\"a\", Description = \"d\")] [PassportKeys(null!)] public partial class A { [Skill(\"s\", Description = \"d\", Tags = null!)] public void S() { } }",
        "using A2AGen; [A2AAgent(\"a\", Description = \"d\")] [PassportKeys(typeof(int))] public partial class A { [Skill(\"s\", Description = \"d\", Tags = [null!])] public void S() { } }",
        "using A2AGen; [A2AAgent(\"a\", Description = \"d\")] [PassportKeys(typeof(System.Collections.Generic.List<>))] public partial class A { }",
        "using A2AGen; [A2AAgent(\"a\", Description = \"d\")] [SecurityRequirement(null!)] [BearerAuth(null!)] public partial class A { }",
        "using A2AGen; [A2AAgent(\"a\", Description = \"d\")] [SecurityRequirement()] public partial class A { }",
        "using A2AGen; [A2AAgent(\"a\", Description = \"d\")] public partial interface IA { [Skill(\"s\", Description = \"d\", Tags = [\"t\"])] string S(string t); }",
        "using A2AGen; [A2AAgent(\"a\", Description = \"d\")] public partial struct A { [Skill(\"s\", Description = \"d\", Tags = [\"t\"])] public string S(string t) => t; }",
        "using A2AGen; [A2AAgent(\"a\", Description = \"d\")] public partial class A { [Skill(\"s\", Description = \"d\", Tags = [\"t\"])] public A() { } [Skill(\"op\", Description = \"d\", Tags = [\"t\"])] public static A operator +(A a, A b) => a; }",
        "using A2AGen; [A2AAgent(\"a\", Description = \"d\")] public partial class A { [Skill(\"s\", Description = \"d\", Tags = [\"t\"])] public Missing S(Unknown u) => default!; }",
        "using A2AGen; [A2AAgent(\"a\", Description = \"d\")] public partial class A { [Skill(\"s\", Description = \"d\", Tags = [\"t\"])] public unsafe int* S(int* p) => p; }",
        "using A2AGen; [A2AAgent(\"a\", Description = \"d\")] [A2AAgent(\"b\", Description = \"d\")] public partial class A { }",
        "using A2AGen; public partial class A { [Skill(\"s\")] [Skill(\"t\")] [DefaultSkill] [DefaultSkill] public void S() { } }",
        "using A2AGen; [A2AAgent(\"a\", Description = \"d\")] public partial class A : A { }",
        "using A2AGen; [A2AAgent(\"a\", Description = \"d\")] public partial class A { public int Card; public int Card; }",
        "[A2AGen.A2AAgent(\"a\", Description = \"d\", Version = \"1.0.0\", Url = \"ht tp://x\")] partial class",
    };

    [Theory]
    [MemberData(nameof(HalfTyped))]
    public Task Half_typed_declarations_never_make_the_analyzer_throw(string source) =>
        new AnyRuleDiagnosticTest { TestCode = source, CompilerDiagnostics = CompilerDiagnostics.None }.RunAsync();

    /// <summary>
    /// Whatever rule diagnostics half-typed code gets is not the point here: each must point into the source, then it
    /// is set aside, so that the package's comparison with no expected diagnostic fails only on what is left (AD0001).
    /// </summary>
    private sealed class AnyRuleDiagnosticTest : AgentAnalyzerTest
    {
        protected override ImmutableArray<(Project project, Diagnostic diagnostic)> FilterDiagnostics(ImmutableArray<(Project project, Diagnostic diagnostic)> diagnostics)
        {
            foreach (var (_, diagnostic) in diagnostics.Where(static d => d.diagnostic.Id.StartsWith("A2AG", StringComparison.Ordinal)))
            {
                Assert.True(diagnostic.Location.IsInSource, diagnostic.ToString());
            }

            return base.FilterDiagnostics(diagnostics).RemoveAll(static d => d.diagnostic.Id.StartsWith("A2AG", StringComparison.Ordinal));
        }
    }
}
