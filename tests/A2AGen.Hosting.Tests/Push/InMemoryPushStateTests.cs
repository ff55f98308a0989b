using A2AGen.Hosting.Push;
using A2AGen.Protocol;
using Microsoft.Extensions.Time.Testing;
using TaskStatus = A2AGen.Protocol.TaskStatus;

namespace A2AGen.Hosting.Tests.Push;

/// <summary>The in-memory configuration store and delivery queue keep the rules of the Redis ones (same cases as the Redis tests).</summary>
public sealed class InMemoryPushStateTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2030, 6, 1, 12, 0, 0, TimeSpan.Zero));

    private static PushDelivery Delivery(string taskId, int n) => new()
    {
        Id = $"{taskId}-{n}",
        AgentId = "agent",
        TaskId = taskId,
        ConfigId = "cfg",
        Event = new StreamResponse { StatusUpdate = new TaskStatusUpdateEvent { TaskId = taskId, ContextId = "ctx", Status = new TaskStatus { State = TaskState.Working } } },
    };

    [Fact]
    public async Task Configurations_are_limited_per_task_and_expire_with_their_time_to_live()
    {
        var store = new InMemoryPushConfigStore(_clock);
        var config = new TaskPushNotificationConfig { TaskId = "t1", Url = "https://hooks.example/a2a" };
        for (var i = 0; i < InMemoryPushConfigStore.MaxPerTask; i++)
        {
            Assert.True(await store.SaveAsync("agent", config with { Id = "c" + i }, TimeSpan.FromMinutes(10), default));
        }

        Assert.False(await store.SaveAsync("agent", config with { Id = "one-more" }, TimeSpan.FromMinutes(10), default));
        Assert.True(await store.SaveAsync("agent", config with { Id = "c0", Url = "https://hooks.example/v2" }, TimeSpan.FromMinutes(10), default)); // replacing is not adding
        Assert.Equal("https://hooks.example/v2", (await store.GetAsync("agent", "t1", "c0", default))!.Url);
        Assert.Empty(await store.ListAsync("other-agent", "t1", default));
        Assert.True(await store.DeleteAsync("agent", "t1", "c1", default));
        Assert.False(await store.DeleteAsync("agent", "t1", "c1", default));

        _clock.Advance(TimeSpan.FromMinutes(11));
        Assert.Empty(await store.ListAsync("agent", "t1", default));
        Assert.Null(await store.GetAsync("agent", "t1", "c0", default));
    }

    [Fact]
    public async Task Deliveries_of_one_task_come_out_one_at_a_time_in_order_while_other_tasks_proceed()
    {
        var queue = new InMemoryPushDeliveryQueue(_clock);
        for (var n = 0; n < 3; n++)
        {
            await queue.EnqueueAsync(Delivery("t1", n), default);
            await queue.EnqueueAsync(Delivery("t2", n), default);
        }

        var lease = TimeSpan.FromSeconds(30);
        var first = (await queue.TakeAsync(_clock.GetUtcNow(), lease, default))!;
        var second = (await queue.TakeAsync(_clock.GetUtcNow(), lease, default))!;
        Assert.NotEqual(first.Delivery.TaskId, second.Delivery.TaskId);
        Assert.EndsWith("-0", first.Delivery.Id, StringComparison.Ordinal);
        Assert.EndsWith("-0", second.Delivery.Id, StringComparison.Ordinal);
        Assert.Null(await queue.TakeAsync(_clock.GetUtcNow(), lease, default)); // both heads are leased

        Assert.True(await queue.CompleteAsync(first, default));
        var next = (await queue.TakeAsync(_clock.GetUtcNow(), lease, default))!;
        Assert.Equal(first.Delivery.TaskId, next.Delivery.TaskId);
        Assert.EndsWith("-1", next.Delivery.Id, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failed_attempt_waits_for_its_time_and_an_ended_lease_is_taken_again()
    {
        var queue = new InMemoryPushDeliveryQueue(_clock);
        await queue.EnqueueAsync(Delivery("t3", 0), default);
        await queue.EnqueueAsync(Delivery("t3", 1), default);
        var lease = TimeSpan.FromSeconds(30);

        var taken = (await queue.TakeAsync(_clock.GetUtcNow(), lease, default))!;
        Assert.True(await queue.RetryAsync(taken, _clock.GetUtcNow().AddSeconds(10), default));
        Assert.Null(await queue.TakeAsync(_clock.GetUtcNow().AddSeconds(9), lease, default)); // not due, and the next waits behind it
        var again = (await queue.TakeAsync(_clock.GetUtcNow().AddSeconds(10), lease, default))!;
        Assert.Equal((taken.Delivery.Id, 1), (again.Delivery.Id, again.Delivery.Attempts));

        var retaken = (await queue.TakeAsync(_clock.GetUtcNow().AddSeconds(41), lease, default))!;
        Assert.Equal(again.Delivery.Id, retaken.Delivery.Id);
        Assert.False(await queue.CompleteAsync(again, default)); // the late holder's settlement is refused
        Assert.True(await queue.DeadLetterAsync(retaken, "gave up after 2 attempts: HTTP 500", default));

        var next = (await queue.TakeAsync(_clock.GetUtcNow().AddSeconds(41), lease, default))!;
        Assert.EndsWith("-1", next.Delivery.Id, StringComparison.Ordinal);
        Assert.Equal((retaken.Delivery.Id, "gave up after 2 attempts: HTTP 500"), (queue.DeadLetters.Single().Delivery.Id, queue.DeadLetters.Single().Reason));
    }

    [Fact]
    public void The_backoff_doubles_with_jitter_up_to_the_longest_wait()
    {
        var first = TimeSpan.FromSeconds(2);
        var max = TimeSpan.FromMinutes(5);
        for (var attempt = 1; attempt <= 12; attempt++)
        {
            var full = TimeSpan.FromTicks(Math.Min(max.Ticks, first.Ticks << (attempt - 1)));
            for (var i = 0; i < 50; i++)
            {
                var delay = PushBackoff.Delay(attempt, first, max);
                Assert.InRange(delay, full / 2, full);
            }
        }
    }
}
