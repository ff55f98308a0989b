using System.Text;
using A2AGen.Declarations.Problems;
using A2AGen.Generators.Tests.Infrastructure;

namespace A2AGen.Generators.Tests;

/// <summary>
/// Issue 11 §3: a skill returning <c>IAsyncEnumerable&lt;T&gt;</c> makes the card say <c>"streaming":true</c> (the
/// JS SDK's <c>sendMessageStream</c> silently got one completed task when it said false), and an explicit
/// <c>Streaming = false</c> beside such a skill is error A2AG0021.
/// </summary>
public class StreamingCapabilityTests
{
    private static string Ticker(string agentArguments, string skill) => $$"""
        using System.Collections.Generic;
        using System.Threading.Tasks;
        using A2AGen;

        namespace Market;

        [A2AAgent("ticker", Description = "Streams prices"{{agentArguments}})]
        public partial class TickerAgent
        {
            {{skill}}
        }
        """;

    private const string StreamingSkill = """
        [Skill("prices", Description = "Streams prices", Tags = ["market"])]
        public async IAsyncEnumerable<string> Prices(string symbol)
        {
            await Task.Yield();
            yield return symbol + " 1.00";
        }
        """;

    private const string PlainSkill = """
        [Skill("price", Description = "One price", Tags = ["market"])]
        public string Price(string symbol) => symbol + " 1.00";
        """;

    [Theory]
    [InlineData("", true)]
    [InlineData(", Streaming = true", true)]
    public void A_streaming_skill_makes_the_card_announce_streaming(string agentArguments, bool expected)
    {
        using var agents = LoadedAgents.Compile(Ticker(agentArguments, StreamingSkill));
        Assert.Equal(expected, agents.Card("Market.TickerAgent").Capabilities.Streaming);
        Assert.Contains("\"streaming\":true", Encoding.UTF8.GetString(agents.CardJson("Market.TickerAgent")), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", false)]
    [InlineData(", Streaming = false", false)]
    [InlineData(", Streaming = true", true)]
    public void Without_a_streaming_skill_the_attribute_decides(string agentArguments, bool expected)
    {
        using var agents = LoadedAgents.Compile(Ticker(agentArguments, PlainSkill));
        Assert.Equal(expected, agents.Card("Market.TickerAgent").Capabilities.Streaming);
        Assert.Contains($"\"streaming\":{(expected ? "true" : "false")}", Encoding.UTF8.GetString(agents.CardJson("Market.TickerAgent")), StringComparison.Ordinal);
    }

    [Fact]
    public void Streaming_false_beside_a_streaming_skill_is_A2AG0021_on_the_argument()
    {
        var problems = ProblemAssert.Problems("""
            [A2AAgent("ticker", Description = "Streams prices", Streaming = false)]
            public partial class TickerAgent
            {
                [Skill("price", Description = "One price", Tags = ["market"])] public string Price(string s) => s;
                [Skill("prices", Description = "Streams", Tags = ["market"])] public async IAsyncEnumerable<int> Prices(string s) { await Task.Yield(); yield return 1; }
                [Skill("words", Description = "Streams", Tags = ["market"])] public async IAsyncEnumerable<string> Words(string s) { await Task.Yield(); yield return s; }
            }
            """,
            (ProblemIds.StreamingDisabled, "Streaming = false"));
        var problem = Assert.Single(problems);
        Assert.Equal(ProblemSeverity.Error, problem.Descriptor.Severity);
        Assert.Equal(
            "Agent 'ticker' sets Streaming = false but skill 'prices' returns IAsyncEnumerable<T>: its card would tell callers not to stream, and a streaming call would get one final answer instead of the stream",
            problem.FormatMessage());
    }

    [Fact]
    public void Streaming_true_or_absent_beside_a_streaming_skill_is_fine()
    {
        ProblemAssert.Problems("""
            [A2AAgent("a", Description = "d", Streaming = true)]
            public partial class A { [Skill("s", Description = "d", Tags = ["t"])] public async IAsyncEnumerable<string> S(string s) { await Task.Yield(); yield return s; } }

            [A2AAgent("b", Description = "d")]
            public partial class B { [Skill("s", Description = "d", Tags = ["t"])] public async IAsyncEnumerable<string> S(string s) { await Task.Yield(); yield return s; } }
            """);
    }
}
