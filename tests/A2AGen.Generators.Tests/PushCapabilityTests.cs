using System.Text;
using A2AGen.Generators.Tests.Infrastructure;

namespace A2AGen.Generators.Tests;

/// <summary>Issue 15 §2: <c>capabilities.pushNotifications</c> comes from <c>[A2AAgent(PushNotifications = …)]</c>, false when absent.</summary>
public class PushCapabilityTests
{
    [Theory]
    [InlineData("", false)]
    [InlineData(", PushNotifications = false", false)]
    [InlineData(", PushNotifications = true", true)]
    public void The_attribute_decides_the_cards_push_capability(string agentArguments, bool expected)
    {
        using var agents = LoadedAgents.Compile($$"""
            using A2AGen;

            namespace Reports;

            [A2AAgent("reports", Description = "Builds reports"{{agentArguments}})]
            public partial class ReportAgent
            {
                [Skill("build", Description = "Builds a report", Tags = ["reports"])]
                public string Build(string name) => name;
            }
            """);

        Assert.Equal(expected, agents.Card("Reports.ReportAgent").Capabilities.PushNotifications);
        Assert.Contains($"\"pushNotifications\":{(expected ? "true" : "false")}", Encoding.UTF8.GetString(agents.CardJson("Reports.ReportAgent")), StringComparison.Ordinal);
    }
}
