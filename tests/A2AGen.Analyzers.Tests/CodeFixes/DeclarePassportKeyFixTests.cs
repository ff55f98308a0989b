using A2AGen.Analyzers.Tests.Infrastructure;
using A2AGen.CodeFixes;

namespace A2AGen.Analyzers.Tests.CodeFixes;

/// <summary>A2AG0009's fix: declare a key a skill requires in the agent's <c>[PassportKeys]</c>.</summary>
public class DeclarePassportKeyFixTests
{
    private const string Id = "A2AG0009";

    private static string Agent(string passportKeys, string requiredKeys) => $$"""
        using A2AGen;

        [A2AAgent("travel", Description = "Books trips")]
        {{passportKeys}}
        public partial class TravelAgent
        {
            [Skill("book", Description = "Books", Tags = ["travel"], RequiredPassportKeys = {{requiredKeys}})]
            public string Book(string trip) => trip;
        }
        """;

    [Theory]
    [InlineData("[PassportKeys(\"home_airport\")]", "[PassportKeys(\"home_airport\", \"loyalty_tier\")]")]
    [InlineData("[PassportKeys(\"home_airport\", Required = true)]", "[PassportKeys(\"home_airport\", \"loyalty_tier\", Required = true)]")]
    [InlineData("[PassportKeys(Required = true)]", "[PassportKeys(\"loyalty_tier\", Required = true)]")]
    [InlineData("[PassportKeys]", "[PassportKeys(\"loyalty_tier\")]")]
    [InlineData("[PassportKeys()]", "[PassportKeys(\"loyalty_tier\")]")]
    [InlineData("[PassportKeys([\"home_airport\"])]", "[PassportKeys([\"home_airport\", \"loyalty_tier\"])]")]
    [InlineData("[PassportKeys(new[] { \"home_airport\" })]", "[PassportKeys(new[] { \"home_airport\", \"loyalty_tier\" })]")]
    [InlineData("[PassportKeys(new string[] { })]", "[PassportKeys(new string[] { \"loyalty_tier\" })]")]
    public Task The_key_is_added_to_the_existing_attribute(string before, string after) =>
        VerifyFix<DeclarePassportKeyFix>.FixAsync(Id,
            Agent(before, "[[|\"loyalty_tier\"|]]"),
            Agent(after, "[\"loyalty_tier\"]"));

    [Fact]
    public Task An_agent_without_PassportKeys_gets_one() =>
        VerifyFix<DeclarePassportKeyFix>.FixAsync(Id,
            """
            using A2AGen;

            [A2AAgent("travel", Description = "Books trips")]
            [BearerAuth("bearer")]
            public partial class TravelAgent
            {
                [{|A2AG0020:Skill("book", Description = "Books", Tags = ["travel"], RequiredPassportKeys = [[|"loyalty_tier"|]])|}]
                public string Book(string trip) => trip;
            }
            """,
            """
            using A2AGen;

            [A2AAgent("travel", Description = "Books trips")]
            [PassportKeys("loyalty_tier")]
            [BearerAuth("bearer")]
            public partial class TravelAgent
            {
                [Skill("book", Description = "Books", Tags = ["travel"], RequiredPassportKeys = ["loyalty_tier"])]
                public string Book(string trip) => trip;
            }
            """);

    [Fact]
    public Task A_key_given_by_a_constant_is_declared_by_value() =>
        VerifyFix<DeclarePassportKeyFix>.FixAsync(Id,
            """
            using A2AGen;

            [A2AAgent("travel", Description = "Books trips")]
            [PassportKeys("home_airport")]
            public partial class TravelAgent
            {
                private const string Tier = "loyalty_tier";

                [Skill("book", Description = "Books", Tags = ["travel"], RequiredPassportKeys = [[|Tier|]])]
                public string Book(string trip) => trip;
            }
            """,
            """
            using A2AGen;

            [A2AAgent("travel", Description = "Books trips")]
            [PassportKeys("home_airport", "loyalty_tier")]
            public partial class TravelAgent
            {
                private const string Tier = "loyalty_tier";

                [Skill("book", Description = "Books", Tags = ["travel"], RequiredPassportKeys = [Tier])]
                public string Book(string trip) => trip;
            }
            """);

    [Fact]
    public Task Fix_all_declares_the_key_once_for_every_skill_that_requires_it() =>
        new AgentCodeFixTest<DeclarePassportKeyFix>(Id)
        {
            TestCode = """
            using A2AGen;

            [A2AAgent("travel", Description = "Books trips")]
            [PassportKeys("home_airport")]
            public partial class TravelAgent
            {
                [Skill("book", Description = "Books", Tags = ["travel"], RequiredPassportKeys = [[|"loyalty_tier"|]])]
                public string Book(string trip) => trip;

                [Skill("upgrade", Description = "Upgrades", Tags = ["travel"], RequiredPassportKeys = [[|"loyalty_tier"|], [|"seat_class"|]])]
                public string Upgrade(string trip) => trip;
            }
            """,
            FixedCode = """
            using A2AGen;

            [A2AAgent("travel", Description = "Books trips")]
            [PassportKeys("home_airport", "loyalty_tier", "seat_class")]
            public partial class TravelAgent
            {
                [Skill("book", Description = "Books", Tags = ["travel"], RequiredPassportKeys = ["loyalty_tier"])]
                public string Book(string trip) => trip;

                [Skill("upgrade", Description = "Upgrades", Tags = ["travel"], RequiredPassportKeys = ["loyalty_tier", "seat_class"])]
                public string Upgrade(string trip) => trip;
            }
            """,

            // One fix per key: declaring 'loyalty_tier' clears both skills' diagnostics for it, then 'seat_class'.
            NumberOfIncrementalIterations = 2,
            NumberOfFixAllIterations = 2,
        }.RunAsync();

    [Fact]
    public Task No_fix_for_a_state_type() =>
        VerifyFix<DeclarePassportKeyFix>.NoFixAsync(Id, """
            using A2AGen;

            public sealed class TravelState
            {
                public string? HomeAirport { get; init; }
            }

            [A2AAgent("travel", Description = "Books trips")]
            [PassportKeys(typeof(TravelState))]
            public partial class TravelAgent
            {
                [Skill("book", Description = "Books", Tags = ["travel"], RequiredPassportKeys = [[|"loyalty_tier"|]])]
                public string Book(string trip) => trip;
            }
            """);

    [Fact]
    public Task No_fix_for_a_duplicated_key() =>
        VerifyFix<DeclarePassportKeyFix>.NoFixAsync(Id, Agent("[PassportKeys(\"home_airport\", [|\"home_airport\"|])]", "[\"home_airport\"]"));

    [Fact]
    public Task No_fix_for_a_required_key_that_is_not_snake_case() =>
        VerifyFix<DeclarePassportKeyFix>.NoFixAsync(Id, Agent("[PassportKeys(\"home_airport\")]", "[[|\"LoyaltyTier\"|]]"));
}
