using System.Text.Json;
using A2AGen.Hosting.Push;

namespace A2AGen.Hosting.Tests.Push;

/// <summary>
/// Delivery: every event of a task, in order, POSTed as a StreamResponse with the agent's A2A-Signature (verified by a
/// receiver written with jose against the agent's JWKS), the configuration's Authorization and token; retried until a
/// failing webhook recovers.
/// </summary>
public sealed class PushDeliveryTests
{
    private static string JwksUrl(TestHost host) => new Uri(host.BaseAddress, PushTestHost.Path + "/.well-known/jwks.json").ToString();

    private static async Task<JsonElement[]> ReceivedAsync(NodeServer receiver, Func<JsonElement[], bool> done)
    {
        using var client = new HttpClient();
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var events = JsonDocument.Parse(await client.GetStringAsync(new Uri(receiver.BaseAddress, "events"))).RootElement.EnumerateArray().ToArray();
            if (done(events))
            {
                return events;
            }

            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30), "the webhook did not get the expected notifications: " + JsonSerializer.Serialize(events));
            await Task.Delay(50);
        }
    }

    private static bool IsFinal(JsonElement delivered) =>
        delivered.TryGetProperty("event", out var item)
        && (item.TryGetProperty("statusUpdate", out var status) ? status.GetProperty("status").GetProperty("state").GetString() : item.TryGetProperty("task", out var task) ? task.GetProperty("status").GetProperty("state").GetString() : null) == "TASK_STATE_COMPLETED";

    private static string Kind(JsonElement item) =>
        item.TryGetProperty("task", out var task) ? "task:" + task.GetProperty("status").GetProperty("state").GetString()
        : item.TryGetProperty("statusUpdate", out var status) ? "status:" + status.GetProperty("status").GetProperty("state").GetString()
        : item.TryGetProperty("artifactUpdate", out var artifact) ? "artifact:" + artifact.GetProperty("artifact").GetProperty("parts")[0].GetProperty("text").GetString()
        : "other";

    [Fact]
    public async Task A_jose_receiver_verifies_every_notification_against_the_agents_jwks()
    {
        await using var host = await PushTestHost.StartAsync();
        await using var receiver = await NodePeers.StartServerAsync(Path.Combine(NodePeers.InteropDirectory, "a2a-push-webhook-receiver.mjs"), JwksUrl(host), "push-agent");
        var hook = new Uri(receiver.BaseAddress, "hook/one");

        var sent = await Rpc.CallAsync(host.Client, PushTestHost.Path, "SendMessage", PushTestHost.Send("hello", "echo",
            $$$"""{"url":"{{{hook}}}","token":"task-token","authentication":{"scheme":"Bearer","credentials":"webhook-secret"}}"""));
        var taskId = sent.Json.GetProperty("result").GetProperty("task").GetProperty("id").GetString();

        var received = await ReceivedAsync(receiver, events => events.Any(IsFinal));
        Assert.All(received, r =>
        {
            Assert.True(r.GetProperty("verified").GetBoolean(), r.GetProperty("problem").ToString());
            Assert.Equal("application/a2a+json", r.GetProperty("contentType").GetString());
            Assert.Equal("Bearer webhook-secret", r.GetProperty("authorization").GetString());
            Assert.Equal("task-token", r.GetProperty("token").GetString());
        });
        Assert.Equal(["task:TASK_STATE_SUBMITTED", "status:TASK_STATE_WORKING", "artifact:hello", "status:TASK_STATE_COMPLETED"],
            received.Select(r => Kind(r.GetProperty("event"))).ToArray());
        Assert.All(received, r => Assert.Contains(taskId!, r.GetProperty("event").GetRawText()));
    }

    [Fact]
    public async Task A_blocking_send_notifies_its_outcome_once()
    {
        await using var host = await PushTestHost.StartAsync();
        await using var receiver = await NodePeers.StartServerAsync(Path.Combine(NodePeers.InteropDirectory, "a2a-push-webhook-receiver.mjs"), JwksUrl(host), "push-agent");

        var sent = await Rpc.CallAsync(host.Client, PushTestHost.Path, "SendMessage", PushTestHost.Send("blocking", "echo", $$"""{"url":"{{new Uri(receiver.BaseAddress, "hook")}}"}""", returnImmediately: false));
        Assert.Equal("TASK_STATE_COMPLETED", sent.Json.GetProperty("result").GetProperty("task").GetProperty("status").GetProperty("state").GetString());

        var received = await ReceivedAsync(receiver, events => events.Any(IsFinal));
        var only = Assert.Single(received);
        Assert.True(only.GetProperty("verified").GetBoolean(), only.GetProperty("problem").ToString());
        Assert.Equal("task:TASK_STATE_COMPLETED", Kind(only.GetProperty("event")));
    }

    [Fact]
    public async Task A_failing_webhook_gets_the_notifications_once_it_recovers_in_order()
    {
        await using var host = await PushTestHost.StartAsync();
        await using var receiver = await NodePeers.StartServerAsync(Path.Combine(NodePeers.InteropDirectory, "a2a-push-webhook-receiver.mjs"), JwksUrl(host), "push-agent", "3");

        await Rpc.CallAsync(host.Client, PushTestHost.Path, "SendMessage", PushTestHost.Send("retry me", "echo", $$"""{"url":"{{new Uri(receiver.BaseAddress, "hook")}}"}"""));

        var received = await ReceivedAsync(receiver, events => events.Any(IsFinal));
        Assert.Equal(3, received.TakeWhile(r => r.TryGetProperty("failed", out _)).Count());
        var delivered = received.Skip(3).ToArray();
        Assert.All(delivered, r => Assert.True(r.GetProperty("verified").GetBoolean(), r.GetProperty("problem").ToString()));
        Assert.Equal(["task:TASK_STATE_SUBMITTED", "status:TASK_STATE_WORKING", "artifact:retry me", "status:TASK_STATE_COMPLETED"],
            delivered.Select(r => Kind(r.GetProperty("event"))).ToArray());
    }

    [Fact]
    public async Task Each_tasks_events_arrive_in_order_even_when_attempts_fail()
    {
        var steps = new PushSteps();
        await using var host = await PushTestHost.StartAsync(steps);
        await using var webhook = await WebhookReceiver.StartAsync();
        webhook.Answer = n => n % 3 == 1 ? 503 : 200; // every third attempt fails and is retried

        var sent = await Rpc.CallAsync(host.Client, PushTestHost.Path, "SendMessage", PushTestHost.Send("go", "steps", pushConfigJson: null));
        var taskId = sent.Json.GetProperty("result").GetProperty("task").GetProperty("id").GetString();
        // Configured while the task runs, over HTTP+JSON: the events from then on are delivered.
        var created = await Rest.PostAsync(host.Client, $"{PushTestHost.Path}/tasks/{taskId}/pushNotificationConfigs", $$"""{"url":"{{webhook.Url()}}"}""");
        Assert.Equal(200, created.Status);

        var parts = Enumerable.Range(0, 20).Select(i => "part-" + i).ToArray();
        foreach (var part in parts)
        {
            await steps.Parts.Writer.WriteAsync(part);
        }

        await steps.Parts.Writer.WriteAsync("end");
        await webhook.WaitUntilAsync(requests => requests.Any(r => r.Json.TryGetProperty("statusUpdate", out var s) && s.GetProperty("status").GetProperty("state").GetString() == "TASK_STATE_COMPLETED"));

        var answered = webhook.Requests.Select((r, i) => (Request: r, Status: webhook.Answer(i))).Where(x => x.Status == 200).Select(x => Kind(x.Request.Json)).ToArray();
        Assert.Equal([.. parts.Select(p => "artifact:" + p), "status:TASK_STATE_COMPLETED"], answered.Where(k => k != "status:TASK_STATE_WORKING").ToArray());
        Assert.Contains(webhook.Requests, r => r.Headers.ContainsKey("A2A-Signature"));
    }

    [Fact]
    public async Task A_deleted_configuration_receives_nothing_more()
    {
        var steps = new PushSteps();
        await using var host = await PushTestHost.StartAsync(steps);
        await using var webhook = await WebhookReceiver.StartAsync();

        var sent = await Rpc.CallAsync(host.Client, PushTestHost.Path, "SendMessage", PushTestHost.Send("go", "steps", $$"""{"id":"c1","url":"{{webhook.Url()}}"}"""));
        var taskId = sent.Json.GetProperty("result").GetProperty("task").GetProperty("id").GetString();
        await steps.Parts.Writer.WriteAsync("first");
        await webhook.WaitUntilAsync(requests => requests.Any(r => Kind(r.Json) == "artifact:first"));

        await Rpc.CallAsync(host.Client, PushTestHost.Path, "DeleteTaskPushNotificationConfig", $$"""{"taskId":"{{taskId}}","id":"c1"}""");
        var before = webhook.Requests.Count;
        await steps.Parts.Writer.WriteAsync("second");
        await steps.Parts.Writer.WriteAsync("end");
        await Task.Delay(500);
        Assert.Equal(before, webhook.Requests.Count);
    }
}
