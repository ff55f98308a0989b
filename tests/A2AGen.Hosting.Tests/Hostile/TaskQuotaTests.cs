using A2AGen.Hosting.Tasks;
using A2AGen.Protocol;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TaskStatus = A2AGen.Protocol.TaskStatus;

namespace A2AGen.Hosting.Tests.Hostile;

/// <summary>
/// Issue 11 §4, task-store exhaustion, with small configured limits: each identified caller has its own budget,
/// anonymous callers share one smaller budget that makes room by dropping its own oldest task, and anonymous tasks can
/// never evict or block an identified caller's task — in memory and in an <see cref="IDistributedCache"/>.
/// </summary>
public sealed class TaskQuotaTests
{
    private static readonly DateTimeOffset Start = DateTimeOffset.UtcNow;

    private static TaskRecord Record(string id, string? owner, string agent = "a", TaskState state = TaskState.Completed) => new()
    {
        AgentId = agent,
        OwnerId = owner,
        Task = new AgentTask { Id = id, ContextId = "c", Status = new TaskStatus { State = state, Timestamp = Start } },
    };

    private static InMemoryTaskStore Memory(int capacity, int anonymous, int perCaller) =>
        new(Options.Create(new InMemoryTaskStoreOptions { Capacity = capacity, AnonymousCapacity = anonymous, CapacityPerCaller = perCaller }), new FakeTimeProvider(Start));

    [Fact]
    public async Task In_memory_anonymous_tasks_replace_their_own_oldest_and_never_an_identified_callers()
    {
        var store = Memory(capacity: 10, anonymous: 4, perCaller: 3);
        await store.SaveAsync(Record("desk-1", "agent:desk"), TimeSpan.FromHours(1), default);
        for (var i = 0; i < 100; i++)
        {
            await store.SaveAsync(Record("anon-" + i, null), TimeSpan.FromHours(1), default);
        }

        Assert.Equal(5, store.Count);
        Assert.Null(await store.GetAsync("a", "anon-0", default));
        Assert.Null(await store.GetAsync("a", "anon-95", default));
        Assert.NotNull(await store.GetAsync("a", "anon-96", default));
        Assert.NotNull(await store.GetAsync("a", "anon-99", default));
        Assert.NotNull(await store.GetAsync("a", "desk-1", default));

        // Updating an anonymous task keeps it; it is still the same task.
        await store.SaveAsync(Record("anon-96", null, state: TaskState.Failed), TimeSpan.FromHours(1), default);
        Assert.Equal(TaskState.Failed, (await store.GetAsync("a", "anon-96", default))!.Task.Status.State);

        // Each identified caller has its own budget: the fourth is refused, and nobody else's task is touched.
        await store.SaveAsync(Record("desk-2", "agent:desk"), TimeSpan.FromHours(1), default);
        await store.SaveAsync(Record("desk-3", "agent:desk"), TimeSpan.FromHours(1), default);
        await Assert.ThrowsAsync<TaskQuotaExceededException>(async () => await store.SaveAsync(Record("desk-4", "agent:desk"), TimeSpan.FromHours(1), default));
        await store.SaveAsync(Record("desk-3", "agent:desk", state: TaskState.Failed), TimeSpan.FromHours(1), default); // replacing is always possible
        await store.SaveAsync(Record("alice-1", "user:alice"), TimeSpan.FromHours(1), default);

        // The budget is per agent.
        await store.SaveAsync(Record("desk-b", "agent:desk", agent: "b"), TimeSpan.FromHours(1), default);

        // Full (10): identified callers take the room of anonymous tasks, oldest first; anonymous ones never take theirs.
        await store.SaveAsync(Record("bob-1", "user:bob"), TimeSpan.FromHours(1), default);
        await store.SaveAsync(Record("bob-2", "user:bob"), TimeSpan.FromHours(1), default);
        await store.SaveAsync(Record("carol-1", "user:carol"), TimeSpan.FromHours(1), default);
        Assert.Equal(10, store.Count);
        Assert.Null(await store.GetAsync("a", "anon-97", default));
        await store.SaveAsync(Record("anon-x", null), TimeSpan.FromHours(1), default); // replaces anon-98, the oldest anonymous task
        Assert.Null(await store.GetAsync("a", "anon-98", default));

        await store.SaveAsync(Record("carol-2", "user:carol"), TimeSpan.FromHours(1), default);
        await store.SaveAsync(Record("carol-3", "user:carol"), TimeSpan.FromHours(1), default);
        Assert.Equal(10, store.Count);

        // Now every task is an identified caller's: nobody may take their room.
        await Assert.ThrowsAsync<TaskStoreFullException>(async () => await store.SaveAsync(Record("anon-y", null), TimeSpan.FromHours(1), default));
        await Assert.ThrowsAsync<TaskStoreFullException>(async () => await store.SaveAsync(Record("erin-1", "user:erin"), TimeSpan.FromHours(1), default));
        foreach (var id in new[] { "desk-1", "desk-2", "desk-3", "alice-1", "bob-1", "bob-2", "carol-1", "carol-2", "carol-3" })
        {
            Assert.NotNull(await store.GetAsync("a", id, default));
        }

        Assert.NotNull(await store.GetAsync("b", "desk-b", default));
    }

