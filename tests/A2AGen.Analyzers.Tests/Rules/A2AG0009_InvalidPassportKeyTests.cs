using A2AGen.Analyzers.Tests.Infrastructure;

namespace A2AGen.Analyzers.Tests.Rules;

/// <summary>A2AG0009: a passport key that is invalid or duplicated, or required by a skill but not declared.</summary>
public class A2AG0009_InvalidPassportKeyTests
{
    private const string Id = "A2AG0009";

    private static string Agent(string passportKeys, string requiredKeys = "") => $$"""
        using System.Collections.Generic;
        using A2AGen;

        namespace Travel;

        public sealed class TravelState
        {
            public string? HomeAirport { get; init; }
            public System.Action? Callback { get; init; }
        }

        [A2AAgent("travel", Description = "Books trips")]
        {{passportKeys}}
        public partial class TravelAgent
        {
            [Skill("search", Description = "Searches trips", Tags = ["travel"]{{requiredKeys}})]
            public string Search(string query) => query;
        }
        """;

    [Theory]
    [InlineData("[PassportKeys(\"home_airport\", [|\"HomeAirport\"|])]")]
    [InlineData("[PassportKeys([|\"home-airport\"|])]")]
    [InlineData("[PassportKeys([|\"_home\"|])]")]
    [InlineData("[PassportKeys([|\"\"|])]")]
    [InlineData("[PassportKeys(\"home_airport\", [|\"home_airport\"|])]")]
    [InlineData("[PassportKeys([|\"client_id\"|])]")]
    [InlineData("[PassportKeys(\"a_b\", [|\"a__b\"|], \"x\")]")]
    [InlineData("[PassportKeys(new[] { \"home_airport\", [|\"Bad\"|] })]")]
    public Task An_invalid_or_duplicated_key_is_reported_on_that_key(string passportKeys) =>
        Verify.AnalyzerAsync(Id, Agent(passportKeys));

    [Fact]
    public async Task A_required_key_missing_from_PassportKeys_is_reported_on_the_required_key()
    {
        await Verify.DiagnosticsAsync(
            Agent("[PassportKeys(\"home_airport\")]", ", RequiredPassportKeys = [\"home_airport\", {|#0:\"loyalty_tier\"|}]"),
            Verify.Diagnostic(Id).WithLocation(0)
                .WithMessage("Passport key 'loyalty_tier' is required by skill 'search' of agent 'travel' but not declared in [PassportKeys]"));
    }

    [Fact]
    public Task A_required_key_without_any_PassportKeys_is_reported_with_the_missing_declaration() =>
        Verify.AnalyzerAsync(Id, """
            using A2AGen;

            [A2AAgent("travel", Description = "Books trips")]
            public partial class TravelAgent
            {
                [{|A2AG0020:Skill("search", Description = "Searches trips", Tags = ["travel"], RequiredPassportKeys = [[|"loyalty_tier"|]])|}]
                public string Search(string query) => query;
            }
            """);

    [Fact]
    public Task A_state_type_property_that_cannot_be_read_is_reported_on_the_type_argument() =>
        Verify.AnalyzerAsync(Id, Agent("[PassportKeys([|typeof(TravelState)|])]"));

    [Theory]
    [InlineData("[PassportKeys(\"home_airport\", \"loyalty_tier\")]", ", RequiredPassportKeys = [\"loyalty_tier\"]")]
    [InlineData("[PassportKeys(\"a1\", \"b_2_c\", Required = true)]", "")]
    [InlineData("[PassportKeys]", "")]
    public Task Valid_keys_are_fine(string passportKeys, string requiredKeys) =>
        Verify.NoDiagnosticsAsync(Agent(passportKeys, requiredKeys));
}
