using System.Globalization;
using System.Text.Json;
using A2AGen.Hosting.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace A2AGen.Hosting.Redis.Tests;

/// <summary>Two instances of one agent sharing Redis: a task made on one is read, listed, canceled and followed on the other.</summary>
public sealed class TasksAcrossInstancesTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    private static string Background(string skill, string text) =>
        "{\"message\":{\"messageId\":\"" + Guid.NewGuid() + "\",\"role\":\"ROLE_USER\",\"parts\":[{\"text\":\"" + text + "\"}],\"metadata\":{\"urn:a2agen:skill\":\"" + skill + "\"}},\"configuration\":{\"returnImmediately\":true}}";

    [Fact]
    public async Task AddA2ARedis_registers_the_Redis_stores()
    {
        await using var instances = await TwoInstances.StartAsync(redis.Server);
        Assert.IsType<RedisTaskStore>(instances.A.Services.GetRequiredService<ITaskStore>());
        Assert.IsType<RedisReplayCache>(instances.A.Services.GetRequiredService<A2AGen.Security.IReplayCache>());
        Assert.IsType<RedisTaskEventLog>(instances.A.Services.GetRequiredService<ITaskEventLog>());
        Assert.IsType<RedisPushConfigStore>(instances.A.Services.GetRequiredService<A2AGen.Hosting.Push.IPushConfigStore>());
        Assert.IsType<RedisPushDeliveryQueue>(instances.A.Services.GetRequiredService<A2AGen.Hosting.Push.IPushDeliveryQueue>());
    }

    [Fact]
    public async Task A_task_created_on_A_is_read_and_canceled_on_B_and_A_stops_the_skill()
    {
        await using var instances = await TwoInstances.StartAsync(redis.Server);
        var created = await Rpc.CallAsync(instances.A.Client, TwoInstances.Path, "SendMessage", Background("wait", "x"));
        var taskId = created.Result.GetProperty("task").GetProperty("id").GetString()!;

        var read = await Rpc.CallAsync(instances.B.Client, TwoInstances.Path, "GetTask", $$"""{"id":"{{taskId}}"}""");
        Assert.False(read.IsError, read.Raw);
        Assert.Equal(taskId, read.Result.GetProperty("id").GetString());

        var cancel = await Rpc.CallAsync(instances.B.Client, TwoInstances.Path, "CancelTask", $$"""{"id":"{{taskId}}"}""");
        Assert.False(cancel.IsError, cancel.Raw);
        Assert.Equal("TASK_STATE_CANCELED", cancel.Result.GetProperty("status").GetProperty("state").GetString());

        // A notices (its poll of the cancellation key), stops the skill, and leaves the task canceled.
        var runner = instances.A.Services.GetRequiredService<TaskRunner>();
        for (var i = 0; i < 200 && runner.Find("relay-agent", taskId) is not null; i++)
        {
            await Task.Delay(25);
        }

        Assert.Null(runner.Find("relay-agent", taskId));
        foreach (var host in new[] { instances.A, instances.B })
        {
            var state = (await Rpc.CallAsync(host.Client, TwoInstances.Path, "GetTask", $$"""{"id":"{{taskId}}"}""")).Result.GetProperty("status").GetProperty("state").GetString();
            Assert.Equal("TASK_STATE_CANCELED", state);
        }

        var again = await Rpc.CallAsync(instances.A.Client, TwoInstances.Path, "CancelTask", $$"""{"id":"{{taskId}}"}""");
        Assert.Equal(-32002, again.ErrorCode);
    }

    [Fact]
    public async Task A_cancel_on_B_succeeds_when_A_sees_the_request_and_stops_the_skill_first()
    {
        // The race a loaded machine produces: B leaves the cancellation request, and A's poll finds it, stops the skill
        // and stores CANCELED before B reads the task again. The store below waits for exactly that before returning.
        await using var instances = await TwoInstances.StartAsync(redis.Server, services: s =>
        {
            s.RemoveAll<ITaskStore>();
            s.AddSingleton<ITaskStore>(sp => new RunningInstanceWinsStore(ActivatorUtilities.CreateInstance<RedisTaskStore>(sp)));
        });
        var created = await Rpc.CallAsync(instances.A.Client, TwoInstances.Path, "SendMessage", Background("wait", "x"));
        var taskId = created.Result.GetProperty("task").GetProperty("id").GetString()!;

        var cancel = await Rpc.CallAsync(instances.B.Client, TwoInstances.Path, "CancelTask", $$"""{"id":"{{taskId}}"}""");

        Assert.False(cancel.IsError, cancel.Raw);
        Assert.Equal("TASK_STATE_CANCELED", cancel.Result.GetProperty("status").GetProperty("state").GetString());
        var again = await Rpc.CallAsync(instances.B.Client, TwoInstances.Path, "CancelTask", $$"""{"id":"{{taskId}}"}""");
        Assert.Equal(-32002, again.ErrorCode);
    }

    [Fact]
    public async Task A_stream_on_B_receives_every_event_of_a_task_running_on_A_in_order()
    {
        await using var instances = await TwoInstances.StartAsync(redis.Server);
        const int Count = 60;
        var created = await Rpc.CallAsync(instances.A.Client, TwoInstances.Path, "SendMessage", Background("count", Count + " 15"));
        var taskId = created.Result.GetProperty("task").GetProperty("id").GetString()!;
        await Task.Delay(150); // some parts are produced before B subscribes: they arrive in the snapshot

        var events = await Rpc.StreamAsync(instances.B.Client, TwoInstances.Path, "SubscribeToTask", $$"""{"id":"{{taskId}}"}""");
        var snapshot = events[0].GetProperty("result").GetProperty("task");
        Assert.Equal(taskId, snapshot.GetProperty("id").GetString());
        var parts = Texts(snapshot);
        Assert.NotEmpty(parts);
        Assert.True(parts.Count < Count, "the stream should have started while the task ran");
        var states = new List<string>();
        foreach (var result in events.Skip(1).Select(e => e.GetProperty("result")))
        {
            if (result.TryGetProperty("artifactUpdate", out var update))
            {
                parts.AddRange(update.GetProperty("artifact").GetProperty("parts").EnumerateArray().Select(p => p.GetProperty("text").GetString()!));
            }
            else
            {
                states.Add(result.GetProperty("statusUpdate").GetProperty("status").GetProperty("state").GetString()!);
            }
        }

        // Snapshot plus live events: every part exactly once, in order, then the final status.
        Assert.Equal(Enumerable.Range(1, Count).Select(i => i.ToString(CultureInfo.InvariantCulture)), parts);
        Assert.Equal("TASK_STATE_COMPLETED", states[^1]);
        var stored = await Rpc.CallAsync(instances.B.Client, TwoInstances.Path, "GetTask", $$"""{"id":"{{taskId}}"}""");
        Assert.Equal(Count, Texts(stored.Result).Count);
    }

    [Fact]
    public async Task A_stream_that_starts_with_the_task_sees_the_working_status_and_every_part()
    {
        await using var instances = await TwoInstances.StartAsync(redis.Server);
        var created = await Rpc.CallAsync(instances.A.Client, TwoInstances.Path, "SendMessage", Background("count", "20 20"));
        var taskId = created.Result.GetProperty("task").GetProperty("id").GetString()!;
        var events = await Rpc.StreamAsync(instances.B.Client, TwoInstances.Path, "SubscribeToTask", $$"""{"id":"{{taskId}}"}""");

        var snapshotState = events[0].GetProperty("result").GetProperty("task").GetProperty("status").GetProperty("state").GetString();
        Assert.Contains(snapshotState, new[] { "TASK_STATE_SUBMITTED", "TASK_STATE_WORKING" });
        var all = Texts(events[0].GetProperty("result").GetProperty("task"));
        all.AddRange(events.Skip(1).Select(e => e.GetProperty("result")).Where(r => r.TryGetProperty("artifactUpdate", out _))
            .SelectMany(r => r.GetProperty("artifactUpdate").GetProperty("artifact").GetProperty("parts").EnumerateArray().Select(p => p.GetProperty("text").GetString()!)));
        Assert.Equal(Enumerable.Range(1, 20).Select(i => i.ToString(CultureInfo.InvariantCulture)), all);
    }

    [Fact]
    public async Task A_task_whose_event_log_is_gone_is_followed_by_polling_the_store()
    {
        const string Prefix = "nolog:";
        await using var instances = await TwoInstances.StartAsync(redis.Server, prefix: Prefix);
        var created = await Rpc.CallAsync(instances.A.Client, TwoInstances.Path, "SendMessage", Background("wait", "x"));
        var taskId = created.Result.GetProperty("task").GetProperty("id").GetString()!;
        await using (var connection = await redis.Server.ConnectAsync())
        {
            Assert.True(await connection.GetDatabase().KeyDeleteAsync($"{Prefix}{{relay-agent}}:events:{taskId}"));
        }

        var stream = Rpc.StreamAsync(instances.B.Client, TwoInstances.Path, "SubscribeToTask", $$"""{"id":"{{taskId}}"}""");
        await Task.Delay(300);
        await Rpc.CallAsync(instances.A.Client, TwoInstances.Path, "CancelTask", $$"""{"id":"{{taskId}}"}""");
        var events = await stream.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Equal(taskId, events[0].GetProperty("result").GetProperty("task").GetProperty("id").GetString());
        Assert.Equal("TASK_STATE_CANCELED", events[^1].GetProperty("result").GetProperty("statusUpdate").GetProperty("status").GetProperty("state").GetString());
    }

    [Fact]
    public async Task A_gap_in_the_event_log_is_bridged_from_the_store_and_no_part_is_lost_or_doubled()
    {
        const string Prefix = "gap:";
        await using var instances = await TwoInstances.StartAsync(redis.Server, prefix: Prefix);
        var created = await Rpc.CallAsync(instances.A.Client, TwoInstances.Path, "SendMessage", Background("count", "40 25"));
        var taskId = created.Result.GetProperty("task").GetProperty("id").GetString()!;
        await Task.Delay(300);
        await using (var connection = await redis.Server.ConnectAsync())
        {
            // An append that never reached Redis: event 3 (an artifact part) is missing from the log.
            var key = $"{Prefix}{{relay-agent}}:events:{taskId}";
            var entries = await connection.GetDatabase().StreamRangeAsync(key);
            var third = entries.Single(e => e["s"] == 3);
            Assert.Equal(1, await connection.GetDatabase().StreamDeleteAsync(key, [third.Id]));
        }

        var events = await Rpc.StreamAsync(instances.B.Client, TwoInstances.Path, "SubscribeToTask", $$"""{"id":"{{taskId}}"}""");
        var parts = Texts(events[0].GetProperty("result").GetProperty("task"));
        parts.AddRange(events.Skip(1).Select(e => e.GetProperty("result")).Where(r => r.TryGetProperty("artifactUpdate", out _))
            .SelectMany(r => r.GetProperty("artifactUpdate").GetProperty("artifact").GetProperty("parts").EnumerateArray().Select(p => p.GetProperty("text").GetString()!)));
        Assert.Equal(Enumerable.Range(1, 40).Select(i => i.ToString(CultureInfo.InvariantCulture)), parts);
        Assert.Equal("TASK_STATE_COMPLETED", events[^1].GetProperty("result").GetProperty("statusUpdate").GetProperty("status").GetProperty("state").GetString());
    }

    [Fact]
    public async Task A_task_that_asked_for_input_on_A_is_continued_on_B_in_the_background()
    {
        await using var instances = await TwoInstances.StartAsync(redis.Server);
        var frank = new[] { Rpc.Header(TestHost.UserHeader, "frank") };
        var asked = await Rpc.CallAsync(instances.A.Client, TwoInstances.Path, "SendMessage", Rpc.UserText("Lisbon", "ask"), frank);
        var task = asked.Result.GetProperty("task");
        Assert.Equal("TASK_STATE_INPUT_REQUIRED", task.GetProperty("status").GetProperty("state").GetString());
        var taskId = task.GetProperty("id").GetString()!;

        var answer = "{\"message\":{\"messageId\":\"" + Guid.NewGuid() + "\",\"role\":\"ROLE_USER\",\"taskId\":\"" + taskId + "\",\"parts\":[{\"text\":\"12A\"}]},\"configuration\":{\"returnImmediately\":true}}";
        var continued = await Rpc.CallAsync(instances.B.Client, TwoInstances.Path, "SendMessage", answer, frank);
        Assert.False(continued.IsError, continued.Raw);

        string? state = null;
        for (var i = 0; i < 100 && state != "TASK_STATE_COMPLETED"; i++)
        {
            await Task.Delay(20);
            var read = await Rpc.CallAsync(instances.A.Client, TwoInstances.Path, "GetTask", $$"""{"id":"{{taskId}}"}""", frank);
            state = read.Result.GetProperty("status").GetProperty("state").GetString();
            if (state == "TASK_STATE_COMPLETED")
            {
                Assert.Equal(["booked 12A"], Texts(read.Result));
                Assert.Equal(3, read.Result.GetProperty("history").GetArrayLength()); // question's user message, the question, the answer
            }
        }

        Assert.Equal("TASK_STATE_COMPLETED", state);
    }

    [Fact]
    public async Task ListTasks_on_either_instance_lists_the_callers_tasks_from_both_newest_first_in_pages()
    {
        await using var instances = await TwoInstances.StartAsync(redis.Server);
        var alice = new[] { Rpc.Header(TestHost.UserHeader, "alice") };
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            var host = i % 2 == 0 ? instances.A : instances.B;
            ids.Add((await Rpc.CallAsync(host.Client, TwoInstances.Path, "SendMessage", Rpc.UserText("n" + i), alice)).Result.GetProperty("task").GetProperty("id").GetString()!);
            await Task.Delay(5); // distinct status timestamps
        }

        await Rpc.CallAsync(instances.B.Client, TwoInstances.Path, "SendMessage", Rpc.UserText("bob's"), [Rpc.Header(TestHost.UserHeader, "bob")]);

        foreach (var host in new[] { instances.A, instances.B })
        {
            var first = await Rpc.CallAsync(host.Client, TwoInstances.Path, "ListTasks", """{"pageSize":3}""", alice);
            Assert.Equal(5, first.Result.GetProperty("totalSize").GetInt32());
            var token = first.Result.GetProperty("nextPageToken").GetString();
            var second = await Rpc.CallAsync(host.Client, TwoInstances.Path, "ListTasks", $$"""{"pageSize":3,"pageToken":"{{token}}"}""", alice);
            var listed = first.Result.GetProperty("tasks").EnumerateArray().Concat(second.Result.GetProperty("tasks").EnumerateArray()).Select(t => t.GetProperty("id").GetString()).ToList();
            Assert.Equal(Enumerable.Reverse(ids), listed);
            Assert.Equal("", second.Result.GetProperty("nextPageToken").GetString());
        }

        // Bob sees his task only; alice's tasks are not found for him.
        var bobs = await Rpc.CallAsync(instances.A.Client, TwoInstances.Path, "ListTasks", "{}", [Rpc.Header(TestHost.UserHeader, "bob")]);
        Assert.Equal(1, bobs.Result.GetProperty("totalSize").GetInt32());
        Assert.Equal(-32001, (await Rpc.CallAsync(instances.A.Client, TwoInstances.Path, "GetTask", $$"""{"id":"{{ids[0]}}"}""", [Rpc.Header(TestHost.UserHeader, "bob")])).ErrorCode);
    }

    [Fact]
    public async Task The_per_caller_quota_is_exact_across_instances()
    {
        await using var instances = await TwoInstances.StartAsync(redis.Server, redisOptions: o => o.CapacityPerCaller = 10);
        // Background tasks: a task that cannot be stored is refused before its id is given out (a task run to completion
        // is answered anyway, since its skill has already run).
        var carol = new[] { Rpc.Header(TestHost.UserHeader, "carol") };
        var replies = await Task.WhenAll(Enumerable.Range(0, 30).Select(i =>
            Rpc.CallAsync(i % 2 == 0 ? instances.A.Client : instances.B.Client, TwoInstances.Path, "SendMessage", Background("echo", "q" + i), carol)));

        Assert.Equal(10, replies.Count(r => r.Status == 200 && !r.IsError));
        Assert.All(replies.Where(r => r.IsError), r => Assert.Equal((429, "TASK_QUOTA_EXCEEDED"), (r.Status, r.Reason)));
        var list = await Rpc.CallAsync(instances.B.Client, TwoInstances.Path, "ListTasks", "{\"pageSize\":100}", carol);
        Assert.Equal(10, list.Result.GetProperty("totalSize").GetInt32());
    }

    [Fact]
    public async Task Cancellations_from_B_racing_completions_on_A_lose_nothing()
    {
        // Each task completes on A at about the moment B cancels it: whichever write lands first wins, the other instance
        // re-reads, and the answer B gave is the state both instances keep.
        await using var instances = await TwoInstances.StartAsync(redis.Server);
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 40).Select(async i =>
        {
            var taskId = (await Rpc.CallAsync(instances.A.Client, TwoInstances.Path, "SendMessage", Background("count", "3 " + (5 + (i % 10))))).Result.GetProperty("task").GetProperty("id").GetString()!;
            await Task.Delay(15 + (i % 20));
            var cancel = await Rpc.CallAsync(instances.B.Client, TwoInstances.Path, "CancelTask", $$"""{"id":"{{taskId}}"}""");
            return (taskId, Canceled: !cancel.IsError, cancel);
        }));

        var runner = instances.A.Services.GetRequiredService<TaskRunner>();
        for (var i = 0; i < 200 && runner.RunningCount > 0; i++)
        {
            await Task.Delay(25);
        }

        Assert.Equal(0, runner.RunningCount);
        foreach (var (taskId, canceled, cancel) in outcomes)
        {
            var stored = await Rpc.CallAsync(instances.A.Client, TwoInstances.Path, "GetTask", $$"""{"id":"{{taskId}}"}""");
            var state = stored.Result.GetProperty("status").GetProperty("state").GetString();
            if (canceled)
            {
                Assert.Equal("TASK_STATE_CANCELED", state);
            }
            else
            {
                Assert.Equal(-32002, cancel.ErrorCode);
                Assert.Equal("TASK_STATE_COMPLETED", state);
                Assert.Equal(3, Texts(stored.Result).Count);
            }
        }
    }

    private static List<string> Texts(JsonElement task) =>
        task.TryGetProperty("artifacts", out var artifacts)
            ? artifacts.EnumerateArray().SelectMany(a => a.GetProperty("parts").EnumerateArray().Select(p => p.GetProperty("text").GetString()!)).ToList()
            : [];
}
