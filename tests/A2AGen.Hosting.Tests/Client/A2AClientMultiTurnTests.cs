using A2AGen.Client;
using A2AGen.Protocol;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace A2AGen.Hosting.Tests.Client;

/// <summary>Our <see cref="A2AClient"/> continues an interrupted task of our own agent: the task id is all it sends back.</summary>
public sealed class A2AClientMultiTurnTests
{
    [Fact]
    public async Task The_client_answers_an_input_required_task_with_its_task_id()
    {
        await using var host = await TestHost.StartAsync(s => s.AddA2AAgent<BookingAgent>(), app => app.MapA2AAgent<BookingAgent>("/agents/booking"));
        var options = new A2AClientOptions { CardTrust = host.Services.GetRequiredService<A2AKeyRing>().TrustStore, ExpectedAgentId = BookingAgent.Id };
        var client = await A2AClient.ConnectAsync(host.Client, new Uri(host.BaseAddress, "/agents/booking"), options);

        var asked = (await client.SendMessageAsync(Message.UserText("Lisbon"))).Task!;
        Assert.Equal(TaskState.InputRequired, asked.Status.State);
        Assert.Equal("Which date for Lisbon?", asked.Status.Message!.Parts.Single().Text);

        var done = (await client.SendMessageAsync(Message.UserText("12 May", taskId: asked.Id))).Task!;
        Assert.Equal(asked.Id, done.Id);
        Assert.Equal(asked.ContextId, done.ContextId);
        Assert.Equal(TaskState.Completed, done.Status.State);
        Assert.StartsWith("Booked Lisbon on 12 May", done.Artifacts!.Single().Parts.Single().Text, StringComparison.Ordinal);

        var refused = await Assert.ThrowsAsync<A2AClientException>(() => client.SendMessageAsync(Message.UserText("again", taskId: asked.Id)));
        Assert.Contains("TASK_STATE_COMPLETED", refused.Message, StringComparison.Ordinal);
    }
}
