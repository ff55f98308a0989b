using A2AGen.Hosting.Tasks;
using A2AGen.Protocol;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TaskStatus = A2AGen.Protocol.TaskStatus;

namespace A2AGen.Hosting.Tests;

public sealed class TaskStoreTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly KeyValuePair<string, string>[] Alice = [Rpc.Header(TestHost.UserHeader, "alice")];
    private static readonly KeyValuePair<string, string>[] Bob = [Rpc.Header(TestHost.UserHeader, "bob")];

    private static TaskRecord Record(string id, DateTimeOffset at, TaskState state = TaskState.Completed, string? owner = null, string agent = "a") => new()
    {
        AgentId = agent,
        OwnerId = owner,
        Task = new AgentTask { Id = id, ContextId = "c", Status = new TaskStatus { State = state, Timestamp = at } },
    };

    [Fact]
    public async Task A_full_store_evicts_expired_tasks_and_refuses_an_identified_callers_new_ones_otherwise()
    {
        var time = new FakeTimeProvider(Start);
        var store = new InMemoryTaskStore(Options.Create(new InMemoryTaskStoreOptions { Capacity = 2 }), time);
        await store.SaveAsync(Record("t1", Start, owner: "user:alice"), TimeSpan.FromMinutes(1), default);
        await store.SaveAsync(Record("t2", Start, owner: "user:alice"), TimeSpan.FromMinutes(10), default);

        await Assert.ThrowsAsync<TaskStoreFullException>(async () => await store.SaveAsync(Record("t3", Start, owner: "user:alice"), TimeSpan.FromMinutes(1), default));
        await store.SaveAsync(Record("t2", Start, TaskState.Failed, "user:alice"), TimeSpan.FromMinutes(10), default); // replacing is always possible
        Assert.Equal(TaskState.Failed, (await store.GetAsync("a", "t2", default))!.Task.Status.State);

        time.Advance(TimeSpan.FromMinutes(2));
        await store.SaveAsync(Record("t3", Start, owner: "user:alice"), TimeSpan.FromMinutes(1), default);
        Assert.Null(await store.GetAsync("a", "t1", default));
        Assert.NotNull(await store.GetAsync("a", "t3", default));
        Assert.Equal(2, store.Count);
    }

    [Fact]
    public async Task A_task_stays_retrievable_until_its_time_to_live()
    {
        var time = new FakeTimeProvider(Start);
        var store = new InMemoryTaskStore(Options.Create(new InMemoryTaskStoreOptions()), time);
        await store.SaveAsync(Record("t1", Start), TimeSpan.FromMinutes(5), default);
        time.Advance(TimeSpan.FromMinutes(4.9));
        Assert.NotNull(await store.GetAsync("a", "t1", default));
        time.Advance(TimeSpan.FromMinutes(0.2));
        Assert.Null(await store.GetAsync("a", "t1", default));
        Assert.Equal(0, store.Count);
    }

    [Fact]
    public async Task Listing_is_per_agent_and_owner_newest_first_with_a_stable_cursor()
    {
        var store = new InMemoryTaskStore(Options.Create(new InMemoryTaskStoreOptions()), new FakeTimeProvider(Start));
        for (var i = 0; i < 5; i++)
        {
            await store.SaveAsync(Record("t" + i, Start.AddSeconds(i % 3), owner: "user:alice"), TimeSpan.FromHours(1), default);
        }

        await store.SaveAsync(Record("other-owner", Start, owner: "user:bob"), TimeSpan.FromHours(1), default);
        await store.SaveAsync(Record("other-agent", Start, owner: "user:alice", agent: "b"), TimeSpan.FromHours(1), default);

        var seen = new List<string>();
        TaskListCursor? after = null;
        do
        {
            var page = await store.ListAsync("a", new TaskListQuery { OwnerId = "user:alice", PageSize = 2, After = after }, default);
            Assert.Equal(5, page.TotalSize);
            seen.AddRange(page.Items.Select(r => r.TaskId));
            after = page.Next;
        }
        while (after is not null);

        // Timestamps 0,1,2,0,1 seconds: newest first, ties by id.
        Assert.Equal(["t2", "t1", "t4", "t0", "t3"], seen);
    }

    [Fact]
    public void Page_tokens_round_trip_and_reject_forgeries()
    {
        var cursor = new TaskListCursor(Start.AddTicks(123), "task-1");
        Assert.True(PageToken.TryDecode(PageToken.Encode(cursor), out var decoded));
        Assert.Equal(cursor, decoded);
        Assert.False(PageToken.TryDecode("", out _));
        Assert.False(PageToken.TryDecode("%%%", out _));
        Assert.False(PageToken.TryDecode(Convert.ToBase64String("t1|x|id"u8), out _));
        Assert.False(PageToken.TryDecode(new string('A', 600), out _));
    }

    [Fact]
    public async Task Tasks_expire_through_the_endpoint_after_their_time_to_live()
    {
        var time = new FakeTimeProvider(Start);
        await using var host = await TestHost.StartAsync(
            s =>
            {
                s.AddSingleton<TimeProvider>(time);
                s.AddA2AAgent<EchoAgent>(o => o.TaskTimeToLive = TimeSpan.FromMinutes(10));
            },
            app => app.MapA2AAgent<EchoAgent>("/echo"));
        var taskId = (await Rpc.CallAsync(host.Client, "/echo", "SendMessage", Rpc.UserText("x"))).Result.GetProperty("task").GetProperty("id").GetString();

        time.Advance(TimeSpan.FromMinutes(9));
        Assert.False((await Rpc.CallAsync(host.Client, "/echo", "GetTask", $$"""{"id":"{{taskId}}"}""")).IsError);
        time.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(-32001, (await Rpc.CallAsync(host.Client, "/echo", "GetTask", $$"""{"id":"{{taskId}}"}""")).ErrorCode);
    }

    [Fact]
    public async Task A_full_store_refuses_new_background_tasks_with_503_but_still_answers_a_blocking_call()
    {
        await using var host = await TestHost.StartAsync(
            s =>
            {
                s.Configure<InMemoryTaskStoreOptions>(o => o.Capacity = 1);
                s.AddA2AAgent<EchoAgent>();
            },
            app => app.MapA2AAgent<EchoAgent>("/echo"));
        Assert.False((await Rpc.CallAsync(host.Client, "/echo", "SendMessage", Rpc.UserText("x"), Alice)).IsError);

        var background = """{"message":{"messageId":"m","role":"ROLE_USER","parts":[{"text":"y"}]},"configuration":{"returnImmediately":true}}""";
        var full = await Rpc.CallAsync(host.Client, "/echo", "SendMessage", background, Bob);
        Assert.Equal(503, full.Status);
        Assert.Equal("TASK_CAPACITY_EXCEEDED", full.Reason);
        Assert.Equal("1", full.Headers.RetryAfter?.ToString());

        // The skill of a blocking call has already run when the store refuses the task: the caller still gets it.
        var blocking = await Rpc.CallAsync(host.Client, "/echo", "SendMessage", Rpc.UserText("z"), Bob);
        Assert.Equal("z", blocking.Result.GetProperty("task").GetProperty("artifacts")[0].GetProperty("parts")[0].GetProperty("text").GetString());
        Assert.Single(host.Logs.WithId(1103));
    }
}
