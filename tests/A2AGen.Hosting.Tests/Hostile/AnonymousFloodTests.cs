using System.Diagnostics;
using A2AGen.Hosting.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace A2AGen.Hosting.Tests.Hostile;

/// <summary>
/// Issue 11 §4, task-store exhaustion, at the size of the attack that found it: 10,050 anonymous calls to an unsigned
/// skill against the default store, then a signed caller's task must be created and retrievable — anonymous traffic
/// can neither block nor evict it. Bounded: the flood must finish within three minutes.
/// </summary>
public sealed class AnonymousFloodTests
{
    private const int Flood = 10_050;

    [Fact]
    public async Task Ten_thousand_anonymous_tasks_do_not_block_or_evict_a_signed_callers_task()
    {
        await using var host = await TestHost.StartAsync(s => s.AddA2AAgent<EchoAgent>(), app => app.MapA2AAgent<EchoAgent>("/echo"));
        using var desk = new TestCaller("travel-desk").TrustedBy(host.Services.GetRequiredService<A2AKeyRing>().TrustStore);
        var url = new Uri(host.BaseAddress, "/echo");

        async Task<Reply> SignedAsync(string method, string parameters)
        {
            var body = Rpc.Request(method, parameters);
            return await Rpc.SendAsync(host.Client, "/echo", body, headers: [Rpc.Header("A2A-Signature", desk.Sign(url, body))]);
        }

        // A task the signed caller made before the flood must survive it.
        var before = await SignedAsync("SendMessage", Rpc.UserText("before"));
        var beforeId = before.Result.GetProperty("task").GetProperty("id").GetString();

        using var bound = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var watch = Stopwatch.StartNew();
        var failures = 0;
        await Parallel.ForAsync(0, Flood, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = bound.Token }, async (i, ct) =>
        {
            using var request = Rpc.Post("/echo", Rpc.Request("SendMessage", Rpc.UserText("flood " + i)));
            using var response = await host.Client.SendAsync(request, ct);
            if (!response.IsSuccessStatusCode)
            {
                Interlocked.Increment(ref failures);
            }
        });
        Assert.True(watch.Elapsed < TimeSpan.FromMinutes(3));
        Assert.Equal(0, failures);

        var store = Assert.IsType<InMemoryTaskStore>(host.Services.GetRequiredService<ITaskStore>());
        Assert.True(store.Count <= 1_000 + 1, $"the store holds {store.Count} tasks after the flood");

        Assert.False((await SignedAsync("GetTask", $$"""{"id":"{{beforeId}}"}""")).IsError);

        var background = """{"message":{"messageId":"m","role":"ROLE_USER","parts":[{"text":"after"}]},"configuration":{"returnImmediately":true}}""";
        var after = await SignedAsync("SendMessage", background);
        Assert.Equal(200, after.Status);
        var afterId = after.Result.GetProperty("task").GetProperty("id").GetString();
        var read = await SignedAsync("GetTask", $$"""{"id":"{{afterId}}"}""");
        Assert.Equal(afterId, read.Result.GetProperty("id").GetString());
    }
}
