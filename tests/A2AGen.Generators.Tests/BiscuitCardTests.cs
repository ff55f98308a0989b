using System.Text;
using System.Text.Json;
using A2AGen.Generators.Tests.Infrastructure;
using A2AGen.Protocol.Serialization;
using A2AGen.Security;

namespace A2AGen.Generators.Tests;

/// <summary><c>[RequiresBiscuit]</c>: the card's bearer scheme with <c>bearerFormat: "biscuit"</c>, the skill's requirement, the descriptor's policy.</summary>
public class BiscuitCardTests
{
    private const string Source = """
        using A2AGen;

        namespace Money;

        [A2AAgent("finance", Description = "Approves budgets")]
        [OAuth2ClientCredentials("oauth", "https://auth.example.com/token", Scopes = ["budget.read"])]
        public partial class FinanceAgent
        {
            [Skill("budget-review", Description = "Reviews a budget", Tags = ["budget"], RequiredScopes = ["budget.read"])]
            [RequiresBiscuit("allow if right(\"budget\", \"review\");")]
            public static string Review(string request) => "reviewed";

            [Skill("budget-check", Description = "Checks a budget", Tags = ["budget"])]
            [RequiresBiscuit("allow if right(\"budget\", \"check\");")]
            public static string Check(string request) => "checked";

            [Skill("rates", Description = "Lists rates", Tags = ["rates"])]
            public static string Rates(string request) => "1.0";
        }
        """;

    [Fact]
    public void The_card_declares_the_biscuit_bearer_scheme_and_each_skill_lists_its_policy()
    {
        using var agents = LoadedAgents.Compile(Source);
        var cardJson = agents.CardJson("Money.FinanceAgent");
        using var card = JsonDocument.Parse(cardJson);
        var scheme = card.RootElement.GetProperty("securitySchemes").GetProperty("biscuit").GetProperty("httpAuthSecurityScheme");
        Assert.Equal("Bearer", scheme.GetProperty("scheme").GetString());
        Assert.Equal("biscuit", scheme.GetProperty("bearerFormat").GetString());

        // The agent-level requirement is unchanged: only the skills that require a Biscuit name the scheme.
        if (card.RootElement.TryGetProperty("securityRequirements", out var agentRequirements))
        {
            Assert.DoesNotContain("biscuit", agentRequirements.GetRawText(), StringComparison.Ordinal);
        }

        var skills = card.RootElement.GetProperty("skills").EnumerateArray().ToDictionary(s => s.GetProperty("id").GetString()!);
        var review = skills["budget-review"].GetProperty("securityRequirements").EnumerateArray().Single().GetProperty("schemes");
        Assert.Equal(["biscuit", "oauth"], review.EnumerateObject().Select(p => p.Name));
        Assert.Equal("allow if right(\"budget\", \"review\");", review.GetProperty("biscuit").GetProperty("list")[0].GetString());
        Assert.Equal("budget.read", review.GetProperty("oauth").GetProperty("list")[0].GetString());
        var check = skills["budget-check"].GetProperty("securityRequirements").EnumerateArray().Single().GetProperty("schemes");
        Assert.Equal(["biscuit"], check.EnumerateObject().Select(p => p.Name));
        Assert.False(skills["rates"].TryGetProperty("securityRequirements", out _));

        // Still the canonical form of the run-time card.
        Assert.Equal(Encoding.UTF8.GetString(JsonCanonicalizer.Canonicalize(A2AJson.SerializeToUtf8Bytes(agents.Card("Money.FinanceAgent")))), Encoding.UTF8.GetString(cardJson));
    }

    [Fact]
    public void The_descriptor_carries_the_policy_for_hosting()
    {
        using var agents = LoadedAgents.Compile(Source);
        var skills = agents.Descriptor("Money.FinanceAgent").Skills.ToDictionary(s => s.Id);
        Assert.Equal("allow if right(\"budget\", \"review\");", skills["budget-review"].BiscuitPolicy);
        Assert.Equal("allow if right(\"budget\", \"check\");", skills["budget-check"].BiscuitPolicy);
        Assert.Null(skills["rates"].BiscuitPolicy);
    }
}
