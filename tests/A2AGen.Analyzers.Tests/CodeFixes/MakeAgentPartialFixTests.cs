using A2AGen.Analyzers.Tests.Infrastructure;
using A2AGen.CodeFixes;

namespace A2AGen.Analyzers.Tests.CodeFixes;

/// <summary>A2AG0002's fix: add <c>partial</c> where it is missing, when that is the whole problem.</summary>
public class MakeAgentPartialFixTests
{
    private const string Id = "A2AG0002";

    [Fact]
    public Task Partial_goes_after_the_other_modifiers() =>
        VerifyFix<MakeAgentPartialFix>.FixAsync(Id,
            """
            using A2AGen;

            namespace Shop;

            /// <summary>Sells things.</summary>
            [A2AAgent("shop", Description = "Sells things")]
            public sealed class [|ShopAgent|]
            {
                [Skill("quote", Description = "Quotes", Tags = ["shop"])]
                public string Quote(string item) => item;
            }
            """,
            """
            using A2AGen;

            namespace Shop;

            /// <summary>Sells things.</summary>
            [A2AAgent("shop", Description = "Sells things")]
            public sealed partial class ShopAgent
            {
                [Skill("quote", Description = "Quotes", Tags = ["shop"])]
                public string Quote(string item) => item;
            }
            """);

    [Fact]
    public Task A_class_without_modifiers_keeps_its_layout() =>
        VerifyFix<MakeAgentPartialFix>.FixAsync(Id,
            """
            using A2AGen;

            /// <summary>Sells things.</summary>
            [A2AAgent("shop", Description = "Sells things")]
            class [|ShopAgent|]
            {
                [Skill("quote", Description = "Quotes", Tags = ["shop"])]
                public string Quote(string item) => item;
            }
            """,
            """
            using A2AGen;

            /// <summary>Sells things.</summary>
            [A2AAgent("shop", Description = "Sells things")]
            partial class ShopAgent
            {
                [Skill("quote", Description = "Quotes", Tags = ["shop"])]
                public string Quote(string item) => item;
            }
            """);

    [Fact]
    public Task Containing_types_become_partial_too() =>
        VerifyFix<MakeAgentPartialFix>.FixAsync(Id,
            """
            using A2AGen;

            public static class Outer
            {
                internal class Middle
                {
                    [A2AAgent("shop", Description = "Sells things")]
                    public class [|ShopAgent|]
                    {
                        [Skill("quote", Description = "Quotes", Tags = ["shop"])]
                        public string Quote(string item) => item;
                    }
                }
            }
            """,
            """
            using A2AGen;

            public static partial class Outer
            {
                internal partial class Middle
                {
                    [A2AAgent("shop", Description = "Sells things")]
                    public partial class ShopAgent
                    {
                        [Skill("quote", Description = "Quotes", Tags = ["shop"])]
                        public string Quote(string item) => item;
                    }
                }
            }
            """);

    [Fact]
    public Task Fix_all_makes_every_agent_partial() =>
        VerifyFix<MakeAgentPartialFix>.FixAsync(Id,
            """
            using A2AGen;

            [A2AAgent("shop", Description = "Sells things")]
            public class [|ShopAgent|]
            {
                [Skill("quote", Description = "Quotes", Tags = ["shop"])]
                public string Quote(string item) => item;
            }

            [A2AAgent("bank", Description = "Keeps money")]
            internal sealed class [|BankAgent|]
            {
                [Skill("balance", Description = "Balances", Tags = ["bank"])]
                public string Balance(string account) => account;
            }
            """,
            """
            using A2AGen;

            [A2AAgent("shop", Description = "Sells things")]
            public partial class ShopAgent
            {
                [Skill("quote", Description = "Quotes", Tags = ["shop"])]
                public string Quote(string item) => item;
            }

            [A2AAgent("bank", Description = "Keeps money")]
            internal sealed partial class BankAgent
            {
                [Skill("balance", Description = "Balances", Tags = ["bank"])]
                public string Balance(string account) => account;
            }
            """);

    [Theory]
    [InlineData("public partial class [|ShopAgent|]<T>")]
    [InlineData("public static partial class [|ShopAgent|]")]
    [InlineData("file partial class [|ShopAgent|]")]
    public Task No_fix_when_partial_is_not_the_problem(string declaration) =>
        VerifyFix<MakeAgentPartialFix>.NoFixAsync(Id, $$"""
            using A2AGen;

            [A2AAgent("shop", Description = "Sells things")]
            {{declaration}}
            {
                [Skill("quote", Description = "Quotes", Tags = ["shop"])]
                public static string Quote(string item) => item;
            }
            """);

    [Fact]
    public Task No_fix_when_nested_in_a_generic_type() =>
        VerifyFix<MakeAgentPartialFix>.NoFixAsync(Id, """
            using A2AGen;

            public class Outer<T>
            {
                [A2AAgent("shop", Description = "Sells things")]
                public class [|ShopAgent|]
                {
                    [Skill("quote", Description = "Quotes", Tags = ["shop"])]
                    public string Quote(string item) => item;
                }
            }
            """);
}
