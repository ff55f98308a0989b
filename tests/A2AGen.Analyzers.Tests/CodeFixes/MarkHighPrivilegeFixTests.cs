using A2AGen.Analyzers.Tests.Infrastructure;
using A2AGen.CodeFixes;

namespace A2AGen.Analyzers.Tests.CodeFixes;

/// <summary>A2AG0011's fix: set <c>Privilege = SkillPrivilege.High</c>.</summary>
public class MarkHighPrivilegeFixTests
{
    private const string Id = "A2AG0011";

    private static string Agent(string usings, string skill) => $$"""
        {{usings}}

        [A2AAgent("bank", Description = "Moves money")]
        [PassportKeys("account")]
        public partial class BankAgent
        {
            {{skill}}
            public string Move(string request) => request;
        }
        """;

    [Fact]
    public Task Privilege_is_added_as_the_last_argument() =>
        VerifyFix<MarkHighPrivilegeFix>.FixAsync(Id,
            Agent("using A2AGen;", """[Skill([|"transfer"|], Description = "Transfers", Tags = ["bank"])]"""),
            Agent("using A2AGen;", """[Skill("transfer", Description = "Transfers", Tags = ["bank"], Privilege = SkillPrivilege.High)]"""));

    [Fact]
    public Task An_explicit_Standard_is_replaced() =>
        VerifyFix<MarkHighPrivilegeFix>.FixAsync(Id,
            Agent("using A2AGen;", """[Skill([|"transfer"|], Privilege = SkillPrivilege.Standard, Description = "Transfers", Tags = ["bank"])]"""),
            Agent("using A2AGen;", """[Skill("transfer", Privilege = SkillPrivilege.High, Description = "Transfers", Tags = ["bank"])]"""));

    [Fact]
    public Task The_enum_is_qualified_when_A2AGen_is_not_imported() =>
        VerifyFix<MarkHighPrivilegeFix>.FixAsync(Id,
            """
            [A2AGen.A2AAgent("bank", Description = "Moves money")]
            [A2AGen.PassportKeys("account")]
            public partial class BankAgent
            {
                [A2AGen.Skill([|"transfer"|], Description = "Transfers", Tags = ["bank"])]
                public string Move(string request) => request;
            }
            """,
            """
            [A2AGen.A2AAgent("bank", Description = "Moves money")]
            [A2AGen.PassportKeys("account")]
            public partial class BankAgent
            {
                [A2AGen.Skill("transfer", Description = "Transfers", Tags = ["bank"], Privilege = A2AGen.SkillPrivilege.High)]
                public string Move(string request) => request;
            }
            """);

    [Fact]
    public Task Fix_all_marks_every_reported_skill() =>
        VerifyFix<MarkHighPrivilegeFix>.FixAsync(Id,
            """
            using A2AGen;

            [A2AAgent("bank", Description = "Moves money")]
            [PassportKeys("account")]
            public partial class BankAgent
            {
                [Skill([|"transfer"|], Description = "Transfers", Tags = ["bank"])]
                public string Move(string request) => request;

                [Skill([|"delete-account"|], Description = "Closes an account", Tags = ["bank"])]
                public string Close(string request) => request;
            }
            """,
            """
            using A2AGen;

            [A2AAgent("bank", Description = "Moves money")]
            [PassportKeys("account")]
            public partial class BankAgent
            {
                [Skill("transfer", Description = "Transfers", Tags = ["bank"], Privilege = SkillPrivilege.High)]
                public string Move(string request) => request;

                [Skill("delete-account", Description = "Closes an account", Tags = ["bank"], Privilege = SkillPrivilege.High)]
                public string Close(string request) => request;
            }
            """);

    [Fact]
    public Task An_agent_without_PassportKeys_gets_an_empty_one_so_its_card_announces_the_passport() =>
        VerifyFix<MarkHighPrivilegeFix>.FixAsync(Id,
            """
            using A2AGen;

            /// <summary>Moves money.</summary>
            [A2AAgent("bank", Description = "Moves money")]
            [BearerAuth("bearer")]
            public partial class BankAgent
            {
                [Skill([|"transfer"|], Description = "Transfers", Tags = ["bank"])]
                public string Move(string request) => request;
            }
            """,
            """
            using A2AGen;

            /// <summary>Moves money.</summary>
            [A2AAgent("bank", Description = "Moves money")]
            [PassportKeys]
            [BearerAuth("bearer")]
            public partial class BankAgent
            {
                [Skill("transfer", Description = "Transfers", Tags = ["bank"], Privilege = SkillPrivilege.High)]
                public string Move(string request) => request;
            }
            """);

    [Fact]
    public Task PassportKeys_goes_to_the_part_that_carries_A2AAgent() =>
        VerifyFix<MarkHighPrivilegeFix>.FixAsync(Id,
            [
                """
                using A2AGen;

                [A2AAgent("bank", Description = "Moves money")]
                public partial class BankAgent;
                """,
                """
                using A2AGen;

                public partial class BankAgent
                {
                    [Skill([|"transfer"|], Description = "Transfers", Tags = ["bank"])]
                    public string Move(string request) => request;
                }
                """,
            ],
            [
                """
                using A2AGen;

                [A2AAgent("bank", Description = "Moves money")]
                [PassportKeys]
                public partial class BankAgent;
                """,
                """
                using A2AGen;

                public partial class BankAgent
                {
                    [Skill("transfer", Description = "Transfers", Tags = ["bank"], Privilege = SkillPrivilege.High)]
                    public string Move(string request) => request;
                }
                """,
            ]);

    [Fact]
    public Task Fix_all_in_an_agent_without_PassportKeys_adds_it_once() =>
        VerifyFix<MarkHighPrivilegeFix>.FixAsync(Id,
            """
            using A2AGen;

            [A2AAgent("bank", Description = "Moves money")]
            public partial class BankAgent
            {
                [Skill([|"transfer"|], Description = "Transfers", Tags = ["bank"])]
                public string Move(string request) => request;

                [Skill([|"refund"|], Description = "Refunds", Tags = ["bank"])]
                public string Back(string request) => request;
            }
            """,
            """
            using A2AGen;

            [A2AAgent("bank", Description = "Moves money")]
            [PassportKeys]
            public partial class BankAgent
            {
                [Skill("transfer", Description = "Transfers", Tags = ["bank"], Privilege = SkillPrivilege.High)]
                public string Move(string request) => request;

                [Skill("refund", Description = "Refunds", Tags = ["bank"], Privilege = SkillPrivilege.High)]
                public string Back(string request) => request;
            }
            """);
}
