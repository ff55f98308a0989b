using A2AGen.Client;
using A2AGen.Protocol;

namespace A2AGen.Hosting.Tests.Agents;

/// <summary>
/// Three generated agents that pass a text along: relay-one calls relay-two, which calls relay-three, which answers.
/// Each forwards with <see cref="A2AClient"/> over real HTTP, as an agent calling another agent does; the routes are
/// filled in once the hosts have their ports.
/// </summary>
public sealed class RelayRoutes
{
    public Dictionary<string, Uri> Urls { get; } = [];

    public async Task<string> ForwardAsync(string agentId, string text, CancellationToken cancellationToken)
    {
        using var http = new HttpClient();
        // The test is about trace context, not card trust: the development keys of three hosts trust nobody else.
        var client = await A2AClient.ConnectAsync(http, Urls[agentId], new A2AClientOptions { AllowUnverifiedCard = true }, cancellationToken);
        var answer = await client.SendMessageAsync(Message.UserText(text), cancellationToken);
        return answer.Task?.Artifacts?[0].Parts[0].Text ?? throw new InvalidOperationException($"{agentId} answered no artifact.");
    }
}

[A2AAgent("relay-one", Description = "Passes text to relay-two.")]
public sealed partial class RelayOneAgent(RelayRoutes routes)
{
    [Skill("relay", Description = "Forwards the text.", Tags = ["test"])]
    public Task<string> Relay(string text, CancellationToken cancellationToken) => routes.ForwardAsync("relay-two", "one>" + text, cancellationToken);
}

[A2AAgent("relay-two", Description = "Passes text to relay-three.")]
public sealed partial class RelayTwoAgent(RelayRoutes routes)
{
    [Skill("relay", Description = "Forwards the text.", Tags = ["test"])]
    public Task<string> Relay(string text, CancellationToken cancellationToken) => routes.ForwardAsync("relay-three", "two>" + text, cancellationToken);
}

[A2AAgent("relay-three", Description = "Answers the text.")]
public sealed partial class RelayThreeAgent
{
    [Skill("relay", Description = "Answers the text.", Tags = ["test"])]
    public string Relay(string text) => "three>" + text;
}
