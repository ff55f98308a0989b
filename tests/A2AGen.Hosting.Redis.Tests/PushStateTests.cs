using A2AGen.Hosting.Push;
using A2AGen.Protocol;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using TaskStatus = A2AGen.Protocol.TaskStatus;

namespace A2AGen.Hosting.Redis.Tests;

/// <summary>The push-notification configuration store and the durable delivery queue, two connections standing for two instances.</summary>
public sealed class PushStateTests(RedisFixture redis) : IClassFixture<RedisFixture>, IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2030, 6, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly string _prefix = "p" + Guid.NewGuid().ToString("N")[..8] + ":";
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

    private A2ARedisConnection Connection(StackExchange.Redis.IConnectionMultiplexer multiplexer) => new(multiplexer, _prefix);

    private RedisPushDeliveryQueue Queue(StackExchange.Redis.IConnectionMultiplexer multiplexer) => new(Connection(multiplexer), _clock);

    private static PushDelivery Delivery(string taskId, int n) => new()
    {
        Id = $"{taskId}-{n}",
        AgentId = "agent",
        TaskId = taskId,
        ConfigId = "cfg",
        Event = new StreamResponse { StatusUpdate = new TaskStatusUpdateEvent { TaskId = taskId, ContextId = "ctx", Status = new TaskStatus { State = TaskState.Working, Message = Message.AgentText("n" + n, "ctx", taskId) } } },
    };

    [Fact]
    public async Task Configurations_are_saved_listed_read_and_deleted_across_instances_within_the_limit()
    {
        var options = Options.Create(new A2ARedisOptions { MaxPushConfigsPerTask = 2 });
        var a = new RedisPushConfigStore(Connection(_first), options);
        var b = new RedisPushConfigStore(Connection(_second), options);
        var config = new TaskPushNotificationConfig { Id = "c1", TaskId = "t1", Url = "https://hooks.example/a2a", Token = "tok", Authentication = new AuthenticationInfo { Scheme = "Bearer", Credentials = "secret" } };
        Assert.True(await a.SaveAsync("agent", config, TimeSpan.FromHours(1), default));
        Assert.True(await a.SaveAsync("agent", config with { Id = "c0" }, TimeSpan.FromHours(1), default));
        Assert.False(await b.SaveAsync("agent", config with { Id = "c2" }, TimeSpan.FromHours(1), default)); // a third one: over the limit
        Assert.True(await b.SaveAsync("agent", config with { Url = "https://hooks.example/v2" }, TimeSpan.FromHours(1), default)); // replacing is not adding

        Assert.Equal("https://hooks.example/v2", (await b.GetAsync("agent", "t1", "c1", default))!.Url);
        Assert.Equal("secret", (await b.GetAsync("agent", "t1", "c1", default))!.Authentication!.Credentials);
        Assert.Equal(["c0", "c1"], (await b.ListAsync("agent", "t1", default)).Select(c => c.Id));
        Assert.Empty(await b.ListAsync("agent", "other-task", default));
        Assert.True(await b.DeleteAsync("agent", "t1", "c0", default));
        Assert.False(await a.DeleteAsync("agent", "t1", "c0", default));
        Assert.Null(await a.GetAsync("agent", "t1", "c0", default));
    }

    [Fact]
    public async Task Deliveries_of_one_task_come_out_one_at_a_time_in_order_while_other_tasks_proceed()
    {
        var a = Queue(_first);
        var b = Queue(_second);
        for (var n = 0; n < 3; n++)
        {
            await a.EnqueueAsync(Delivery("t1", n), default);
            await b.EnqueueAsync(Delivery("t2", n), default);
        }

        var lease = TimeSpan.FromSeconds(30);
        var first = (await a.TakeAsync(_clock.GetUtcNow(), lease, default))!;
        var second = (await b.TakeAsync(_clock.GetUtcNow(), lease, default))!;
        Assert.NotEqual(first.Delivery.TaskId, second.Delivery.TaskId);
        Assert.EndsWith("-0", first.Delivery.Id, StringComparison.Ordinal);
        Assert.EndsWith("-0", second.Delivery.Id, StringComparison.Ordinal);
        Assert.Null(await b.TakeAsync(_clock.GetUtcNow(), lease, default)); // both heads are leased

        Assert.True(await a.CompleteAsync(first, default));
        var next = (await b.TakeAsync(_clock.GetUtcNow(), lease, default))!;
        Assert.Equal(first.Delivery.TaskId, next.Delivery.TaskId);
        Assert.EndsWith("-1", next.Delivery.Id, StringComparison.Ordinal);
        Assert.Equal("n1", next.Delivery.Event.StatusUpdate!.Status.Message!.Parts[0].Text);
    }

    [Fact]
    public async Task A_failed_attempt_waits_for_its_time_and_a_crashed_holders_lease_ends()
    {
        var a = Queue(_first);
        var b = Queue(_second);
        await a.EnqueueAsync(Delivery("t3", 0), default);
        await a.EnqueueAsync(Delivery("t3", 1), default);
        var lease = TimeSpan.FromSeconds(30);

        var taken = (await a.TakeAsync(_clock.GetUtcNow(), lease, default))!;
        Assert.True(await a.RetryAsync(taken, _clock.GetUtcNow().AddSeconds(10), default));
        Assert.Null(await b.TakeAsync(_clock.GetUtcNow().AddSeconds(9), lease, default)); // not due yet, and the next one waits behind it
        var again = (await b.TakeAsync(_clock.GetUtcNow().AddSeconds(10), lease, default))!;
        Assert.Equal((taken.Delivery.Id, 1), (again.Delivery.Id, again.Delivery.Attempts));

        // B "crashes" holding the lease: after it ends, A takes the same delivery; B's late completion is refused.
        var retaken = (await a.TakeAsync(_clock.GetUtcNow().AddSeconds(41), lease, default))!;
        Assert.Equal(again.Delivery.Id, retaken.Delivery.Id);
        Assert.False(await b.CompleteAsync(again, default));
        Assert.True(await a.DeadLetterAsync(retaken, "gave up after 2 attempts: HTTP 500", default));

        var next = (await a.TakeAsync(_clock.GetUtcNow().AddSeconds(41), lease, default))!;
        Assert.EndsWith("-1", next.Delivery.Id, StringComparison.Ordinal);
        var dead = await a.ReadDeadLettersAsync(default);
        Assert.Equal((retaken.Delivery.Id, "gave up after 2 attempts: HTTP 500"), (dead.Single().Delivery.Id, dead.Single().Reason));
    }

    [Fact]
    public async Task Enqueued_deliveries_survive_a_Redis_crash_with_appendonly()
    {
        await using var durable = await RedisServer.StartAsync(appendOnly: true);
        await using (var connection = await durable.ConnectAsync())
        {
            var queue = new RedisPushDeliveryQueue(new A2ARedisConnection(connection, "d:"), _clock);
            for (var n = 0; n < 5; n++)
            {
                await queue.EnqueueAsync(Delivery("t4", n), default);
            }
        }

        await durable.StopAsync(); // SIGKILL
        await durable.StartAsync();
        await using var reconnected = await durable.ConnectAsync();
        var restarted = new RedisPushDeliveryQueue(new A2ARedisConnection(reconnected, "d:"), _clock);
        var ids = new List<string>();
        while (await restarted.TakeAsync(_clock.GetUtcNow(), TimeSpan.FromSeconds(30), default) is { } lease)
        {
            ids.Add(lease.Delivery.Id);
            Assert.True(await restarted.CompleteAsync(lease, default));
        }

        Assert.Equal(Enumerable.Range(0, 5).Select(n => "t4-" + n), ids);
    }
}
