using A2AGen.Hosting.Tasks;
using A2AGen.Protocol;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using TaskStatus = A2AGen.Protocol.TaskStatus;

namespace A2AGen.Hosting.Redis.Tests;

/// <summary>The store itself, with two connections standing for two instances.</summary>
public sealed class RedisTaskStoreTests(RedisFixture redis) : IClassFixture<RedisFixture>, IAsyncLifetime
{
    private static readonly TimeSpan Ttl = TimeSpan.FromHours(1);
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2030, 6, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly string _prefix = "s" + Guid.NewGuid().ToString("N")[..8] + ":";
    private StackExchange.Redis.ConnectionMultiplexer _first = null!;
    private StackExchange.Redis.ConnectionMultiplexer _second = null!;

    public async Task InitializeAsync()
    {
        _first = await redis.Server.ConnectAsync();
        _second = await redis.Server.ConnectAsync();
    }

    public async Task DisposeAsync()
    {
        await _first.DisposeAsync();
        await _second.DisposeAsync();
    }

    private RedisTaskStore Store(StackExchange.Redis.IConnectionMultiplexer connection, Action<A2ARedisOptions>? configure = null)
    {
        var options = new A2ARedisOptions { KeyPrefix = _prefix };
        configure?.Invoke(options);
        return new RedisTaskStore(new A2ARedisConnection(connection, _prefix), Options.Create(options), _clock);
    }

    private TaskRecord Record(string id, string? owner = "user:alice", string context = "ctx", TaskState state = TaskState.Working, DateTimeOffset? at = null) => new()
    {
        AgentId = "agent",
        OwnerId = owner,
        Task = new AgentTask
        {
            Id = id,
            ContextId = context,
            Status = new TaskStatus { State = state, Timestamp = at ?? _clock.GetUtcNow() },
            History = [Message.AgentText("start", context, id)],
        },
    };

    [Fact]
    public async Task A_write_from_a_stale_revision_is_refused_and_changes_nothing()
    {
        var a = Store(_first);
        var b = Store(_second);
        Assert.Equal(1, await a.TrySaveAsync(Record("t1"), 0, Ttl, default));
        Assert.Null(await b.TrySaveAsync(Record("t1"), 0, Ttl, default)); // the id is taken

        var read = (await b.GetRevisionAsync("agent", "t1", default))!.Value;
        Assert.Equal(2, await b.TrySaveAsync(read.Record with { Task = read.Record.Task with { Status = new TaskStatus { State = TaskState.Canceled } } }, read.Revision, Ttl, default));
        Assert.Null(await a.TrySaveAsync(Record("t1", state: TaskState.Completed), 1, Ttl, default));
        var stored = (await a.GetRevisionAsync("agent", "t1", default))!.Value;
        Assert.Equal((2L, TaskState.Canceled), (stored.Revision, stored.Record.Task.Status.State));
    }

    [Fact]
    public async Task Concurrent_read_modify_write_from_two_instances_loses_no_update()
    {
        var stores = new[] { Store(_first), Store(_second) };
        await stores[0].TrySaveAsync(Record("shared"), 0, Ttl, default);
        const int PerInstance = 150;
        var conflicts = 0;
        await Task.WhenAll(Enumerable.Range(0, 6).Select(worker => Task.Run(async () =>
        {
            var store = stores[worker % 2];
            for (var i = 0; i < PerInstance / 3; i++)
            {
                while (true)
                {
                    var current = (await store.GetRevisionAsync("agent", "shared", default))!.Value;
                    var task = current.Record.Task;
                    var next = task with { History = [.. task.History!, Message.AgentText($"w{worker}-{i}", "ctx", "shared")] };
                    if (await store.TrySaveAsync(current.Record with { Task = next }, current.Revision, Ttl, default) is not null)
                    {
                        break;
                    }

                    Interlocked.Increment(ref conflicts);
                }
            }
        })));

        var final = (await stores[1].GetRevisionAsync("agent", "shared", default))!.Value;
        Assert.Equal(1 + (PerInstance * 2), final.Record.Task.History!.Count);
        Assert.Equal(1 + (PerInstance * 2), final.Revision);
        Assert.Equal(PerInstance * 2, final.Record.Task.History.Skip(1).Select(m => m.Parts[0].Text).Distinct().Count());
        Assert.True(conflicts > 0, "six writers on one task should have met each other");
    }

