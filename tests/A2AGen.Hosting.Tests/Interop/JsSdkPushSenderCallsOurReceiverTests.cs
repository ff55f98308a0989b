using System.Threading.Channels;
using A2AGen.Client;
using A2AGen.Protocol;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace A2AGen.Hosting.Tests.Interop;

/// <summary>
/// The official <c>@a2a-js/sdk</c> 1.3.0 as the sender (<c>tests/interop/a2a-push-server.mjs</c>: its own request
/// handler, push store and <c>DefaultPushNotificationSender</c>) delivering to our <c>MapA2APushReceiver</c> in the token
/// form it speaks: our <see cref="A2AClient"/> registers a push configuration naming our receiver with a bearer token
/// (created for an existing task, or inline on <c>SendMessage</c>), and the receiver hands every event of the task to
/// the application, in order, as from the token's sender. A wrong token is refused and nothing is handed over. Node
/// reads the system clock; token authentication involves no time.
/// </summary>
public sealed class JsSdkPushSenderCallsOurReceiverTests : IAsyncLifetime
{
    private const string Token = "js-push-token-for-tests-only";
    private const string LegacyToken = "js-legacy-push-token-for-tests-only";

    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };
    private readonly Channel<A2APushNotification> _received = Channel.CreateUnbounded<A2APushNotification>();
    private NodeServer _sender = null!;
    private TestHost _receiver = null!;

    private Uri Webhook => new(_receiver.BaseAddress, "/a2a/push");

    public async Task InitializeAsync()
    {
        _receiver = await TestHost.StartAsync(
            s => s.AddA2APushReceiver(o => o.AcceptToken("js-push-agent", Token).AcceptNotificationToken("js-push-agent-legacy", LegacyToken)),
            app => app.MapA2APushReceiver("/a2a/push", (notification, cancellationToken) => _received.Writer.WriteAsync(notification, cancellationToken).AsTask()));
        _sender = await NodePeers.StartServerAsync("a2a-push-server.mjs");
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _sender.DisposeAsync();
        await _receiver.DisposeAsync();
    }

    private Task<A2AClient> ConnectAsync() =>
        A2AClient.ConnectAsync(_http, _sender.BaseAddress, new A2AClientOptions { AllowUnverifiedCard = true, PreferredBindings = [AgentInterface.JsonRpcBinding] });

    private TaskPushNotificationConfig Config(string? taskId, string credentials = Token) => new()
    {
        TaskId = taskId,
        Url = Webhook.ToString(),
        Authentication = new AuthenticationInfo { Scheme = "Bearer", Credentials = credentials },
    };

    // Reads notifications until the task's final status arrives (the SDK delivers in the background, in order per task).
    private async Task<List<A2APushNotification>> UntilCompletedAsync(string taskId)
    {
        var events = new List<A2APushNotification>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (true)
        {
            var notification = await _received.Reader.ReadAsync(timeout.Token);
            if (notification.TaskId != taskId)
            {
                continue;
            }

            events.Add(notification);
            if (notification.StatusUpdate?.Status.State == TaskState.Completed)
            {
                return events;
            }
        }
    }

    [Fact]
    public async Task A_config_created_for_a_waiting_task_receives_the_rest_of_the_task()
    {
        var client = await ConnectAsync();
        var asked = (await client.SendMessageAsync(Message.UserText("ask"))).Task!;
        Assert.Equal(TaskState.InputRequired, asked.Status.State);

        var created = await client.CreateTaskPushNotificationConfigAsync(Config(asked.Id));
        Assert.Equal(Webhook.ToString(), created.Url);

        var answered = (await client.SendMessageAsync(Message.UserText("Lisbon", asked.ContextId, asked.Id))).Task!;
        Assert.Equal(TaskState.Completed, answered.Status.State);

        var events = await UntilCompletedAsync(asked.Id);
        Assert.Equal([A2APushEventKind.Task, A2APushEventKind.StatusUpdate, A2APushEventKind.ArtifactUpdate, A2APushEventKind.StatusUpdate], events.Select(e => e.Kind));
        Assert.Equal(TaskState.Working, events[1].StatusUpdate!.Status.State);
        Assert.Equal("going to Lisbon", events[2].ArtifactUpdate!.Artifact.Parts[0].Text);
        Assert.All(events, e =>
        {
            Assert.Equal(asked.ContextId, e.ContextId);
            Assert.Equal("js-push-agent", e.Sender.Id);
            Assert.Equal(A2APushAuthentication.Token, e.Sender.Authentication);
        });
    }

    [Fact]
    public async Task An_inline_config_on_send_message_receives_every_event()
    {
        var client = await ConnectAsync();
        var sent = (await client.SendMessageAsync(new SendMessageRequest
        {
            Message = Message.UserText("hello push"),
            Configuration = new SendMessageConfiguration { TaskPushNotificationConfig = Config(taskId: null) },
        })).Task!;
        Assert.Equal(TaskState.Completed, sent.Status.State);

        var events = await UntilCompletedAsync(sent.Id);
        Assert.Equal(TaskState.Submitted, events[0].Task!.Status.State);
        Assert.Equal("hello push", events.Single(e => e.Kind == A2APushEventKind.ArtifactUpdate).ArtifactUpdate!.Artifact.Parts[0].Text);
        Assert.All(events, e => Assert.Equal("js-push-agent", e.Sender.Id));
    }

    [Fact]
    public async Task A_config_with_a_token_and_no_authentication_delivers_in_the_notification_token_header()
    {
        var client = await ConnectAsync();
        var sent = (await client.SendMessageAsync(new SendMessageRequest
        {
            Message = Message.UserText("legacy token"),
            Configuration = new SendMessageConfiguration { TaskPushNotificationConfig = new TaskPushNotificationConfig { Url = Webhook.ToString(), Token = LegacyToken } },
        })).Task!;

        var events = await UntilCompletedAsync(sent.Id);
        Assert.Equal("legacy token", events.Single(e => e.Kind == A2APushEventKind.ArtifactUpdate).ArtifactUpdate!.Artifact.Parts[0].Text);
        Assert.All(events, e => Assert.Equal("js-push-agent-legacy", e.Sender.Id));
    }

    [Fact]
    public async Task A_wrong_token_is_refused_and_nothing_is_handed_over()
    {
        var client = await ConnectAsync();
        var sent = (await client.SendMessageAsync(new SendMessageRequest
        {
            Message = Message.UserText("wrong token"),
            Configuration = new SendMessageConfiguration { TaskPushNotificationConfig = Config(taskId: null, credentials: "not-" + Token) },
        })).Task!;
        Assert.Equal(TaskState.Completed, sent.Status.State);

        // The SDK delivers in the background: wait until all four deliveries were refused, then check none got through.
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (_receiver.Logs.WithId(1600).Count(e => e.Message.Contains(A2APushReceiverReasons.TokenInvalid, StringComparison.Ordinal)) < 4)
        {
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(20), "the JS SDK's deliveries did not arrive");
            await Task.Delay(50);
        }

        Assert.False(_received.Reader.TryRead(out var leaked), $"a notification got through: {leaked?.TaskId}");
        var senderLog = await _http.GetStringAsync(new Uri(_sender.BaseAddress, "/_log"));
        Assert.Contains("HTTP 401", senderLog, StringComparison.Ordinal);
    }
}
