using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using A2AGen.Hosting.Tasks;
using Microsoft.Extensions.DependencyInjection;

namespace A2AGen.Hosting.Tests;

/// <summary>Streaming, background tasks, cancellation reaching the skill, subscriptions, listing and ownership.</summary>
public sealed class TaskLifecycleTests
{
    private static Task<TestHost> StartToolboxAsync(Action<A2AAgentOptions>? configure = null) => TestHost.StartAsync(
        s =>
        {
            s.AddSingleton<SkillProbe>();
            s.AddA2AAgent<ToolboxAgent>(o =>
            {
                o.Json.TypeInfoResolverChain.Insert(0, ToolboxJsonContext.Default);
                configure?.Invoke(o);
            });
        },
        app => app.MapA2AAgent<ToolboxAgent>("/toolbox"));

    private static string State(JsonElement task) => task.GetProperty("status").GetProperty("state").GetString()!;

    private static async Task<JsonElement> WaitForStateAsync(HttpClient client, string taskId, string state, params KeyValuePair<string, string>[] headers)
    {
        for (var i = 0; i < 200; i++)
        {
            var reply = await Rpc.CallAsync(client, "/toolbox", "GetTask", $$"""{"id":"{{taskId}}"}""", headers);
            if (State(reply.Result) == state)
            {
                return reply.Result;
            }

            await Task.Delay(25);
        }

        throw new TimeoutException($"Task {taskId} never reached {state}.");
    }

    [Fact]
    public async Task SendStreamingMessage_streams_the_task_working_each_element_and_completed()
    {
        await using var host = await StartToolboxAsync();
        var events = await Rpc.StreamAsync(host.Client, "/toolbox", "SendStreamingMessage", Rpc.UserText("3", "count"));

        Assert.All(events, e =>
        {
            Assert.Equal("2.0", e.GetProperty("jsonrpc").GetString());
            Assert.Equal("stream-1", e.GetProperty("id").GetString());
        });
        var results = events.Select(e => e.GetProperty("result")).ToArray();
        Assert.Equal(6, results.Length);
        var task = results[0].GetProperty("task");
        Assert.Equal("TASK_STATE_SUBMITTED", State(task));
        var taskId = task.GetProperty("id").GetString()!;
        Assert.Equal("TASK_STATE_WORKING", results[1].GetProperty("statusUpdate").GetProperty("status").GetProperty("state").GetString());
        var updates = results[2..5].Select(r => r.GetProperty("artifactUpdate")).ToArray();
        Assert.All(updates, u => Assert.Equal(taskId, u.GetProperty("taskId").GetString()));
        Assert.Equal(["1", "2", "3"], updates.Select(u => u.GetProperty("artifact").GetProperty("parts")[0].GetProperty("text").GetString()));
        Assert.False(updates[0].TryGetProperty("append", out _));
        Assert.True(updates[1].GetProperty("append").GetBoolean());
        Assert.Single(updates.Select(u => u.GetProperty("artifact").GetProperty("artifactId").GetString()).Distinct());
        var final = results[5].GetProperty("statusUpdate");
        Assert.Equal("TASK_STATE_COMPLETED", final.GetProperty("status").GetProperty("state").GetString());

        var stored = await Rpc.CallAsync(host.Client, "/toolbox", "GetTask", $$"""{"id":"{{taskId}}"}""");
        Assert.Equal("TASK_STATE_COMPLETED", State(stored.Result));
        Assert.Equal(3, stored.Result.GetProperty("artifacts")[0].GetProperty("parts").GetArrayLength());
    }

