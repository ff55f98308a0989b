using System.Diagnostics;
using A2AGen.Security;

namespace A2AGen.Hosting.Redis.Tests;

/// <summary>
/// Redis stops under running agents: requests that need it are refused with 503 and a reason (nothing half-written),
/// acknowledged tasks survive (append-only file), and the agents serve again by themselves once Redis is back.
/// Each test runs its own server, since it stops it.
/// </summary>
public sealed class RedisOutageTests
{
    private static string Background(string text) =>
        "{\"message\":{\"messageId\":\"" + Guid.NewGuid() + "\",\"role\":\"ROLE_USER\",\"parts\":[{\"text\":\"" + text + "\"}]},\"configuration\":{\"returnImmediately\":true}}";

    [Fact]
    public async Task Redis_stopped_mid_run_is_503_with_the_reason_on_both_bindings_and_service_resumes_without_restarting_the_agents()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var instances = await TwoInstances.StartAsync(redis);
        var dave = new[] { Rpc.Header(TestHost.UserHeader, "dave") };
        var before = await Rpc.CallAsync(instances.A.Client, TwoInstances.Path, "SendMessage", Background("before"), dave);
        var taskId = before.Result.GetProperty("task").GetProperty("id").GetString()!;

        await redis.StopAsync();

        // JSON-RPC: a new task, a read, a listing — each 503 STATE_STORE_UNAVAILABLE; a signed request stops at the replay cache.
        foreach (var (method, parameters) in new[] { ("SendMessage", Background("during")), ("GetTask", $$"""{"id":"{{taskId}}"}"""), ("ListTasks", "{}"), ("CancelTask", $$"""{"id":"{{taskId}}"}""") })
        {
            var reply = await Rpc.CallAsync(instances.B.Client, TwoInstances.Path, method, parameters, dave);
            Assert.Equal(503, reply.Status);
            Assert.Equal(-32603, reply.ErrorCode);
            Assert.Equal("STATE_STORE_UNAVAILABLE", reply.Reason);
            Assert.DoesNotContain("Redis", reply.ErrorMessage, StringComparison.Ordinal); // no client or exception text
        }

        var (body, headers) = instances.Signed("SendMessage", Rpc.UserText("signed"));
        var signed = await Rpc.SendAsync(instances.A.Client, TwoInstances.Path, body, headers: headers);
        Assert.Equal((503, RequestSignatureReasons.ReplayCacheUnavailable), (signed.Status, signed.Reason));

        // HTTP+JSON: the same refusal as a google.rpc.Status.
        var rest = await Rest.GetAsync(instances.A.Client, $"{TwoInstances.Path}/tasks/{taskId}", dave);
        Assert.Equal(503, rest.Status);
        Assert.Equal("UNAVAILABLE", rest.StatusName);
        Assert.Equal("STATE_STORE_UNAVAILABLE", rest.ErrorInfo.GetProperty("reason").GetString());

        await redis.StartAsync();

        // Same processes, same connections: both instances serve again once the client has reconnected.
        foreach (var host in new[] { instances.A, instances.B })
        {
            var watch = Stopwatch.StartNew();
            Reply reply;
            do
            {
                await Task.Delay(100);
                reply = await Rpc.CallAsync(host.Client, TwoInstances.Path, "SendMessage", Background("after"), dave);
            }
            while (reply.Status == 503 && watch.Elapsed < TimeSpan.FromSeconds(20));

            Assert.Equal(200, reply.Status);
            var id = reply.Result.GetProperty("task").GetProperty("id").GetString();
            Assert.False((await Rpc.CallAsync(instances.A.Client, TwoInstances.Path, "GetTask", $$"""{"id":"{{id}}"}""", dave)).IsError);
        }

        var (again, againHeaders) = instances.Signed("SendMessage", Rpc.UserText("signed after"));
        Assert.Equal(200, (await Rpc.SendAsync(instances.B.Client, TwoInstances.Path, again, headers: againHeaders)).Status);
    }

    [Fact]
    public async Task With_appendonly_no_acknowledged_task_is_lost_and_no_refused_task_is_half_written()
    {
        await using var redis = await RedisServer.StartAsync(appendOnly: true);
        await using var instances = await TwoInstances.StartAsync(redis, redisOptions: o => o.CapacityPerCaller = 1_000_000);
        var erin = new[] { Rpc.Header(TestHost.UserHeader, "erin") };
        var acknowledged = new System.Collections.Concurrent.ConcurrentBag<string>();
        var refused = 0;
        var perInstance = new int[2];
        using var stop = new CancellationTokenSource();

        // Both instances take tasks while Redis is killed (SIGKILL, no clean shutdown) and started again.
        var writers = Enumerable.Range(0, 4).Select(w => Task.Run(async () =>
        {
            var host = w % 2 == 0 ? instances.A : instances.B;
            var n = 0;
            while (!stop.IsCancellationRequested)
            {
                var reply = await Rpc.CallAsync(host.Client, TwoInstances.Path, "SendMessage", Rpc.UserText($"w{w}-{n++}"), erin);
                if (reply.Status == 200 && !reply.IsError)
                {
                    acknowledged.Add(reply.Result.GetProperty("task").GetProperty("id").GetString()!);
                    Interlocked.Increment(ref perInstance[w % 2]);
                }
                else
                {
                    Assert.Equal((503, "STATE_STORE_UNAVAILABLE"), (reply.Status, reply.Reason));
                    Interlocked.Increment(ref refused);
                    await Task.Delay(20);
                }
            }
        })).ToArray();

        await Task.Delay(400);
        await redis.StopAsync();
        await Task.Delay(300);
        await redis.StartAsync();
        var watch = Stopwatch.StartNew();
        var countAtRestart = perInstance.ToArray();
        while ((perInstance[0] < countAtRestart[0] + 10 || perInstance[1] < countAtRestart[1] + 10) && watch.Elapsed < TimeSpan.FromSeconds(20))
        {
            await Task.Delay(50);
        }

        await stop.CancelAsync();
        await Task.WhenAll(writers);

        Assert.True(refused > 0, "some requests should have met the outage");
        Assert.True(perInstance[0] >= countAtRestart[0] + 10 && perInstance[1] >= countAtRestart[1] + 10, "both instances should have served again after the restart");
        var listed = new HashSet<string>();
        string? token = null;
        do
        {
            var page = await Rpc.CallAsync(instances.B.Client, TwoInstances.Path, "ListTasks", token is null ? "{\"pageSize\":100}" : $$"""{"pageSize":100,"pageToken":"{{token}}"}""", erin);
            Assert.False(page.IsError, page.Raw);
            foreach (var task in page.Result.GetProperty("tasks").EnumerateArray())
            {
                listed.Add(task.GetProperty("id").GetString()!);
            }

            token = page.Result.GetProperty("nextPageToken").GetString();
        }
        while (!string.IsNullOrEmpty(token));

        // Every acknowledged task is there. A refused request left nothing behind, except that a write Redis applied just
        // before it was killed may have lost its reply: at most one such task per writer.
        Assert.All(acknowledged, id => Assert.Contains(id, listed));
        Assert.InRange(listed.Count - acknowledged.Count, 0, writers.Length);
    }
}
