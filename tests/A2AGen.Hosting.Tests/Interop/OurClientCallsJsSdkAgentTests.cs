using A2AGen.Client;
using A2AGen.Protocol;

namespace A2AGen.Hosting.Tests.Interop;

/// <summary>Our <see cref="A2AClient"/> against an echo agent built with the official <c>@a2a-js/sdk</c> server (express).</summary>
public sealed class OurClientCallsJsSdkAgentTests : IAsyncLifetime
{
    private NodeServer _server = null!;
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };

    // The SDK's echo server serves an unsigned card: the client must be told, explicitly, to accept it.
    private static readonly A2AClientOptions UnsignedCardAccepted = new() { AllowUnverifiedCard = true };

    public async Task InitializeAsync() => _server = await NodePeers.StartServerAsync("a2a-echo-server.mjs", "0");

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task Our_client_resolves_the_js_card_and_sends_a_message()
    {
        var client = await A2AClient.ConnectAsync(_http, _server.BaseAddress, UnsignedCardAccepted);
        Assert.Equal("JS Echo Agent", client.Card!.Card.Name);
        Assert.Equal(A2AGen.Security.AgentCardVerificationStatus.Unverified, client.Card.Verification!.Status);
        Assert.Equal("NO_SIGNATURES", client.Card.Verification.ReasonCode);
        Assert.Equal(new Uri(_server.BaseAddress, "/a2a/jsonrpc"), client.Endpoint);

        var reply = await client.SendMessageAsync(Message.UserText("hello, js"));
        var task = reply.Task!;
        Assert.Equal(TaskState.Completed, task.Status.State);
        Assert.Equal("hello, js", task.Artifacts![0].Parts[0].Text);

        var read = await client.GetTaskAsync(task.Id);
        Assert.Equal(task.Id, read.Id);
        Assert.Equal(TaskState.Completed, read.Status.State);
    }

    [Fact]
    public async Task Our_client_streams_from_the_js_agent()
    {
        var client = await A2AClient.ConnectAsync(_http, _server.BaseAddress, UnsignedCardAccepted);
        var events = new List<StreamResponse>();
        await foreach (var item in client.SendStreamingMessageAsync(new SendMessageRequest { Message = Message.UserText("streamed") }))
        {
            events.Add(item);
        }

        Assert.Equal(TaskState.Submitted, events[0].Task!.Status.State);
        Assert.Equal("streamed", events.Single(e => e.ArtifactUpdate is not null).ArtifactUpdate!.Artifact.Parts[0].Text);
        Assert.Equal(TaskState.Completed, events[^1].StatusUpdate!.Status.State);
    }

    [Fact]
    public async Task Js_agent_errors_become_typed_exceptions()
    {
        var client = await A2AClient.ConnectAsync(_http, _server.BaseAddress, UnsignedCardAccepted);
        var error = await Assert.ThrowsAsync<A2AClientException>(() => client.GetTaskAsync("no-such-task"));
        Assert.Equal(-32001, error.Code);

        var finished = (await client.SendMessageAsync(Message.UserText("x"))).Task!;
        var notCancelable = await Assert.ThrowsAsync<A2AClientException>(() => client.CancelTaskAsync(finished.Id));
        Assert.Equal(-32002, notCancelable.Code);
    }
}
