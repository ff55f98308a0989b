using A2AGen.Client;
using A2AGen.Protocol;
using Microsoft.Extensions.DependencyInjection;

namespace A2AGen.Hosting.Redis.Tests;

/// <summary>
/// Dead letters with Redis (issue 17 §2): <c>AddA2ARedis</c> keeps them on the shared connection, so every instance sees
/// and may redeliver them; and a message delivered to one instance and delivered again to the other (its reply was lost,
/// then it was redelivered) runs once.
/// </summary>
public sealed class DeadLettersAcrossInstancesTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    private static readonly A2ARetryOptions Fast = new() { MaxAttempts = 2, BaseDelay = TimeSpan.FromMilliseconds(10), MaxDelay = TimeSpan.FromMilliseconds(10) };

    [Fact]
    public async Task A_dead_letter_saved_through_one_instance_is_seen_and_removed_through_the_other()
    {
        await using var instances = await TwoInstances.StartAsync(redis.Server);
        var queueA = instances.A.Services.GetRequiredService<IDeadLetterQueue>();
        var queueB = instances.B.Services.GetRequiredService<IDeadLetterQueue>();
        Assert.IsType<RedisDeadLetterQueue>(queueA);

        using var http = new HttpClient();
        var offline = A2AClient.Create(http, new AgentInterface { Url = $"http://127.0.0.1:{FreePort()}/relay" }, new A2AClientOptions { Retry = Fast, DeadLetters = queueA });
        var message = Message.UserText("nobody home");
        var error = await Assert.ThrowsAsync<A2AClientException>(() => offline.SendMessageAsync(message));

        var seen = Assert.Single(await queueB.ListAsync());
        Assert.Equal(error.DeadLetterId, seen.Id);
        Assert.Equal(message.MessageId, seen.MessageId);
        Assert.Equal(2, seen.Attempts.Count);
        Assert.True(await queueB.RemoveAsync(seen.Id));
        Assert.Null(await queueA.GetAsync(seen.Id));
        await Assert.ThrowsAsync<ArgumentException>(() => queueA.GetAsync("not-an-id").AsTask());
    }

    // Needs the Redis IIdempotencyStore (issue 17 §1, branch wip/fetch): with the in-memory store each instance runs it once.
    [Fact]
    public async Task A_message_delivered_to_one_instance_and_redelivered_to_the_other_runs_once()
    {
        await using var instances = await TwoInstances.StartAsync(redis.Server);
        var balancer = new LoadBalancer(instances.A.BaseAddress, instances.B.BaseAddress);
        using var http = new HttpClient(new A2ASigningHandler(instances.Signer, balancer));
        var options = new A2AClientOptions { Retry = Fast };
        var client = A2AClient.Create(http, new AgentInterface { Url = TwoInstances.PublicUrl.AbsoluteUri }, options);
        var message = Message.UserText("only once");

        var first = await client.SendMessageAsync(message);

        // The reply was lost on the way back, so the sender dead-lettered the message; it is redelivered — to instance B.
        var queue = instances.A.Services.GetRequiredService<IDeadLetterQueue>();
        var letter = new DeadLetter
        {
            Id = DeadLetter.NewId(),
            CreatedAt = new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.Zero),
            Endpoint = TwoInstances.PublicUrl,
            ProtocolBinding = AgentInterface.JsonRpcBinding,
            Request = new SendMessageRequest { Message = message },
        };
        await queue.SaveAsync(letter);
        var again = await DeadLetterRedelivery.Create(instances.B.Services.GetRequiredService<IDeadLetterQueue>(), http, options).RetryAsync(letter.Id);

        Assert.Equal([instances.A.BaseAddress.Authority, instances.B.BaseAddress.Authority], balancer.Served);
        Assert.Equal(DeadLetterRetryOutcome.Delivered, again.Outcome);
        Assert.Equal(first.Task!.Id, again.Response!.Task!.Id);
        var tasks = await client.ListTasksAsync();
        Assert.Single(tasks.Tasks!);
        Assert.Empty(await queue.ListAsync());
    }

    private static int FreePort()
    {
        using var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        probe.Start();
        return ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
    }

    /// <summary>Sends each request to the next instance in turn, as a load balancer in front of the public URL would.</summary>
    private sealed class LoadBalancer(params Uri[] instances) : DelegatingHandler(new SocketsHttpHandler { AllowAutoRedirect = false })
    {
        private int _next;

        public List<string> Served { get; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var target = instances[_next++ % instances.Length];
            lock (Served)
            {
                Served.Add(target.Authority);
            }

            request.RequestUri = new Uri(target, request.RequestUri!.PathAndQuery);
            return base.SendAsync(request, cancellationToken);
        }
    }
}
