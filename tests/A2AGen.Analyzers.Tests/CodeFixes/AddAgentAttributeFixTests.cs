using A2AGen.Analyzers.Tests.Infrastructure;
using A2AGen.CodeFixes;

namespace A2AGen.Analyzers.Tests.CodeFixes;

/// <summary>A2AG0005's fix: make the class of an orphan skill an agent.</summary>
public class AddAgentAttributeFixTests
{
    private const string Id = "A2AG0005";

    [Fact]
    public Task The_attribute_takes_the_doc_summary_as_description_and_the_class_becomes_partial() =>
        VerifyFix<AddAgentAttributeFix>.FixAsync(Id,
            """
            using A2AGen;

            namespace Shop;

            /// <summary>
            /// Converts money between currencies.
            /// </summary>
            public sealed class CurrencyAgent
            {
                [[|Skill("convert", Description = "Converts", Tags = ["fx"])|]]
                public string Convert(string request) => request;
            }
            """,
            """
            using A2AGen;

            namespace Shop;

            /// <summary>
            /// Converts money between currencies.
            /// </summary>
            [A2AAgent("currency-agent", Description = "Converts money between currencies.")]
            public sealed partial class CurrencyAgent
            {
                [Skill("convert", Description = "Converts", Tags = ["fx"])]
                public string Convert(string request) => request;
            }
            """);

    [Fact]
    public Task Without_a_summary_the_description_is_the_class_name_in_words_and_existing_attributes_stay() =>
        VerifyFix<AddAgentAttributeFix>.FixAsync(Id,
            """
            using A2AGen;

            namespace Shop;

            [System.Obsolete("Use the new one")]
            public partial class OrderDesk
            {
                [[|Skill("quote", Description = "Quotes", Tags = ["shop"])|]]
                public string Quote(string item) => item;
            }
            """,
            """
            using A2AGen;

            namespace Shop;

            [A2AAgent("order-desk", Description = "Order desk")]
            [System.Obsolete("Use the new one")]
            public partial class OrderDesk
            {
                [Skill("quote", Description = "Quotes", Tags = ["shop"])]
                public string Quote(string item) => item;
            }
            """);

    [Fact]
    public Task The_attribute_is_qualified_like_the_skill_when_A2AGen_is_not_imported() =>
        VerifyFix<AddAgentAttributeFix>.FixAsync(Id,
            """
            namespace Shop
            {
                class HTTPGateway2
                {
                    [[|A2AGen.Skill("quote", Description = "Quotes", Tags = ["shop"])|]]
                    public string Quote(string item) => item;
                }
            }
            """,
            """
            namespace Shop
            {
                [A2AGen.A2AAgent("http-gateway2", Description = "Http gateway2")]
                partial class HTTPGateway2
                {
                    [A2AGen.Skill("quote", Description = "Quotes", Tags = ["shop"])]
                    public string Quote(string item) => item;
                }
            }
            """);

    [Fact]
    public Task Fix_all_adds_the_attribute_once_per_class() =>
        VerifyFix<AddAgentAttributeFix>.FixAsync(Id,
            """
            using A2AGen;

            public class ShopAgent
            {
                [[|Skill("quote", Description = "Quotes", Tags = ["shop"])|]]
                public string Quote(string item) => item;

                [[|Skill("stock", Description = "Stock", Tags = ["shop"])|]]
                public string Stock(string item) => item;
            }
            """,
            """
            using A2AGen;

            [A2AAgent("shop-agent", Description = "Shop agent")]
            public partial class ShopAgent
            {
                [Skill("quote", Description = "Quotes", Tags = ["shop"])]
                public string Quote(string item) => item;

                [Skill("stock", Description = "Stock", Tags = ["shop"])]
                public string Stock(string item) => item;
            }
            """);

    [Theory]
    [InlineData("public static class Helpers", "public static string")]
    [InlineData("public class Helpers<T>", "public string")]
    [InlineData("public struct Helpers", "public string")]
    public Task No_fix_for_types_that_cannot_be_agents(string declaration, string method) =>
        VerifyFix<AddAgentAttributeFix>.NoFixAsync(Id, $$"""
            using A2AGen;

            {{declaration}}
            {
                [[|Skill("quote", Description = "Quotes", Tags = ["shop"])|]]
                {{method}} Quote(string item) => item;
            }
            """);

    [Theory]
    [InlineData("CurrencyAgent", "currency-agent")]
    [InlineData("HTTPServer", "http-server")]
    [InlineData("Agent2", "agent2")]
    [InlineData("_Hidden", "hidden")]
    [InlineData("Ünïcode", "ncode")]
    [InlineData("Ωmega", "mega")]
    [InlineData("Ω", "agent")]
    public void Agent_ids_are_the_class_name_in_kebab_case(string className, string id) =>
        Assert.Equal(id, AddAgentAttributeFix.AgentId(className));
}
