using A2AGen.Analyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;

namespace A2AGen.Analyzers.Tests;

/// <summary>
/// What users configure: <c>.editorconfig</c> severities, <c>#pragma</c> and <c>[SuppressMessage]</c>; and what the
/// analyzer leaves alone: generated code, projects without A2AGen.
/// </summary>
public class AnalyzerConfigurationTests
{
    private const string Weakened = """
        using A2AGen;

        [A2AAgent("shop", Description = "Sells things")]
        [PassportKeys("tier")]
        public partial class ShopAgent
        {
            [Skill("refund", Description = "Refunds", Tags = ["finance"], Privilege = SkillPrivilege.High, {|#0:RequestSignature = SignatureRequirement.Optional|})]
            public string Refund(string order) => order;
        }
        """;

    private static string Unmarked(string markup) => markup.Replace("{|#0:", "").Replace("|}", "");

    [Fact]
    public async Task Editorconfig_can_raise_a_warning_to_an_error()
    {
        await Verify.RunAsync(
            new AgentAnalyzerTest { EditorConfig = "root = true\n\n[*.cs]\ndotnet_diagnostic.A2AG0001.severity = error\n" },
            [Weakened],
            [Verify.Diagnostic("A2AG0001").WithLocation(0).WithSeverity(DiagnosticSeverity.Error).WithArguments("refund", "request signature")]);
    }

    [Fact]
    public Task Editorconfig_can_turn_a_rule_off() =>
        Verify.RunAsync(
            new AgentAnalyzerTest { EditorConfig = "root = true\n\n[*.cs]\ndotnet_diagnostic.A2AG0001.severity = none\n" },
            [Unmarked(Weakened)],
            []);

    [Fact]
    public async Task Editorconfig_can_set_a_whole_category()
    {
        await Verify.RunAsync(
            new AgentAnalyzerTest { EditorConfig = "root = true\n\n[*.cs]\ndotnet_analyzer_diagnostic.category-A2AGen.Security.severity = error\n" },
            [Weakened],
            [Verify.Diagnostic("A2AG0001").WithLocation(0).WithSeverity(DiagnosticSeverity.Error).WithArguments("refund", "request signature")]);
    }

    [Fact]
    public async Task Editorconfig_can_raise_an_info_to_a_warning()
    {
        await Verify.RunAsync(
            new AgentAnalyzerTest { EditorConfig = "root = true\n\n[*.cs]\ndotnet_diagnostic.A2AG0011.severity = warning\n" },
            ["""
            using A2AGen;

            [A2AAgent("shop", Description = "Sells things")]
            public partial class ShopAgent
            {
                [Skill({|#0:"refund"|}, Description = "Refunds", Tags = ["finance"])]
                public string Lookup(string order) => order;
            }
            """],
            [Verify.Diagnostic("A2AG0011").WithLocation(0).WithSeverity(DiagnosticSeverity.Warning).WithArguments("refund", "refund")]);
    }

    [Fact]
    public Task Pragma_warning_disable_suppresses_the_diagnostic() =>
        Verify.NoDiagnosticsAsync("""
            using A2AGen;

            [A2AAgent("shop", Description = "Sells things")]
            [PassportKeys("tier")]
            public partial class ShopAgent
            {
            #pragma warning disable A2AG0001 // the legacy client cannot sign yet
                [Skill("refund", Description = "Refunds", Tags = ["finance"], Privilege = SkillPrivilege.High, RequestSignature = SignatureRequirement.Optional)]
            #pragma warning restore A2AG0001
                public string Refund(string order) => order;
            }
            """);

    [Fact]
    public Task Pragma_restore_brings_the_diagnostic_back() =>
        Verify.RunAsync(
            new AgentAnalyzerTest("A2AG0001")
            {
                // The package's own check puts '#pragma warning disable' on top, which this test's restore undoes.
                TestBehaviors = TestBehaviors.SkipGeneratedSourcesCheck | TestBehaviors.SkipSuppressionCheck,
            },
            ["""
            using A2AGen;

            [A2AAgent("shop", Description = "Sells things")]
            [PassportKeys("tier")]
            public partial class ShopAgent
            {
            #pragma warning disable A2AG0001
            #pragma warning restore A2AG0001
                [Skill("refund", Description = "Refunds", Tags = ["finance"], Privilege = SkillPrivilege.High, [|RequestSignature = SignatureRequirement.Optional|])]
                public string Refund(string order) => order;
            }
            """],
            []);

    [Fact]
    public Task SuppressMessage_on_the_method_suppresses_the_diagnostic() =>
        Verify.NoDiagnosticsAsync("""
            using A2AGen;

            [A2AAgent("shop", Description = "Sells things")]
            [PassportKeys("tier")]
            public partial class ShopAgent
            {
                [System.Diagnostics.CodeAnalysis.SuppressMessage("A2AGen.Security", "A2AG0001", Justification = "Legacy client")]
                [Skill("refund", Description = "Refunds", Tags = ["finance"], Privilege = SkillPrivilege.High, RequestSignature = SignatureRequirement.Optional)]
                public string Refund(string order) => order;
            }
            """);

    [Fact]
    public Task A_pragma_disabled_error_is_suppressed_too() =>
        Verify.NoDiagnosticsAsync("""
            using A2AGen;

            #pragma warning disable A2AG0005
            public class Helpers
            {
                [Skill("greet", Description = "Greets", Tags = ["demo"])]
                public string Greet(string name) => name;
            }
            """);

    [Fact]
    public Task Declarations_in_generated_files_are_not_analyzed() =>
        Verify.RunAsync(
            new AgentAnalyzerTest
            {
                // The compiler treats *.g.cs files (and '// <auto-generated/>' headers) as generated code.
                TestState = { Sources = { ("/0/Generated.g.cs", Unmarked(Weakened).Replace("ShopAgent", "GeneratedShopAgent").Replace("\"shop\"", "\"generated-shop\"")) } },
            },
            ["namespace Empty;"],
            []);

    [Fact]
    public Task Declarations_under_an_auto_generated_header_are_not_analyzed() =>
        Verify.NoDiagnosticsAsync("// <auto-generated/>\n" + Unmarked(Weakened));

    [Fact]
    public async Task The_generator_output_does_not_hide_the_user_declaration()
    {
        var test = await Verify.RunAsync(new AgentAnalyzerTest("A2AG0008"), ["""
            using A2AGen;

            [A2AAgent("hello", Description = "Says hello", [|Url = "http://agents.example.com/"|])]
            public partial class HelloAgent
            {
                [Skill("greet", Description = "Greets", Tags = ["demo"])]
                public string Greet(string name) => name;
            }
            """], []);
        Assert.Contains(test.Compilation!.SyntaxTrees, tree => tree.FilePath.EndsWith(".g.cs", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Attributes_named_like_A2AGen_attributes_in_another_namespace_are_not_ours()
    {
        await Verify.NoDiagnosticsAsync("""
            namespace Other;

            [System.AttributeUsage(System.AttributeTargets.Method)]
            public sealed class SkillAttribute(string id) : System.Attribute
            {
                public string Id { get; } = id;
            }

            public class Helpers
            {
                [Skill("Not An Id")]
                public void Run() { }
            }
            """);
    }
}
