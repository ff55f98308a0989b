using System.Threading.Channels;
using A2AGen.Hosting.Tests.Push;
using A2AGen.Protocol;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace A2AGen.Hosting.Tests.PushReceiver;

/// <summary>
/// Both halves of A2AGen push notifications: a push agent's delivery worker (signed with its agent key) delivering to
/// a <c>MapA2APushReceiver</c> that trusts the agent only through its published JWKS. Every event arrives, in order,
/// authenticated by the signature. Both hosts read the system clock (the delivery worker polls); the signatures are
/// relative to it.
/// </summary>
public sealed class OurSenderToOurReceiverTests
{
    [Fact]
    public async Task A_push_agent_delivers_signed_events_that_the_receiver_verifies_through_its_jwks()
    {
        await using var sender = await PushTestHost.StartAsync();
        var received = Channel.CreateUnbounded<A2APushNotification>();
        await using var receiver = await TestHost.StartAsync(
            s => s.AddA2APushReceiver(o =>
            {
                o.SenderJwks["push-agent"] = new Uri(sender.BaseAddress, PushTestHost.Path + "/.well-known/jwks.json");
                o.AllowHttpJwks = true;
            }),
            app => app.MapA2APushReceiver("/a2a/push", (n, ct) => received.Writer.WriteAsync(n, ct).AsTask()));
        var webhook = new Uri(receiver.BaseAddress, "/a2a/push").ToString();

        var reply = await Rpc.SendAsync(sender.Client, PushTestHost.Path, Rpc.Request("SendMessage",
            PushTestHost.Send("hello receiver", "echo", "{\"url\":\"" + webhook + "\",\"token\":\"t-1\",\"authentication\":{\"scheme\":\"Bearer\",\"credentials\":\"not-needed\"}}")));
        Assert.Equal(200, reply.Status);
        var taskId = reply.Result.GetProperty("task").GetProperty("id").GetString()!;

        var events = new List<A2APushNotification>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (events.LastOrDefault()?.StatusUpdate?.Status.State != TaskState.Completed
            && events.LastOrDefault()?.Task?.Status.State != TaskState.Completed)
        {
            var next = await received.Reader.ReadAsync(timeout.Token);
            Assert.Equal(taskId, next.TaskId);
            events.Add(next);
        }

        Assert.Contains(events, e => e.ArtifactUpdate?.Artifact.Parts[0].Text == "hello receiver" || e.Task?.Artifacts?[0].Parts[0].Text == "hello receiver");
        Assert.All(events, e =>
        {
            Assert.Equal("push-agent", e.Sender.Id);
            Assert.Equal(A2APushAuthentication.Signature, e.Sender.Authentication);
            Assert.Equal(webhook, e.Sender.Signature!.Audience);
        });
        Assert.Equal(events.Count, events.Select(e => e.Sender.Signature!.JwtId).Distinct().Count());
        Assert.Empty(receiver.Logs.WithId(1600));
    }
}
