using A2AGen.Declarations.Problems;
using A2AGen.Generators.Tests.Infrastructure;

namespace A2AGen.Generators.Tests;

/// <summary>
/// Every problem the shared parser detects, with the exact location the analyzers will underline. Each source also
/// goes through the generator: it emits nothing for an agent with an error, and what it emits compiles.
/// </summary>
public class ParserProblemTests
{
    private const string Skill = """[Skill("ok", Description = "d", Tags = ["t"])] public string Ok(string s) => s;""";

    [Fact]
    public void A_valid_agent_has_no_problem() =>
        ProblemAssert.Problems($$"""[A2AAgent("a", Description = "d")] public partial class A { {{Skill}} }""");

    [Fact]
    public void A2AG0001_high_privilege_explicitly_weakened()
    {
        var problems = ProblemAssert.Problems("""
            [A2AAgent("a", Description = "d")]
            [PassportKeys("k")]
            public partial class A
            {
                [Skill("refund", Description = "d", Tags = ["t"], Privilege = SkillPrivilege.High, RequestSignature = SignatureRequirement.Optional, PassportSignature = SignatureRequirement.Optional)]
                public string Refund(string s) => s;

                [Skill("pay", Description = "d", Tags = ["t"], Privilege = SkillPrivilege.High)]
                public string Pay(string s) => s;
            }
            """,
            (ProblemIds.HighPrivilegeWeakened, "RequestSignature = SignatureRequirement.Optional"),
            (ProblemIds.HighPrivilegeWeakened, "PassportSignature = SignatureRequirement.Optional"));
        Assert.All(problems, p => Assert.Equal(ProblemSeverity.Warning, p.Descriptor.Severity));
        Assert.Equal(["RequestSignature", "PassportSignature"], problems.Select(p => p.ArgumentName));
        Assert.Equal("Skill 'refund' is high-privilege but its request signature is weakened to Optional, so forged or replayed calls can reach it", problems[0].FormatMessage());
    }

    [Fact]
    public void A2AG0001_not_reported_when_the_agent_requires_request_signatures_anyway() =>
        ProblemAssert.Problems("""
            [A2AAgent("a", Description = "d", RequestSignature = SignatureRequirement.Required)]
            [PassportKeys("k")]
            public partial class A
            {
                [Skill("refund", Description = "d", Tags = ["t"], Privilege = SkillPrivilege.High, RequestSignature = SignatureRequirement.Optional)]
                public string Refund(string s) => s;
            }
            """);

    [Theory]
    [InlineData("public class NotPartial", "NotPartial")]
    [InlineData("public partial class Generic<T>", "Generic")]
    [InlineData("public static partial class Static", "Static")]
    public void A2AG0002_agent_class_cannot_be_generated(string declaration, string at) =>
        ProblemAssert.Problems($$"""[A2AAgent("a", Description = "d")] {{declaration}} { {{Skill.Replace("public string", "public static string", StringComparison.Ordinal)}} }""",
            (ProblemIds.InvalidAgentClass, at));