    [Fact]
    public async Task In_a_distributed_cache_anonymous_tasks_replace_their_own_oldest_and_each_caller_has_a_budget()
    {
        var cache = new MemoryDistributedCache(Options.Create(new MemoryDistributedCacheOptions()));
        var time = new FakeTimeProvider(Start);
        var store = new DistributedCacheTaskStore(cache, Options.Create(new DistributedCacheTaskStoreOptions { AnonymousCapacity = 5, CapacityPerCaller = 3 }), time);
        await store.SaveAsync(Record("desk-1", "agent:desk"), TimeSpan.FromHours(1), default);
        for (var i = 0; i < 30; i++)
        {
            time.Advance(TimeSpan.FromSeconds(1));
            await store.SaveAsync(Record("anon-" + i, null), TimeSpan.FromHours(1), default);
        }

        var anonymous = await store.ListAsync("a", new TaskListQuery { OwnerId = null, PageSize = 100 }, default);
        Assert.Equal(5, anonymous.TotalSize);
        Assert.Equal(["anon-25", "anon-26", "anon-27", "anon-28", "anon-29"], anonymous.Items.Select(t => t.TaskId).Order(StringComparer.Ordinal));
        Assert.Null(await store.GetAsync("a", "anon-0", default));
        Assert.NotNull(await store.GetAsync("a", "desk-1", default));

        await store.SaveAsync(Record("desk-2", "agent:desk"), TimeSpan.FromHours(1), default);
        await store.SaveAsync(Record("desk-3", "agent:desk"), TimeSpan.FromHours(1), default);
        await Assert.ThrowsAsync<TaskQuotaExceededException>(async () => await store.SaveAsync(Record("desk-4", "agent:desk"), TimeSpan.FromHours(1), default));
        await store.SaveAsync(Record("desk-3", "agent:desk", state: TaskState.Failed), TimeSpan.FromHours(1), default);

        // Another instance sharing the cache sees the same budget.
        var other = new DistributedCacheTaskStore(cache, Options.Create(new DistributedCacheTaskStoreOptions { AnonymousCapacity = 5, CapacityPerCaller = 3 }), time);
        await Assert.ThrowsAsync<TaskQuotaExceededException>(async () => await other.SaveAsync(Record("desk-5", "agent:desk"), TimeSpan.FromHours(1), default));
        await other.SaveAsync(Record("desk-3", "agent:desk", state: TaskState.Canceled), TimeSpan.FromHours(1), default);
        Assert.Equal(3, (await store.ListAsync("a", new TaskListQuery { OwnerId = "agent:desk" }, default)).TotalSize);
    }

    [Fact]
    public async Task Over_http_an_anonymous_flood_leaves_signed_callers_alone_and_a_caller_over_its_budget_gets_429()
    {
        await using var host = await TestHost.StartAsync(
            s =>
            {
                s.Configure<InMemoryTaskStoreOptions>(o =>
                {
                    o.Capacity = 40;
                    o.AnonymousCapacity = 10;
                    o.CapacityPerCaller = 3;
                });
                s.AddA2AAgent<EchoAgent>();
            },
            app => app.MapA2AAgent<EchoAgent>("/echo"));
        using var desk = new TestCaller("travel-desk").TrustedBy(host.Services.GetRequiredService<A2AKeyRing>().TrustStore);
        var url = new Uri(host.BaseAddress, "/echo");
        async Task<Reply> SignedAsync(string method, string parameters)
        {
            var body = Rpc.Request(method, parameters);
            return await Rpc.SendAsync(host.Client, "/echo", body, headers: [Rpc.Header("A2A-Signature", desk.Sign(url, body))]);
        }

        // A fresh messageId each time: the same message sent again would be answered from the idempotency store, not queued.
        static string Background() => "{\"message\":{\"messageId\":\"" + Guid.NewGuid() + "\",\"role\":\"ROLE_USER\",\"parts\":[{\"text\":\"bg\"}]},\"configuration\":{\"returnImmediately\":true}}";
        var first = (await Rpc.CallAsync(host.Client, "/echo", "SendMessage", Rpc.UserText("anon-first"))).Result.GetProperty("task").GetProperty("id").GetString();
        var mine = (await SignedAsync("SendMessage", Background())).Result.GetProperty("task").GetProperty("id").GetString();
        await Parallel.ForAsync(0, 200, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, _) =>
            Assert.Equal(200, (await Rpc.CallAsync(host.Client, "/echo", "SendMessage", i % 2 == 0 ? Rpc.UserText("flood") : Background())).Status));

        Assert.Equal(-32001, (await Rpc.CallAsync(host.Client, "/echo", "GetTask", $$"""{"id":"{{first}}"}""")).ErrorCode);
        Assert.Equal(mine, (await SignedAsync("GetTask", $$"""{"id":"{{mine}}"}""")).Result.GetProperty("id").GetString());

        Assert.Equal(200, (await SignedAsync("SendMessage", Background())).Status);
        Assert.Equal(200, (await SignedAsync("SendMessage", Background())).Status);
        var over = await SignedAsync("SendMessage", Background());
        Assert.Equal(429, over.Status);
        Assert.Equal("TASK_QUOTA_EXCEEDED", over.Reason);
        Assert.NotNull(over.Headers.RetryAfter);
    }
}
