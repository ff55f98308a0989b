using System.Net;
using System.Text.Json;
using A2AGen.Hosting.Idempotency;
using A2AGen.Hosting.Tasks;

namespace A2AGen.Hosting.Redis.Tests;

/// <summary>
/// Issue 17 item 1 across instances: a message delivered to two instances sharing Redis runs once, whatever signature
/// each copy carries; another body under a remembered message id is refused on the other instance too; no Redis, no run.
/// </summary>
public sealed class IdempotencyAcrossInstancesTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    private const int Rounds = 300;
    private const int InFlight = 16;

    private static string Tally(string messageId, string text) =>
        "{\"message\":{\"messageId\":\"" + messageId + "\",\"role\":\"ROLE_USER\",\"parts\":[{\"text\":" + JsonSerializer.Serialize(text)
        + "}],\"metadata\":{\"urn:a2agen:skill\":\"tally\"}}}";

    [Fact]
    public async Task The_same_message_with_fresh_signatures_sent_to_both_instances_at_once_runs_once_per_message_id()
    {
        await using var instances = await TwoInstances.StartAsync(redis.Server, redisOptions: o => o.CapacityPerCaller = Rounds * 2);
        using var handlerA = new SocketsHttpHandler { MaxConnectionsPerServer = InFlight };
        using var handlerB = new SocketsHttpHandler { MaxConnectionsPerServer = InFlight };
        using var clientA = new HttpClient(handlerA) { BaseAddress = instances.A.BaseAddress };
        using var clientB = new HttpClient(handlerB) { BaseAddress = instances.B.BaseAddress };
        var failures = new List<string>();
        var messageIds = new List<string>();
        using var slots = new SemaphoreSlim(InFlight);
        var rounds = Enumerable.Range(0, Rounds).Select(async round =>
        {
            await slots.WaitAsync();
            try
            {
                var messageId = "idem-" + Guid.NewGuid().ToString("N");
                lock (messageIds)
                {
                    messageIds.Add(messageId);
                }

                // One body, two tokens: a retry re-signs, so the replay cache lets both copies through to idempotency.
                var body = Rpc.Request("SendMessage", Tally(messageId, "round " + round));
                var (_, headersA) = Resign(instances, body);
                var (_, headersB) = Resign(instances, body);
                var replies = await Task.WhenAll(
                    Rpc.SendAsync(clientA, TwoInstances.Path, body, headers: headersA),
                    Rpc.SendAsync(clientB, TwoInstances.Path, body, headers: headersB));
                var taskIds = replies.Where(r => r.Status == (int)HttpStatusCode.OK && !r.IsError)
                    .Select(r => r.Result.GetProperty("task").GetProperty("id").GetString()).ToArray();
                if (taskIds.Length != 2 || taskIds[0] != taskIds[1])
                {
                    lock (failures)
                    {
                        failures.Add($"round {round}: {string.Join(" | ", replies.Select(r => r.Status + " " + r.Raw))}");
                    }
                }
            }
            finally
            {
                slots.Release();
            }
        });
        await Task.WhenAll(rounds);

        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(5)));
        var runs = messageIds.Select(id => RelayAgent.Runs.GetValueOrDefault(id)).ToArray();
        Assert.All(runs, n => Assert.Equal(1, n));
    }

    [Fact]
    public async Task Another_body_under_a_message_id_remembered_by_the_other_instance_is_refused()
    {
        await using var instances = await TwoInstances.StartAsync(redis.Server);
        var messageId = "idem-" + Guid.NewGuid().ToString("N");
        var first = Rpc.Request("SendMessage", Tally(messageId, "original"));
        var changed = Rpc.Request("SendMessage", Tally(messageId, "changed"));

        var accepted = await Rpc.SendAsync(instances.A.Client, TwoInstances.Path, first, headers: Resign(instances, first).Headers);
        var refused = await Rpc.SendAsync(instances.B.Client, TwoInstances.Path, changed, headers: Resign(instances, changed).Headers);
        var retried = await Rpc.SendAsync(instances.B.Client, TwoInstances.Path, first, headers: Resign(instances, first).Headers);

        Assert.False(accepted.IsError, accepted.Raw);
        Assert.Equal((-32602, "IDEMPOTENCY_KEY_REUSED"), (refused.ErrorCode, refused.Reason));
        Assert.Equal("original #1", retried.Result.GetProperty("task").GetProperty("artifacts")[0].GetProperty("parts")[0].GetProperty("text").GetString());
        Assert.Equal(1, RelayAgent.Runs[messageId]);
    }

    [Fact]
    public async Task Entries_expire_with_the_window_a_completed_entry_is_not_released_and_the_caller_is_part_of_the_key()
    {
        await using var connection = await redis.Server.ConnectAsync();
        var prefix = "idem" + Guid.NewGuid().ToString("N")[..6] + ":";
        var store = new RedisIdempotencyStore(new A2ARedisConnection(connection, prefix));
        var alice = new IdempotencyKey("relay-agent", "user:alice", "m-1");
        var anonymous = alice with { CallerId = null };
        var window = TimeSpan.FromSeconds(90);

        Assert.Null(await store.TryClaimAsync(alice, "hash-1", window, default));
        Assert.Equal("hash-1", (await store.TryClaimAsync(alice, "hash-2", window, default))!.RequestHash);
        Assert.Null(await store.TryClaimAsync(anonymous, "hash-1", window, default));

        var reply = new A2AGen.Protocol.Message { MessageId = "r-1", Role = A2AGen.Protocol.Role.Agent, Parts = [new A2AGen.Protocol.Part { Text = "a|b" }] };
        await store.CompleteAsync(alice, new IdempotencyEntry { RequestHash = "hash-1", Reply = reply }, window, default);
        await store.ReleaseAsync(alice, default);
        var complete = await store.GetAsync(alice, default);
        Assert.True(complete!.IsComplete);
        Assert.Equal("a|b", complete.Reply!.Parts[0].Text);

        await store.ReleaseAsync(anonymous, default);
        Assert.Null(await store.GetAsync(anonymous, default));

        var keys = connection.GetServer(connection.GetEndPoints()[0]).Keys(pattern: prefix + "*").ToArray();
        Assert.All(keys, k => Assert.StartsWith(prefix + "{relay-agent}:idem:", k.ToString(), StringComparison.Ordinal));
        var ttl = await connection.GetDatabase().KeyTimeToLiveAsync(Assert.Single(keys));
        Assert.InRange(ttl!.Value.TotalSeconds, 85, 90);
    }

    [Fact]
    public async Task Without_Redis_the_store_refuses_to_claim_so_nothing_runs_unremembered()
    {
        await using var own = await RedisServer.StartAsync();
        await using var connection = await own.ConnectAsync();
        var store = new RedisIdempotencyStore(new A2ARedisConnection(connection, "down:"));
        await own.StopAsync();

        await Assert.ThrowsAsync<TaskStoreUnavailableException>(async () =>
            await store.TryClaimAsync(new IdempotencyKey("relay-agent", null, "m-1"), "hash", TimeSpan.FromMinutes(1), default));
    }

    private static (string Body, KeyValuePair<string, string>[] Headers) Resign(TwoInstances instances, string body) =>
        (body, [Rpc.Header("A2A-Signature", instances.Signer.Sign("POST", TwoInstances.PublicUrl, System.Text.Encoding.UTF8.GetBytes(body)))]);
}