    [Fact]
    public void A2AG0002_nested_in_a_generic_or_non_partial_type()
    {
        ProblemAssert.Problems($$"""public partial class Outer<T> { [A2AAgent("a", Description = "d")] public partial class Inner { {{Skill}} } }""",
            (ProblemIds.InvalidAgentClass, "Inner"));
        var problems = ProblemAssert.Problems($$"""public class Outer { [A2AAgent("a", Description = "d")] public partial class Inner { {{Skill}} } }""",
            (ProblemIds.InvalidAgentClass, "Inner"));
        Assert.Contains("Outer", problems[0].FormatMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void A2AG0003_duplicate_skill_id() =>
        ProblemAssert.Problems("""
            [A2AAgent("a", Description = "d")]
            public partial class A
            {
                [Skill("dup", Description = "d", Tags = ["t"])] public string One(string s) => s;
                [Skill("dup", Description = "d", Tags = ["t"])] public string Two(string s) => s;
            }
            """,
            (ProblemIds.DuplicateSkillId, "\"dup\""));

    [Theory]
    [InlineData("")]
    [InlineData("../x")]
    [InlineData("has space")]
    [InlineData("ünï")]
    [InlineData("Upper")]
    [InlineData("-leading")]
    [InlineData("a/b")]
    [InlineData("a\\\\b")]
    [InlineData("x123456789x123456789x123456789x123456789x123456789x123456789x1234")]
    public void A2AG0004_invalid_agent_and_skill_ids(string id)
    {
        ProblemAssert.Problems($$"""[A2AAgent("{{id}}", Description = "d")] public partial class A { {{Skill}} }""",
            (ProblemIds.InvalidId, $"\"{id}\""));
        ProblemAssert.Problems($$"""[A2AAgent("a", Description = "d")] public partial class A { [Skill("{{id}}", Description = "d", Tags = ["t"])] public string S(string s) => s; }""",
            (ProblemIds.InvalidId, $"\"{id}\""));
    }

    [Fact]
    public void A2AG0004_null_id() =>
        ProblemAssert.Problems($$"""[A2AAgent(null!, Description = "d")] public partial class A { {{Skill}} }""",
            (ProblemIds.InvalidId, "null!"));

    [Fact]
    public void A2AG0005_skill_outside_an_agent()
    {
        var problems = ProblemAssert.Problems("""public class Plain { [Skill("s", Description = "d", Tags = ["t"])] public string S(string s) => s; }""",
            (ProblemIds.SkillOutsideAgent, "Skill(\"s\", Description = \"d\", Tags = [\"t\"])"));
        Assert.Equal(ProblemSeverity.Error, problems[0].Descriptor.Severity);
    }

    [Theory]
    [InlineData("public string S(ref string s) => s;", "s")]
    [InlineData("public string S(out string s) { s = \"\"; return s; }", "s")]
    [InlineData("public string S(string a, string b) => a;", "b")]
    [InlineData("public string S(string a, Message m) => a;", "m")]
    [InlineData("public string S(CancellationToken a, CancellationToken b) => \"\";", "b")]
    [InlineData("public string S(SkillContext a, SkillContext b) => \"\";", "b")]
    [InlineData("public string S(dynamic d) => \"\";", "d")]
    [InlineData("public string S(Action a) => \"\";", "a")]
    [InlineData("public string S(Task t) => \"\";", "t")]
    [InlineData("public string S(Span<byte> b) => \"\";", "b")]
    [InlineData("public string S(APassport p) => \"\";", "p")]
    [InlineData("public string S<T>(T value) => \"\";", "S")]
    [InlineData("public async void S() { await Task.Yield(); }", "S")]
    [InlineData("public Task<IAsyncEnumerable<string>> S() => null!;", "S")]
    [InlineData("public IAsyncEnumerable<SkillResult> S() => null!;", "S")]
    [InlineData("public string S(SkillResult r) => \"\";", "r")]
    [InlineData("public dynamic S() => 1;", "S")]
    [InlineData("public ref int S() => ref field; private int field;", "S")]
    [InlineData("public IAsyncEnumerable<Action> S() => null!;", "S")]
    public void A2AG0006_unbindable_skill(string method, string at) =>
        ProblemAssert.Problems($$"""[A2AAgent("a", Description = "d")] public partial class A { [Skill("s", Description = "d", Tags = ["t"])] {{method}} }""",
            (ProblemIds.UnbindableSkill, at));

    [Fact]
    public void A2AG0006_names_the_parameter()
    {
        var problems = ProblemAssert.Problems("""[A2AAgent("a", Description = "d")] public partial class A { [Skill("s", Description = "d", Tags = ["t"])] public string S(string first, string second) => first; }""",
            (ProblemIds.UnbindableSkill, "second"));
        Assert.Equal("Skill 's' cannot be dispatched: parameter 'second' is a second input after 'first'; a skill takes one input (text, data or message)", problems[0].FormatMessage());
    }

    [Fact]
    public void A2AG0007_required_card_fields_that_are_empty_or_missing()
    {
        ProblemAssert.Problems($$"""[A2AAgent("a")] public partial class A { {{Skill}} }""",
            (ProblemIds.EmptyCardField, "A2AAgent(\"a\")"));
        ProblemAssert.Problems($$"""[A2AAgent("a", Description = " ", Name = "", Version = "")] public partial class A { {{Skill}} }""",
            (ProblemIds.EmptyCardField, "Description = \" \""), (ProblemIds.EmptyCardField, "Name = \"\""), (ProblemIds.EmptyCardField, "Version = \"\""));
        ProblemAssert.Problems($$"""[A2AAgent("a", Description = "d", Organization = "Org")] public partial class A { {{Skill}} }""",
            (ProblemIds.EmptyCardField, "Organization = \"Org\""));
        ProblemAssert.Problems($$"""[A2AAgent("a", Description = "d", DefaultInputModes = [], DefaultOutputModes = ["text/plain", ""])] public partial class A { {{Skill}} }""",
            (ProblemIds.EmptyCardField, "DefaultInputModes = []"), (ProblemIds.EmptyCardField, "\"\""));
        ProblemAssert.Problems("""[A2AAgent("a", Description = "d")] public partial class A { }""",
            (ProblemIds.EmptyCardField, "A2AAgent(\"a\", Description = \"d\")"));
        ProblemAssert.Problems("""
            [A2AAgent("a", Description = "d")]
            public partial class A
            {
                [Skill("s")] public string S(string s) => s;
                [Skill("t", Description = "d", Tags = [], Name = "")] public string T(string s) => s;
                [Skill("u", Description = "d", Tags = ["x", null!], Examples = [""])] public string U(string s) => s;
            }
            """,
            (ProblemIds.EmptyCardField, "Skill(\"s\")"), (ProblemIds.EmptyCardField, "Skill(\"s\")"),
            (ProblemIds.EmptyCardField, "Tags = []"), (ProblemIds.EmptyCardField, "Name = \"\""),
            (ProblemIds.EmptyCardField, "null!"), (ProblemIds.EmptyCardField, "\"\""));
    }

    [Theory]
    [InlineData("http://example.com/a2a", true)]
    [InlineData("http://10.0.0.1/", true)]
    [InlineData("https://example.com/a2a", false)]
    [InlineData("http://localhost:5000/a2a", false)]
    [InlineData("http://127.0.0.1/", false)]
    [InlineData("http://[::1]:8080/", false)]
    public void A2AG0008_agent_url_not_https(string url, bool reported)
    {
        var expected = reported ? new[] { (ProblemIds.InsecureAgentUrl, $"Url = \"{url}\"") } : [];
        var problems = ProblemAssert.Problems($$"""[A2AAgent("a", Description = "d", Url = "{{url}}")] public partial class A { {{Skill}} }""", expected);
        Assert.All(problems, p => Assert.Equal(ProblemSeverity.Warning, p.Descriptor.Severity));
    }

    [Fact]
    public void A2AG0009_passport_keys_invalid_duplicated_clashing_or_undeclared()
    {
        ProblemAssert.Problems($$"""[A2AAgent("a", Description = "d")] [PassportKeys("ok_key", "Bad-Key", "ok_key", "state", "", "a_passport")] public partial class A { {{Skill}} }""",
            (ProblemIds.InvalidPassportKey, "\"Bad-Key\""), (ProblemIds.InvalidPassportKey, "\"ok_key\""),
            (ProblemIds.InvalidPassportKey, "\"state\""), (ProblemIds.InvalidPassportKey, "\"\""), (ProblemIds.InvalidPassportKey, "\"a_passport\""));
        ProblemAssert.Problems("""
            [A2AAgent("a", Description = "d")]
            [PassportKeys("tier")]
            public partial class A
            {
                [Skill("s", Description = "d", Tags = ["t"], RequiredPassportKeys = ["tier", "missing"])] public string S(string s) => s;
            }
            """,
            (ProblemIds.InvalidPassportKey, "\"missing\""));
        ProblemAssert.Problems("""
            [A2AAgent("a", Description = "d")]
            public partial class A
            {
                [Skill("s", Description = "d", Tags = ["t"], RequiredPassportKeys = ["tier"])] public string S(string s) => s;
            }
            """,
            (ProblemIds.InvalidPassportKey, "\"tier\""), (ProblemIds.PassportWithoutDeclaration, "Skill(\"s\", Description = \"d\", Tags = [\"t\"], RequiredPassportKeys = [\"tier\"])"));
    }

    [Fact]
    public void A2AG0009_state_types_that_cannot_be_the_passport()
    {
        ProblemAssert.Problems($$"""[A2AAgent("a", Description = "d")] [PassportKeys(typeof(IDisposable))] public partial class A { {{Skill}} }""",
            (ProblemIds.InvalidPassportKey, "typeof(IDisposable)"));
        ProblemAssert.Problems($$"""
            public class State
            {
                public string? Context { get; init; }
                public Action? Callback { get; init; }
                [System.Text.Json.Serialization.JsonPropertyName("dup")] public int A { get; init; }
                [System.Text.Json.Serialization.JsonPropertyName("dup")] public int B { get; init; }
                public Hidden? Secret { get; init; }
                internal class Hidden { }
            }
            [A2AAgent("a", Description = "d")] [PassportKeys(typeof(State))] public partial class A { {{Skill}} }
            """,
            (ProblemIds.InvalidPassportKey, "typeof(State)"), (ProblemIds.InvalidPassportKey, "typeof(State)"),
            (ProblemIds.InvalidPassportKey, "typeof(State)"), (ProblemIds.InvalidPassportKey, "typeof(State)"));
    }

    [Fact]
    public void A2AG0010_scopes_without_an_OAuth2_or_OpenID_Connect_scheme()
    {
        // A warning (issue 6): the agent is still generated; hosting enforces the skill's RequiredScopes.
        var problems = ProblemAssert.Problems("""
            [A2AAgent("a", Description = "d")]
            [BearerAuth("bearer")]
            public partial class A
            {
                [Skill("s", Description = "d", Tags = ["t"], RequiredScopes = ["read"])] public string S(string s) => s;
            }
            """,
            (ProblemIds.ScopesWithoutOAuth, "RequiredScopes = [\"read\"]"));
        Assert.Equal(ProblemSeverity.Warning, problems[0].Descriptor.Severity);
        ProblemAssert.Problems("""
            [A2AAgent("a", Description = "d")]
            [OpenIdConnectAuth("oidc", "https://id.example.com/.well-known/openid-configuration")]
            public partial class A
            {
                [Skill("s", Description = "d", Tags = ["t"], RequiredScopes = ["read"])] public string S(string s) => s;
            }
            """);
    }

    [Theory]
    [InlineData("delete-user", null, "delete")]
    [InlineData("orders", "Refund order", "Refund")]
    [InlineData("funds", "transferFunds", "transfer")]
    [InlineData("grant_admin", null, "grant")]
    [InlineData("writer", null, "writer")]
    [InlineData("payments", null, "payments")]
    public void A2AG0011_privileged_looking_skill_not_marked_high(string id, string? name, string word)
    {
        var nameArgument = name is null ? "" : $", Name = \"{name}\"";
        var problems = ProblemAssert.Problems($$"""[A2AAgent("a", Description = "d")] public partial class A { [Skill("{{id}}", Description = "d", Tags = ["t"]{{nameArgument}})] public string S(string s) => s; }""",
            (ProblemIds.PrivilegedSkillNotHigh, $"\"{id}\""));
        Assert.Contains($"'{word}'", problems[0].FormatMessage(), StringComparison.Ordinal);
        Assert.Equal(ProblemSeverity.Info, problems[0].Descriptor.Severity);
    }

    [Theory]
    [InlineData("display")]
    [InlineData("payload")]
    [InlineData("lookup-rates")]
    [InlineData("greet")]
    public void A2AG0011_ordinary_words_are_not_flagged(string id) =>
        ProblemAssert.Problems($$"""[A2AAgent("a", Description = "d")] public partial class A { [Skill("{{id}}", Description = "d", Tags = ["t"])] public string S(string s) => s; }""");

    [Theory]
    [InlineData("v1")]
    [InlineData("1.0")]
    [InlineData("01.0.0")]
    [InlineData("1.0.0.0")]
    public void A2AG0012_version_not_semantic(string version)
    {
        var problems = ProblemAssert.Problems($$"""[A2AAgent("a", Description = "d", Version = "{{version}}")] public partial class A { {{Skill}} }""",
            (ProblemIds.InvalidVersion, $"Version = \"{version}\""));
        Assert.Equal(ProblemSeverity.Warning, problems[0].Descriptor.Severity);
    }

    [Fact]
    public void A2AG0013_arguments_that_are_not_valid_constants() =>
        ProblemAssert.Problems("""
            [A2AAgent("a", Description = "d")]
            public partial class A
            {
                [Skill("s", Description = "d", Tags = ["t"], Privilege = (SkillPrivilege)7)] public string S(string s) => s;
            }
            """,
            (ProblemIds.NonConstantArgument, "Privilege = (SkillPrivilege)7"));

    [Fact]
    public void A2AG0013_an_argument_that_did_not_bind_is_reported_once() =>
        ProblemAssert.Problems($$"""
            public static class Names { public static string Description => "d"; }
            [A2AAgent("a", Description = Names.Description)] public partial class A { {{Skill}} }
            """,
            (ProblemIds.NonConstantArgument, "Description = Names.Description"));

    [Fact]
    public void A2AG0014_more_than_one_default_skill() =>
        ProblemAssert.Problems("""
            [A2AAgent("a", Description = "d")]
            public partial class A
            {
                [Skill("one", Description = "d", Tags = ["t"])] [DefaultSkill] public string One(string s) => s;
                [Skill("two", Description = "d", Tags = ["t"])] [DefaultSkill] public string Two(string s) => s;
            }
            """,
            (ProblemIds.MultipleDefaultSkills, "DefaultSkill"));

    [Fact]
    public void A2AG0015_invalid_security_declarations() =>
        ProblemAssert.Problems($$"""
            [A2AAgent("a", Description = "d")]
            [BearerAuth("bearer")]
            [BasicAuth("bearer")]
            [MutualTlsAuth("")]
            [SecurityRequirement("bearer", "nope")]
            [OAuth2ClientCredentials("oauth", "https://id.example.com/token", Scopes = ["read", "read=again"])]
            public partial class A { {{Skill}} }
            """,
            (ProblemIds.InvalidSecurityDeclaration, "\"bearer\""), (ProblemIds.InvalidSecurityDeclaration, "\"\""),
            (ProblemIds.InvalidSecurityDeclaration, "\"nope\""), (ProblemIds.InvalidSecurityDeclaration, "\"read=again\""));

    [Fact]
    public void A2AG0016_invalid_urls() =>
        ProblemAssert.Problems($$"""
            [A2AAgent("a", Description = "d", Url = "not a url", DocumentationUrl = "ftp://example.com/docs", Organization = "O", OrganizationUrl = "example.com")]
            [OAuth2ClientCredentials("oauth", "/token")]
            [OpenIdConnectAuth("oidc", "mailto:x@example.com")]
            public partial class A { {{Skill}} }
            """,
            (ProblemIds.InvalidUrl, "Url = \"not a url\""), (ProblemIds.InvalidUrl, "DocumentationUrl = \"ftp://example.com/docs\""),
            (ProblemIds.InvalidUrl, "OrganizationUrl = \"example.com\""), (ProblemIds.InvalidUrl, "\"/token\""),
            (ProblemIds.InvalidUrl, "\"mailto:x@example.com\""));

    [Fact]
    public void A2AG0017_unpaired_surrogates() =>
        ProblemAssert.Problems("""
            [A2AAgent("a", Description = "broken \uD800 text")]
            public partial class A
            {
                [Skill("s", Description = "d", Tags = ["\uDC00"])] public string S(string s) => s;
            }
            """,
            (ProblemIds.InvalidText, "Description = \"broken \\uD800 text\""), (ProblemIds.InvalidText, "\"\\uDC00\""));

    [Fact]
    public void A2AG0018_default_skill_without_skill()
    {
        ProblemAssert.Problems($$"""[A2AAgent("a", Description = "d")] public partial class A { {{Skill}} [DefaultSkill] public string Other() => ""; }""",
            (ProblemIds.DefaultSkillWithoutSkill, "DefaultSkill"));
        ProblemAssert.Problems("""public class Plain { [DefaultSkill] public string Other() => ""; }""",
            (ProblemIds.DefaultSkillWithoutSkill, "DefaultSkill"));
    }

    [Fact]
    public void A2AG0019_names_the_generator_needs()
    {
        ProblemAssert.Problems($$"""[A2AAgent("a", Description = "d")] public partial class A { {{Skill}} public static int Card => 0; public void DispatchAsync(object o) { } }""",
            (ProblemIds.GeneratedNameClash, "Card"), (ProblemIds.GeneratedNameClash, "DispatchAsync"));
        ProblemAssert.Problems($$"""public class APassport { } [A2AAgent("a", Description = "d")] [PassportKeys("k")] public partial class A { {{Skill}} }""",
            (ProblemIds.GeneratedNameClash, "A"));
    }

    [Fact]
    public void A2AG0020_passport_required_without_PassportKeys()
    {
        var problems = ProblemAssert.Problems("""
            [A2AAgent("a", Description = "d")]
            public partial class A
            {
                [Skill("refund", Description = "d", Tags = ["t"], Privilege = SkillPrivilege.High)] public string Refund(string s) => s;
                [Skill("s", Description = "d", Tags = ["t"], RequirePassport = true)] public string S(string s) => s;
            }
            """,
            (ProblemIds.PassportWithoutDeclaration, "Skill(\"refund\", Description = \"d\", Tags = [\"t\"], Privilege = SkillPrivilege.High)"),
            (ProblemIds.PassportWithoutDeclaration, "Skill(\"s\", Description = \"d\", Tags = [\"t\"], RequirePassport = true)"));
        Assert.All(problems, p => Assert.Equal(ProblemSeverity.Warning, p.Descriptor.Severity));
    }

    [Fact]
    public void A2AG0022_a_skill_that_can_stop_for_input_without_a_context()
    {
        var problems = ProblemAssert.Problems("""[A2AAgent("a", Description = "d")] public partial class A { [Skill("s", Description = "d", Tags = ["t"])] public SkillResult S(string text) => text; }""",
            (ProblemIds.InterruptingSkillWithoutContext, "S"));
        Assert.Equal(ProblemSeverity.Info, problems[0].Descriptor.Severity);
        ProblemAssert.Problems("""[A2AAgent("a", Description = "d")] public partial class A { [Skill("s", Description = "d", Tags = ["t"])] public SkillResult S(string text, SkillContext context) => text; }""");
    }

    [Fact]
    public void A2AG0024_provenance_outside_a_skill_or_agent()
    {
        ProblemAssert.Problems($$"""[A2AAgent("a", Description = "d")] public partial class A { {{Skill}} [Provenance] public string Other() => ""; }""",
            (ProblemIds.ProvenanceOutsideSkill, "Provenance"));
        ProblemAssert.Problems("""public class Plain { [Provenance] public string Other() => ""; }""",
            (ProblemIds.ProvenanceOutsideSkill, "Provenance"));
        ProblemAssert.Problems("""[Provenance] public class Plain { }""",
            (ProblemIds.ProvenanceOutsideSkill, "Provenance"));
        ProblemAssert.Problems($$"""[A2AAgent("a", Description = "d")] [Provenance] public partial class A { [Skill("s", Description = "d", Tags = ["t"]), Provenance] public string S(string s) => s; }""");
    }

    [Fact]
    public void The_catalog_has_unique_ids_and_well_formed_messages()
    {
        var all = ProblemDescriptors.All;
        Assert.Equal(24, all.Count);
        Assert.Equal(all.Count, all.Select(d => d.Id).Distinct().Count());
        Assert.All(all, d => Assert.Matches("^A2AG00[0-9]{2}$", d.Id));
        Assert.Equal(all.Select(d => d.Id).Order(StringComparer.Ordinal), all.Select(d => d.Id));
        Assert.All(all, d => Assert.False(string.IsNullOrWhiteSpace(d.Title)));
    }
}
