using System.Net;
using System.Text;
using A2AGen.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace A2AGen.Hosting.Redis.Tests;

/// <summary>
/// Two push-receiver instances behind one webhook URL sharing Redis (<c>AddA2ARedis</c>): the receiver refuses replays
/// through the registered replay cache, so the same signed notification delivered to both at once is handed to the
/// application exactly once per token.
/// </summary>
public sealed class PushReceiverAcrossInstancesTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    private const int Rounds = 2_000;
    private const int InFlight = 32;
    private static readonly Uri Webhook = new("https://hooks.example.com/a2a/push");

    [Fact]
    public async Task The_same_signed_notification_sent_to_both_instances_at_once_is_handed_over_exactly_once_per_token()
    {
        var prefix = "push" + Guid.NewGuid().ToString("N")[..8] + ":";
        using var key = SigningKey.Create(SigningAlgorithm.Ed25519);
        var handled = 0;
        Task<TestHost> StartAsync() => TestHost.StartAsync(
            s =>
            {
                s.AddA2ARedis(redis.Server.Configuration, o => o.KeyPrefix = prefix);
                s.AddA2APushReceiver(o => o.PublicUrl = Webhook.ToString());
            },
            app => app.MapA2APushReceiver("/a2a/push", (_, _) =>
            {
                Interlocked.Increment(ref handled);
                return Task.CompletedTask;
            }));

        await using var a = await StartAsync();
        await using var b = await StartAsync();
        foreach (var host in new[] { a, b })
        {
            host.Services.GetRequiredService<A2AKeyRing>().TrustStore.Add("travel-desk", key.PublicKey);
        }

        var signer = new RequestSigner(key, "travel-desk");
        using var handlerA = new SocketsHttpHandler { MaxConnectionsPerServer = InFlight };
        using var handlerB = new SocketsHttpHandler { MaxConnectionsPerServer = InFlight };
        using var clientA = new HttpClient(handlerA) { BaseAddress = a.BaseAddress };
        using var clientB = new HttpClient(handlerB) { BaseAddress = b.BaseAddress };
        var other = new List<string>();
        using var slots = new SemaphoreSlim(InFlight);
        await Task.WhenAll(Enumerable.Range(0, Rounds).Select(async round =>
        {
            await slots.WaitAsync();
            try
            {
                var body = "{\"statusUpdate\":{\"taskId\":\"task-" + round + "\",\"contextId\":\"ctx\",\"status\":{\"state\":\"TASK_STATE_WORKING\"}}}";
                var signature = signer.Sign("POST", Webhook, Encoding.UTF8.GetBytes(body));
                var replies = await Task.WhenAll(PostAsync(clientA, body, signature), PostAsync(clientB, body, signature));
                var accepted = replies.Count(r => r.Status == HttpStatusCode.NoContent);
                var replayed = replies.Count(r => r.Status == HttpStatusCode.Unauthorized && r.Body.Contains(RequestSignatureReasons.Replayed, StringComparison.Ordinal));
                if (accepted != 1 || replayed != 1)
                {
                    lock (other)
                    {
                        other.Add($"round {round}: {string.Join(" | ", replies.Select(r => (int)r.Status + " " + r.Body))}");
                    }
                }
            }
            finally
            {
                slots.Release();
            }
        }));

        Assert.True(other.Count == 0, string.Join("\n", other.Take(5)));
        Assert.Equal(Rounds, handled);
    }

    [Fact]
    public async Task With_redis_stopped_a_signed_notification_is_refused_with_503_and_accepted_once_redis_is_back()
    {
        // Its own server: this test stops it.
        await using var server = await RedisServer.StartAsync();
        using var key = SigningKey.Create(SigningAlgorithm.Ed25519);
        var handled = 0;
        await using var host = await TestHost.StartAsync(
            s =>
            {
                s.AddA2ARedis(server.Configuration);
                s.AddA2APushReceiver(o => o.PublicUrl = Webhook.ToString());
            },
            app => app.MapA2APushReceiver("/a2a/push", (_, _) =>
            {
                Interlocked.Increment(ref handled);
                return Task.CompletedTask;
            }));
        host.Services.GetRequiredService<A2AKeyRing>().TrustStore.Add("travel-desk", key.PublicKey);
        var signer = new RequestSigner(key, "travel-desk");
        (string Body, string Signature) Fresh()
        {
            var body = "{\"statusUpdate\":{\"taskId\":\"task-outage\",\"contextId\":\"ctx\",\"status\":{\"state\":\"TASK_STATE_WORKING\"}}}";
            return (body, signer.Sign("POST", Webhook, Encoding.UTF8.GetBytes(body)));
        }

        await server.StopAsync();
        var (body, signature) = Fresh();
        var refused = await PostAsync(host.Client, body, signature);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.Status);
        Assert.Contains(RequestSignatureReasons.ReplayCacheUnavailable, refused.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("Redis", refused.Body, StringComparison.Ordinal);
        Assert.Equal(0, handled);

        // The sender's retry (a new signature) goes through once the connection is back, without restarting the receiver.
        await server.StartAsync();
        var watch = System.Diagnostics.Stopwatch.StartNew();
        (HttpStatusCode Status, string Body) reply;
        do
        {
            await Task.Delay(100);
            (body, signature) = Fresh();
            reply = await PostAsync(host.Client, body, signature);
        }
        while (reply.Status == HttpStatusCode.ServiceUnavailable && watch.Elapsed < TimeSpan.FromSeconds(20));

        Assert.Equal(HttpStatusCode.NoContent, reply.Status);
        Assert.Equal(1, handled);
    }

    private static async Task<(HttpStatusCode Status, string Body)> PostAsync(HttpClient client, string body, string signature)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/a2a/push") { Content = new StringContent(body, Encoding.UTF8, "application/a2a+json") };
        request.Headers.TryAddWithoutValidation("A2A-Signature", signature);
        using var response = await client.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}
