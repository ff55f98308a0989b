using A2AGen.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace A2AGen.Hosting.Redis.Tests;

/// <summary>
/// Push deliveries queued in Redis survive the instance that queued them: an instance stopped in the middle of a retry
/// schedule leaves the delivery in the queue, and the instance started in its place — or another one already running —
/// delivers it once the webhook recovers.
/// </summary>
public sealed class PushAcrossInstancesTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    private const string Path = "/push";

    private static Task<TestHost> StartInstanceAsync(RedisServer server, string prefix) => TestHost.StartAsync(
        s =>
        {
            s.AddA2ARedis(server.Configuration, o => o.KeyPrefix = prefix);
            s.AddA2AAgent<PushRelayAgent>(o => o.SigningKey = SigningKey.Create(SigningAlgorithm.Ed25519));
            s.Configure<A2APushOptions>(o =>
            {
                o.AllowHttp = true;
                o.AllowedNetworks.Add("127.0.0.1/32");
                o.FirstRetryDelay = TimeSpan.FromMilliseconds(100);
                o.MaxRetryDelay = TimeSpan.FromMilliseconds(300);
                o.PollInterval = TimeSpan.FromMilliseconds(50);
                o.MaxAttempts = 50;
            });
        },
        app => app.MapA2AAgent<PushRelayAgent>(Path));

    private static string SendWithWebhook(string text, Uri webhook)
    {
        var message = Rpc.UserText(text, "echo");
        return message[..^1] + ",\"configuration\":{\"taskPushNotificationConfig\":{\"url\":\"" + webhook + "\"}}}";
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_delivery_whose_instance_stops_mid_schedule_is_delivered_by_another(bool restart)
    {
        var prefix = "push" + Guid.NewGuid().ToString("N")[..8] + ":";
        await using var webhook = await WebhookReceiver.StartAsync();
        var failing = true;
        webhook.Answer = _ => Volatile.Read(ref failing) ? 503 : 200;
        var a = await StartInstanceAsync(redis.Server, prefix);
        TestHost? other = restart ? null : await StartInstanceAsync(redis.Server, prefix);
        try
        {
            var sent = await Rpc.CallAsync(a.Client, Path, "SendMessage", SendWithWebhook("survives", webhook.Url()));
            var taskId = sent.Json.GetProperty("result").GetProperty("task").GetProperty("id").GetString()!;
            await webhook.WaitUntilAsync(requests => requests.Count >= 2);

            await a.DisposeAsync();
            var attemptsBefore = webhook.Requests.Count;
            Volatile.Write(ref failing, false);
            other ??= await StartInstanceAsync(redis.Server, prefix);

            await webhook.WaitUntilAsync(requests => requests.Skip(attemptsBefore).Any(), TimeSpan.FromSeconds(30));
            var delivered = webhook.Requests.Last();
            Assert.Equal("application/a2a+json", delivered.ContentType);
            Assert.True(delivered.Headers.ContainsKey("A2A-Signature"));
            var task = delivered.Json.GetProperty("task");
            Assert.Equal(taskId, task.GetProperty("id").GetString());
            Assert.Equal("TASK_STATE_COMPLETED", task.GetProperty("status").GetProperty("state").GetString());
        }
        finally
        {
            if (other is not null)
            {
                await other.DisposeAsync();
            }
        }
    }
}