    [Fact]
    public async Task Anonymous_tasks_make_room_oldest_first_and_never_displace_an_identified_callers()
    {
        var store = Store(_first, o => o.AnonymousCapacity = 3);
        await store.SaveAsync(Record("mine"), Ttl, default);
        for (var i = 0; i < 5; i++)
        {
            await store.SaveAsync(Record("anon" + i, owner: null), Ttl, default);
            _clock.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.Null(await store.GetAsync("agent", "anon0", default));
        Assert.Null(await store.GetAsync("agent", "anon1", default));
        Assert.NotNull(await store.GetAsync("agent", "anon4", default));
        Assert.NotNull(await store.GetAsync("agent", "mine", default));
        var anonymous = await store.ListAsync("agent", new TaskListQuery { OwnerId = null }, default);
        Assert.Equal(["anon4", "anon3", "anon2"], anonymous.Items.Select(r => r.TaskId));

        var none = Store(_first, o => o.AnonymousCapacity = 0);
        await Assert.ThrowsAsync<TaskStoreFullException>(() => none.SaveAsync(Record("anon-x", owner: null), Ttl, default).AsTask());
    }

    [Fact]
    public async Task Listing_filters_orders_and_pages_exactly_like_the_in_memory_store()
    {
        var redisStore = Store(_first);
        var memory = new InMemoryTaskStore(Options.Create(new InMemoryTaskStoreOptions()), _clock);
        var start = _clock.GetUtcNow();
        var records = Enumerable.Range(0, 40).Select(i => Record(
            "task-" + (i * 7 % 40).ToString("D2", System.Globalization.CultureInfo.InvariantCulture),
            owner: i % 5 == 0 ? "user:bob" : "user:alice",
            context: i % 3 == 0 ? "ctx-a" : "ctx-b",
            state: i % 4 == 0 ? TaskState.Completed : TaskState.Working,
            at: start.AddSeconds(i / 3))).ToList(); // equal timestamps: ties broken by id
        foreach (var record in records)
        {
            await redisStore.SaveAsync(record, Ttl, default);
            await memory.SaveAsync(record, Ttl, default);
        }

        var queries = new[]
        {
            new TaskListQuery { OwnerId = "user:alice", PageSize = 7 },
            new TaskListQuery { OwnerId = "user:alice", ContextId = "ctx-a", PageSize = 4 },
            new TaskListQuery { OwnerId = "user:alice", State = TaskState.Completed, PageSize = 100 },
            new TaskListQuery { OwnerId = "user:bob", StatusTimestampAfter = start.AddSeconds(3), PageSize = 2 },
            new TaskListQuery { OwnerId = "user:nobody" },
        };
        foreach (var query in queries)
        {
            var q = query;
            while (true)
            {
                var fromRedis = await redisStore.ListAsync("agent", q, default);
                var fromMemory = await memory.ListAsync("agent", q, default);
                Assert.Equal(fromMemory.TotalSize, fromRedis.TotalSize);
                Assert.Equal(fromMemory.Items.Select(r => r.TaskId), fromRedis.Items.Select(r => r.TaskId));
                Assert.Equal(fromMemory.Next, fromRedis.Next);
                if (fromRedis.Next is null)
                {
                    break;
                }

                q = q with { After = fromRedis.Next };
            }
        }
    }

    [Fact]
    public async Task A_cancellation_request_is_seen_by_the_other_instance()
    {
        await Store(_first).RequestCancellationAsync("agent", "c1", Ttl, default);
        Assert.True(await Store(_second).IsCancellationRequestedAsync("agent", "c1", default));
        Assert.False(await Store(_second).IsCancellationRequestedAsync("agent", "c2", default));
    }
}