    [Fact]
    public async Task A_producer_faster_than_the_client_is_held_back_not_cut_off()
    {
        await using var host = await StartToolboxAsync();
        var count = 0;
        var events = await Rpc.StreamAsync(host.Client, "/toolbox", "SendStreamingMessage", Rpc.UserText("5000", "burst"), async e =>
        {
            // A slow reader: the skill must wait for it rather than drop its stream.
            if (++count % 500 == 0)
            {
                await Task.Delay(20);
            }
        });

        Assert.Equal(5000, events.Count(e => e.GetProperty("result").TryGetProperty("artifactUpdate", out _)));
        Assert.Equal("TASK_STATE_COMPLETED", events[^1].GetProperty("result").GetProperty("statusUpdate").GetProperty("status").GetProperty("state").GetString());
        Assert.DoesNotContain(events, e => e.TryGetProperty("error", out _));
    }

    [Fact]
    public async Task A_slow_watcher_is_cut_off_without_stalling_the_task()
    {
        await using var host = await StartToolboxAsync();
        var execution = new TaskExecution(
            new AgentHost(host.Services.GetServices<A2AAgentRegistration>().Single(), new A2AAgentOptions(), "/x", host.Services),
            ToolboxAgent.Descriptor.FindSkill("burst")!, "t-1", "c-1", Protocol.Message.UserText("x"), null);
        var watcher = execution.Subscribe();
        execution.Start(new ValueTask<SkillResult>(SkillResult.FromTextStream(new ToolboxAgent(new SkillProbe()).Burst("3000"), default)), host.Services.CreateAsyncScope());
        await execution.Finished.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(watcher.Dropped);
        Assert.Equal(Protocol.TaskState.Completed, execution.Snapshot().Status.State);
        Assert.Equal(3000, execution.Snapshot().Artifacts![0].Parts.Count);
    }

    [Fact]
    public async Task A_quiet_stream_carries_keep_alive_comments()
    {
        await using var host = await StartToolboxAsync(o => o.StreamKeepAliveInterval = TimeSpan.FromMilliseconds(100));
        using var request = Rpc.Post("/toolbox", Rpc.Request("SendStreamingMessage", Rpc.UserText("x", "slow")));
        using var response = await host.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        string? taskId = null;
        var keepAlives = 0;
        while (keepAlives < 3 && await reader.ReadLineAsync() is { } line)
        {
            if (line == ": keep-alive")
            {
                keepAlives++;
            }
            else if (taskId is null && line.StartsWith("data: ", StringComparison.Ordinal))
            {
                taskId = JsonDocument.Parse(line[6..]).RootElement.GetProperty("result").GetProperty("task").GetProperty("id").GetString();
            }
        }

        Assert.Equal(3, keepAlives);
        Assert.Equal("TASK_STATE_CANCELED", State((await Rpc.CallAsync(host.Client, "/toolbox", "CancelTask", $$"""{"id":"{{taskId}}"}""")).Result));
    }

    [Fact]
    public async Task A_message_skill_streams_one_message_and_closes()
    {
        await using var host = await StartToolboxAsync();
        var events = await Rpc.StreamAsync(host.Client, "/toolbox", "SendStreamingMessage", Rpc.UserText("Bo", "greet"));
        var single = Assert.Single(events);
        Assert.Equal("Hello, Bo!", single.GetProperty("result").GetProperty("message").GetProperty("parts")[0].GetProperty("text").GetString());
    }

    [Fact]
    public async Task A_binding_error_on_a_stream_is_answered_before_the_stream_starts()
    {
        await using var host = await StartToolboxAsync();
        var reply = await Rpc.CallAsync(host.Client, "/toolbox", "SendStreamingMessage",
            """{"message":{"messageId":"m","role":"ROLE_USER","parts":[{"data":{"a":1}}],"metadata":{"urn:a2agen:skill":"count"}}}""");
        Assert.Equal(-32602, reply.ErrorCode);
        Assert.Equal("params.message.parts", reply.Field);
        Assert.Equal("application/json", reply.ContentHeaders?.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_skill_failing_mid_stream_ends_the_task_failed_with_a_correlation_id()
    {
        await using var host = await StartToolboxAsync();
        // count parses its input on the first element, after the stream has started.
        var events = await Rpc.StreamAsync(host.Client, "/toolbox", "SendStreamingMessage", Rpc.UserText("not a number", "count"));
        Assert.Equal("TASK_STATE_SUBMITTED", State(events[0].GetProperty("result").GetProperty("task")));
        var final = events[^1].GetProperty("result").GetProperty("statusUpdate").GetProperty("status");
        Assert.Equal("TASK_STATE_FAILED", final.GetProperty("state").GetString());
        var text = final.GetProperty("message").GetProperty("parts")[0].GetProperty("text").GetString()!;
        var correlationId = System.Text.RegularExpressions.Regex.Match(text, "correlation id ([0-9a-f]{32})").Groups[1].Value;
        Assert.NotEmpty(correlationId);
        Assert.DoesNotContain("FormatException", string.Join("\n", events.Select(e => e.GetRawText())), StringComparison.Ordinal);
        Assert.IsType<FormatException>(host.Logs.WithId(1100).Single(e => e.Message.Contains(correlationId, StringComparison.Ordinal)).Exception);
    }

    [Fact]
    public async Task A_skill_failing_before_the_stream_starts_is_an_internal_error()
    {
        await using var host = await StartToolboxAsync();
        var reply = await Rpc.CallAsync(host.Client, "/toolbox", "SendStreamingMessage", Rpc.UserText("x", "fail"));
        Assert.Equal(-32603, reply.ErrorCode);
        Assert.DoesNotContain("hunter2", reply.Raw, StringComparison.Ordinal);
        Assert.Single(host.Logs.WithId(1100));
    }

    [Fact]
    public async Task Return_immediately_answers_at_once_and_the_task_completes_in_the_background()
    {
        await using var host = await StartToolboxAsync();
        var parameters = """{"message":{"messageId":"m","role":"ROLE_USER","parts":[{"text":"500"}],"metadata":{"urn:a2agen:skill":"delay"}},"configuration":{"returnImmediately":true}}""";
        var reply = await Rpc.CallAsync(host.Client, "/toolbox", "SendMessage", parameters);
        var task = reply.Result.GetProperty("task");
        Assert.Contains(State(task), new[] { "TASK_STATE_SUBMITTED", "TASK_STATE_WORKING" });

        var done = await WaitForStateAsync(host.Client, task.GetProperty("id").GetString()!, "TASK_STATE_COMPLETED");
        Assert.Equal("done", done.GetProperty("artifacts")[0].GetProperty("parts")[0].GetProperty("text").GetString());
    }

    [Fact]
    public async Task CancelTask_on_a_running_task_cancels_the_skill()
    {
        await using var host = await StartToolboxAsync();
        var probe = host.Services.GetRequiredService<SkillProbe>();
        var parameters = """{"message":{"messageId":"m","role":"ROLE_USER","parts":[{"text":"x"}],"metadata":{"urn:a2agen:skill":"slow"}},"configuration":{"returnImmediately":true}}""";
        var taskId = (await Rpc.CallAsync(host.Client, "/toolbox", "SendMessage", parameters)).Result.GetProperty("task").GetProperty("id").GetString()!;
        await probe.Started.WaitAsync(TimeSpan.FromSeconds(10));

        var cancel = await Rpc.CallAsync(host.Client, "/toolbox", "CancelTask", $$"""{"id":"{{taskId}}"}""");
        Assert.Equal("TASK_STATE_CANCELED", State(cancel.Result));
        await probe.Canceled.WaitAsync(TimeSpan.FromSeconds(10));

        var stored = await Rpc.CallAsync(host.Client, "/toolbox", "GetTask", $$"""{"id":"{{taskId}}"}""");
        Assert.Equal("TASK_STATE_CANCELED", State(stored.Result));

        var again = await Rpc.CallAsync(host.Client, "/toolbox", "CancelTask", $$"""{"id":"{{taskId}}"}""");
        Assert.Equal(-32002, again.ErrorCode);
        Assert.Contains("TASK_STATE_CANCELED", again.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains(host.Logs.WithId(1102), e => e.Message.Contains(taskId, StringComparison.Ordinal));
    }

    [Fact]
    public async Task CancelTask_reaches_a_streaming_skill_and_ends_its_stream()
    {
        await using var host = await StartToolboxAsync();
        var probe = host.Services.GetRequiredService<SkillProbe>();
        string? taskId = null;
        var canceled = false;
        var events = await Rpc.StreamAsync(host.Client, "/toolbox", "SendStreamingMessage", Rpc.UserText("x", "ticks"), async e =>
        {
            var result = e.GetProperty("result");
            if (result.TryGetProperty("task", out var task))
            {
                taskId = task.GetProperty("id").GetString();
            }
            else if (result.TryGetProperty("artifactUpdate", out _) && !canceled)
            {
                canceled = true;
                var cancel = await Rpc.CallAsync(host.Client, "/toolbox", "CancelTask", $$"""{"id":"{{taskId}}"}""");
                Assert.Equal("TASK_STATE_CANCELED", State(cancel.Result));
            }
        });

        var final = events[^1].GetProperty("result").GetProperty("statusUpdate").GetProperty("status");
        Assert.Equal("TASK_STATE_CANCELED", final.GetProperty("state").GetString());
        await probe.Canceled.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Stopping_the_host_cancels_running_skills_and_saves_their_tasks_as_failed()
    {
        var host = await StartToolboxAsync();
        var probe = host.Services.GetRequiredService<SkillProbe>();
        var store = host.Services.GetRequiredService<ITaskStore>();
        var parameters = """{"message":{"messageId":"m","role":"ROLE_USER","parts":[{"text":"x"}],"metadata":{"urn:a2agen:skill":"slow"}},"configuration":{"returnImmediately":true}}""";
        var taskId = (await Rpc.CallAsync(host.Client, "/toolbox", "SendMessage", parameters)).Result.GetProperty("task").GetProperty("id").GetString()!;
        await probe.Started.WaitAsync(TimeSpan.FromSeconds(10));

        await host.DisposeAsync();

        Assert.True(probe.Canceled.IsCompleted);
        var stored = (await store.GetAsync("toolbox", taskId, default))!.Task;
        Assert.Equal(Protocol.TaskState.Failed, stored.Status.State);
        Assert.Contains("server stopped", stored.Status.Message!.Parts[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CancelTask_on_a_finished_or_unknown_task_is_refused()
    {
        await using var host = await StartToolboxAsync();
        var done = (await Rpc.CallAsync(host.Client, "/toolbox", "SendMessage", Rpc.UserText("x"))).Result.GetProperty("task").GetProperty("id").GetString();
        Assert.Equal(-32002, (await Rpc.CallAsync(host.Client, "/toolbox", "CancelTask", $$"""{"id":"{{done}}"}""")).ErrorCode);
        Assert.Equal(-32001, (await Rpc.CallAsync(host.Client, "/toolbox", "CancelTask", """{"id":"no-such-task"}""")).ErrorCode);
    }

    [Fact]
    public async Task SubscribeToTask_streams_the_current_task_then_its_updates()
    {
        await using var host = await StartToolboxAsync();
        var parameters = """{"message":{"messageId":"m","role":"ROLE_USER","parts":[{"text":"10"}],"metadata":{"urn:a2agen:skill":"count"}},"configuration":{"returnImmediately":true}}""";
        var taskId = (await Rpc.CallAsync(host.Client, "/toolbox", "SendMessage", parameters)).Result.GetProperty("task").GetProperty("id").GetString()!;

        var events = await Rpc.StreamAsync(host.Client, "/toolbox", "SubscribeToTask", $$"""{"id":"{{taskId}}"}""");
        var first = events[0].GetProperty("result").GetProperty("task");
        Assert.Equal(taskId, first.GetProperty("id").GetString());
        var seenInSnapshot = first.TryGetProperty("artifacts", out var artifacts) ? artifacts[0].GetProperty("parts").GetArrayLength() : 0;
        var streamed = events.Count(e => e.GetProperty("result").TryGetProperty("artifactUpdate", out _));
        Assert.Equal(10, seenInSnapshot + streamed);
        Assert.Equal("TASK_STATE_COMPLETED", events[^1].GetProperty("result").GetProperty("statusUpdate").GetProperty("status").GetProperty("state").GetString());

        var finished = await Rpc.CallAsync(host.Client, "/toolbox", "SubscribeToTask", $$"""{"id":"{{taskId}}"}""");
        Assert.Equal(-32004, finished.ErrorCode);
    }

    [Fact]
    public async Task Tasks_are_visible_only_to_the_caller_that_created_them()
    {
        await using var host = await StartToolboxAsync();
        var alice = new[] { Rpc.Header(TestHost.UserHeader, "alice") };
        var taskId = (await Rpc.CallAsync(host.Client, "/toolbox", "SendMessage", Rpc.UserText("mine"), alice)).Result.GetProperty("task").GetProperty("id").GetString();

        Assert.False((await Rpc.CallAsync(host.Client, "/toolbox", "GetTask", $$"""{"id":"{{taskId}}"}""", alice)).IsError);
        var bob = await Rpc.CallAsync(host.Client, "/toolbox", "GetTask", $$"""{"id":"{{taskId}}"}""", [Rpc.Header(TestHost.UserHeader, "bob")]);
        Assert.Equal(-32001, bob.ErrorCode);
        var anonymous = await Rpc.CallAsync(host.Client, "/toolbox", "GetTask", $$"""{"id":"{{taskId}}"}""");
        Assert.Equal(-32001, anonymous.ErrorCode);
        Assert.Equal(-32001, (await Rpc.CallAsync(host.Client, "/toolbox", "CancelTask", $$"""{"id":"{{taskId}}"}""", [Rpc.Header(TestHost.UserHeader, "bob")])).ErrorCode);
    }

    [Theory]
    [InlineData("""{"id":"../../etc/passwd"}""")]
    [InlineData("""{"id":"a/b"}""")]
    [InlineData("""{"id":"with space"}""")]
    [InlineData("""{"id":".."}""")]
    [InlineData("""{"id":""}""")]
    [InlineData("""{}""")]
    [InlineData("""{"id":"\u0000"}""")]
    public async Task Hostile_task_ids_are_invalid_params(string parameters)
    {
        await using var host = await StartToolboxAsync();
        foreach (var method in new[] { "GetTask", "CancelTask", "SubscribeToTask" })
        {
            var reply = await Rpc.CallAsync(host.Client, "/toolbox", method, parameters);
            Assert.Equal(-32602, reply.ErrorCode);
            Assert.Equal("params.id", reply.Field);
        }
    }

    [Fact]
    public async Task A_huge_task_id_is_invalid_params()
    {
        await using var host = await StartToolboxAsync();
        var reply = await Rpc.CallAsync(host.Client, "/toolbox", "GetTask", $$"""{"id":"{{new string('a', 10_000)}}"}""");
        Assert.Equal(-32602, reply.ErrorCode);
        Assert.True(reply.Raw.Length < 2000, "the error must not echo the id");
    }

    [Fact]
    public async Task ListTasks_needs_an_authenticated_caller_unless_allowed()
    {
        await using var host = await StartToolboxAsync();
        var anonymous = await Rpc.CallAsync(host.Client, "/toolbox", "ListTasks", "{}");
        Assert.Equal(401, anonymous.Status);
        Assert.Equal("AUTHENTICATION_REQUIRED", anonymous.Reason);

        await using var open = await StartToolboxAsync(o => o.AllowAnonymousTaskListing = true);
        await Rpc.CallAsync(open.Client, "/toolbox", "SendMessage", Rpc.UserText("x"));
        var listed = await Rpc.CallAsync(open.Client, "/toolbox", "ListTasks", null);
        Assert.Equal(1, listed.Result.GetProperty("totalSize").GetInt32());
    }

    [Fact]
    public async Task ListTasks_filters_orders_and_pages_the_callers_tasks()
    {
        await using var host = await StartToolboxAsync();
        var alice = new[] { Rpc.Header(TestHost.UserHeader, "alice") };
        var created = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            var context = i < 3 ? "ctx-a" : "ctx-b";
            var reply = await Rpc.CallAsync(host.Client, "/toolbox", "SendMessage", Rpc.UserText("t" + i, extra: $",\"contextId\":\"{context}\""), alice);
            created.Add(reply.Result.GetProperty("task").GetProperty("id").GetString()!);
            await Task.Delay(5);
        }

        await Rpc.CallAsync(host.Client, "/toolbox", "SendMessage", Rpc.UserText("bob's"), [Rpc.Header(TestHost.UserHeader, "bob")]);

        var page1 = await Rpc.CallAsync(host.Client, "/toolbox", "ListTasks", """{"pageSize":2}""", alice);
        Assert.Equal(5, page1.Result.GetProperty("totalSize").GetInt32());
        Assert.Equal(2, page1.Result.GetProperty("pageSize").GetInt32());
        var ids = page1.Result.GetProperty("tasks").EnumerateArray().Select(t => t.GetProperty("id").GetString()).ToList();
        Assert.Equal([created[4], created[3]], ids);
        Assert.False(page1.Result.GetProperty("tasks")[0].TryGetProperty("artifacts", out _));
        var token = page1.Result.GetProperty("nextPageToken").GetString()!;
        Assert.NotEmpty(token);

        var page2 = await Rpc.CallAsync(host.Client, "/toolbox", "ListTasks", $$"""{"pageSize":2,"pageToken":"{{token}}"}""", alice);
        ids.AddRange(page2.Result.GetProperty("tasks").EnumerateArray().Select(t => t.GetProperty("id").GetString()));
        var page3 = await Rpc.CallAsync(host.Client, "/toolbox", "ListTasks", $$"""{"pageSize":2,"pageToken":"{{page2.Result.GetProperty("nextPageToken").GetString()}}"}""", alice);
        ids.AddRange(page3.Result.GetProperty("tasks").EnumerateArray().Select(t => t.GetProperty("id").GetString()));
        Assert.Equal(Enumerable.Reverse(created), ids);
        Assert.Equal("", page3.Result.GetProperty("nextPageToken").GetString());

        var byContext = await Rpc.CallAsync(host.Client, "/toolbox", "ListTasks", """{"contextId":"ctx-b","includeArtifacts":true,"historyLength":0}""", alice);
        Assert.Equal(2, byContext.Result.GetProperty("totalSize").GetInt32());
        var listedTask = byContext.Result.GetProperty("tasks")[0];
        Assert.True(listedTask.TryGetProperty("artifacts", out _));
        Assert.False(listedTask.TryGetProperty("history", out _));

        var byState = await Rpc.CallAsync(host.Client, "/toolbox", "ListTasks", """{"status":"TASK_STATE_WORKING"}""", alice);
        Assert.Equal(0, byState.Result.GetProperty("totalSize").GetInt32());
        Assert.Equal(0, byState.Result.GetProperty("tasks").GetArrayLength());
    }

    [Theory]
    [InlineData("""{"pageSize":0}""", "params.pageSize")]
    [InlineData("""{"pageSize":101}""", "params.pageSize")]
    [InlineData("""{"historyLength":-5}""", "params.historyLength")]
    [InlineData("""{"status":"TASK_STATE_RUNNING"}""", "params.status")]
    [InlineData("""{"pageToken":"forged!"}""", "params.pageToken")]
    [InlineData("""{"pageToken":"dDF8MTIzfC4u"}""", "params.pageToken")]
    public async Task ListTasks_validates_its_params(string parameters, string field)
    {
        await using var host = await StartToolboxAsync();
        var reply = await Rpc.CallAsync(host.Client, "/toolbox", "ListTasks", parameters, [Rpc.Header(TestHost.UserHeader, "alice")]);
        Assert.Equal(-32602, reply.ErrorCode);
        Assert.Equal(field, reply.Field);
    }
}
