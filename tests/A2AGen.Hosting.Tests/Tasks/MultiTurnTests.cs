using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace A2AGen.Hosting.Tests.Tasks;

/// <summary>
/// Interrupted tasks over both bindings (spec §3.4): a skill stops in INPUT_REQUIRED or AUTH_REQUIRED with a message,
/// the caller's next message naming the task continues it through the one lifecycle, and the skill sees the whole
/// history. Only the task's owner may continue it; a finished or running task refuses messages with the spec's error;
/// blocking sends return at the interruption, streams and subscriptions end with it.
/// </summary>
public sealed class MultiTurnTests(MultiTurnTests.BookingFixture fixture) : IClassFixture<MultiTurnTests.BookingFixture>
{
    public static TheoryData<string> Bindings => ["jsonrpc", "rest"];

    private HttpClient Client => fixture.Host.Client;

    private static KeyValuePair<string, string>[] Caller(string name) => [Rpc.Header(TestHost.UserHeader, name + "-" + Guid.NewGuid().ToString("N"))];

    private static string State(JsonElement task) => task.GetProperty("status").GetProperty("state").GetString()!;

    private static string Text(JsonElement message) => message.GetProperty("parts")[0].GetProperty("text").GetString()!;

    private static string FollowUp(string text, string taskId, string? contextId = null, string? skill = null, string configuration = "") =>
        Message(text, skill, $",\"taskId\":\"{taskId}\"" + (contextId is null ? "" : $",\"contextId\":\"{contextId}\""), configuration);

    private static string Message(string text, string? skill = null, string extra = "", string configuration = "")
    {
        var send = Rpc.UserText(text, skill, extra);
        return configuration.Length == 0 ? send : send[..^1] + ",\"configuration\":" + configuration + "}";
    }

    [Theory]
    [MemberData(nameof(Bindings))]
    public async Task Input_required_then_a_follow_up_completes_the_same_task_with_the_whole_history(string binding)
    {
        var alice = Caller("alice");
        var first = await SendAsync(binding, Message("Lisbon"), alice);
        var task = first.Result.GetProperty("task");
        Assert.Equal("TASK_STATE_INPUT_REQUIRED", State(task));
        Assert.Equal("Which date for Lisbon?", Text(task.GetProperty("status").GetProperty("message")));
        var taskId = task.GetProperty("id").GetString()!;
        var contextId = task.GetProperty("contextId").GetString()!;
        Assert.Equal(taskId, task.GetProperty("status").GetProperty("message").GetProperty("taskId").GetString());
        Assert.Equal("ROLE_AGENT", task.GetProperty("status").GetProperty("message").GetProperty("role").GetString());
        Assert.Equal(2, task.GetProperty("history").GetArrayLength());
        Assert.Equal("book", task.GetProperty("metadata").GetProperty("urn:a2agen:skill").GetString());

        // No contextId on the follow-up: the agent infers it from the task (spec §3.4.3).
        var second = await SendAsync(binding, FollowUp("12 May", taskId), alice);
        var done = second.Result.GetProperty("task");
        Assert.Equal(taskId, done.GetProperty("id").GetString());
        Assert.Equal(contextId, done.GetProperty("contextId").GetString());
        Assert.Equal("TASK_STATE_COMPLETED", State(done));
        Assert.Equal("Booked Lisbon on 12 May (history 3: user:Lisbon | agent:Which date for Lisbon? | user:12 May)",
            done.GetProperty("artifacts")[0].GetProperty("parts")[0].GetProperty("text").GetString());
        var history = done.GetProperty("history").EnumerateArray().ToArray();
        Assert.Equal(["ROLE_USER", "ROLE_AGENT", "ROLE_USER"], history.Select(m => m.GetProperty("role").GetString()));
        Assert.All(history, m => Assert.Equal(contextId, m.GetProperty("contextId").GetString()));
        Assert.All(history, m => Assert.Equal(taskId, m.GetProperty("taskId").GetString()));

        var got = await GetAsync(binding, taskId, historyLength: null, alice);
        Assert.Equal(done.GetRawText(), got.Result.GetRawText());
    }

    [Theory]
    [MemberData(nameof(Bindings))]
    public async Task Auth_required_waits_for_the_owner_and_the_answer_completes_it(string binding)
    {
        var bob = Caller("bob");
        var first = (await SendAsync(binding, Message("100 EUR", "pay"), bob)).Result.GetProperty("task");
        Assert.Equal("TASK_STATE_AUTH_REQUIRED", State(first));
        Assert.StartsWith("Approve the payment", Text(first.GetProperty("status").GetProperty("message")), StringComparison.Ordinal);
        var taskId = first.GetProperty("id").GetString()!;

        // Still not approved: the task asks again, and stays one task.
        var again = (await SendAsync(binding, FollowUp("not yet", taskId), bob)).Result.GetProperty("task");
        Assert.Equal("TASK_STATE_AUTH_REQUIRED", State(again));
        Assert.Equal(4, again.GetProperty("history").GetArrayLength());

        // The skill is found from the task, and naming it again is fine too.
        var paid = (await SendAsync(binding, FollowUp("approved", taskId, skill: "pay"), bob)).Result.GetProperty("task");
        Assert.Equal("TASK_STATE_COMPLETED", State(paid));
        Assert.Equal("paid", paid.GetProperty("artifacts")[0].GetProperty("parts")[0].GetProperty("text").GetString());
    }

    [Theory]
    [MemberData(nameof(Bindings))]
    public async Task Another_caller_cannot_continue_a_task_and_the_owner_still_can(string binding)
    {
        var alice = Caller("alice");
        var taskId = (await SendAsync(binding, Message("Porto"), alice)).Result.GetProperty("task").GetProperty("id").GetString()!;

        var mallory = await SendAsync(binding, FollowUp("tomorrow", taskId), Caller("mallory"));
        Assert.True(mallory.IsError);
        Assert.Equal("TASK_NOT_FOUND", mallory.Reason);
        var anonymous = await SendAsync(binding, FollowUp("tomorrow", taskId), []);
        Assert.Equal("TASK_NOT_FOUND", anonymous.Reason);

        var stored = (await GetAsync(binding, taskId, null, alice)).Result;
        Assert.Equal("TASK_STATE_INPUT_REQUIRED", State(stored));
        Assert.Equal(2, stored.GetProperty("history").GetArrayLength());
        Assert.Equal("TASK_STATE_COMPLETED", State((await SendAsync(binding, FollowUp("tomorrow", taskId), alice)).Result.GetProperty("task")));
    }

    [Theory]
    [MemberData(nameof(Bindings))]
    public async Task A_finished_task_refuses_new_messages_with_unsupported_operation(string binding)
    {
        var carol = Caller("carol");
        var taskId = (await SendAsync(binding, Message("Faro"), carol)).Result.GetProperty("task").GetProperty("id").GetString()!;
        await SendAsync(binding, FollowUp("Friday", taskId), carol);

        var refused = await SendAsync(binding, FollowUp("and Saturday?", taskId), carol);
        Assert.True(refused.IsError);
        Assert.Equal(binding == "jsonrpc" ? -32004 : 400, binding == "jsonrpc" ? refused.Code : refused.HttpStatus);
        Assert.Equal("UNSUPPORTED_OPERATION", refused.Reason);
        Assert.Contains("TASK_STATE_COMPLETED", refused.Message, StringComparison.Ordinal);

        // A canceled interrupted task is final too.
        var other = (await SendAsync(binding, Message("Braga"), carol)).Result.GetProperty("task").GetProperty("id").GetString()!;
        var canceled = await Rpc.CallAsync(Client, "/booking", "CancelTask", $$"""{"id":"{{other}}"}""", carol);
        Assert.Equal("TASK_STATE_CANCELED", State(canceled.Result));
        Assert.Equal("UNSUPPORTED_OPERATION", (await SendAsync(binding, FollowUp("Sunday", other), carol)).Reason);
    }

    [Theory]
    [MemberData(nameof(Bindings))]
    public async Task A_running_task_refuses_a_message_until_it_asks_for_one(string binding)
    {
        var dave = Caller("dave");
        var started = (await SendAsync(binding, Message("400", "ask-later", configuration: """{"returnImmediately":true}"""), dave)).Result.GetProperty("task");
        var taskId = started.GetProperty("id").GetString()!;
        var early = await SendAsync(binding, FollowUp("too soon", taskId), dave);
        Assert.Equal("UNSUPPORTED_OPERATION", early.Reason);
        Assert.Contains("TASK_STATE_INPUT_REQUIRED", early.Message, StringComparison.Ordinal);

        var asked = await WaitForStateAsync(binding, taskId, "TASK_STATE_INPUT_REQUIRED", dave);
        Assert.Equal("Ready: what next?", Text(asked.GetProperty("status").GetProperty("message")));
        var done = (await SendAsync(binding, FollowUp("lunch", taskId), dave)).Result.GetProperty("task");
        Assert.Equal("thanks for lunch", done.GetProperty("artifacts")[0].GetProperty("parts")[0].GetProperty("text").GetString());
    }

    [Theory]
    [MemberData(nameof(Bindings))]
    public async Task Two_answers_racing_for_one_task_run_the_skill_once(string binding)
    {
        var olga = Caller("olga");
        var taskId = (await SendAsync(binding, Message("order 7", "confirm"), olga)).Result.GetProperty("task").GetProperty("id").GetString()!;
        var answers = await Task.WhenAll(SendAsync(binding, FollowUp("yes", taskId), olga), SendAsync(binding, FollowUp("yes!", taskId), olga));

        var done = Assert.Single(answers, a => !a.IsError);
        Assert.Equal("TASK_STATE_COMPLETED", State(done.Result.GetProperty("task")));
        var refused = Assert.Single(answers, a => a.IsError);
        Assert.Equal("UNSUPPORTED_OPERATION", refused.Reason);
        Assert.Equal(3, (await GetAsync(binding, taskId, null, olga)).Result.GetProperty("history").GetArrayLength());
    }

    [Theory]
    [MemberData(nameof(Bindings))]
    public async Task An_answer_sent_again_is_answered_with_the_task_and_runs_no_second_turn(string binding)
    {
        var pat = Caller("pat");
        var taskId = (await SendAsync(binding, Message("100 EUR", "pay"), pat)).Result.GetProperty("task").GetProperty("id").GetString()!;
        var answer = FollowUp("not yet", taskId);
        var first = (await SendAsync(binding, answer, pat)).Result.GetProperty("task");
        var again = (await SendAsync(binding, answer, pat)).Result.GetProperty("task");
        Assert.Equal("TASK_STATE_AUTH_REQUIRED", State(again));
        Assert.Equal(4, again.GetProperty("history").GetArrayLength());
        Assert.Equal(first.GetRawText(), again.GetRawText());
    }

    [Theory]
    [MemberData(nameof(Bindings))]
    public async Task A_mismatched_context_or_an_unknown_task_is_refused(string binding)
    {
        var erin = Caller("erin");
        var task = (await SendAsync(binding, Message("Evora"), erin)).Result.GetProperty("task");
        var taskId = task.GetProperty("id").GetString()!;

        var mismatch = await SendAsync(binding, FollowUp("Monday", taskId, contextId: "another-context"), erin);
        Assert.True(mismatch.IsError);
        Assert.Equal(binding == "jsonrpc" ? "params.message.contextId" : "message.contextId", mismatch.Field);
        Assert.Contains("does not match the context", mismatch.Message, StringComparison.Ordinal);

        var matching = await SendAsync(binding, FollowUp("Monday", taskId, contextId: task.GetProperty("contextId").GetString()), erin);
        Assert.Equal("TASK_STATE_COMPLETED", State(matching.Result.GetProperty("task")));

        Assert.Equal("TASK_NOT_FOUND", (await SendAsync(binding, FollowUp("x", "no-such-task"), erin)).Reason);

        var wrongSkill = await SendAsync(binding, FollowUp("x", (await SendAsync(binding, Message("Sintra"), erin)).Result.GetProperty("task").GetProperty("id").GetString()!, skill: "pay"), erin);
        Assert.Contains("names another skill", wrongSkill.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Bindings))]
    public async Task A_streamed_turn_ends_with_the_interruption_and_the_follow_up_streams_to_completion(string binding)
    {
        var frank = Caller("frank");
        var events = await StreamAsync(binding, Message("Coimbra"), frank);
        Assert.Equal("TASK_STATE_SUBMITTED", State(events[0].GetProperty("task")));
        Assert.Equal("TASK_STATE_WORKING", events[1].GetProperty("statusUpdate").GetProperty("status").GetProperty("state").GetString());
        var asked = events[^1].GetProperty("statusUpdate");
        Assert.Equal("TASK_STATE_INPUT_REQUIRED", asked.GetProperty("status").GetProperty("state").GetString());
        Assert.Equal("Which date for Coimbra?", Text(asked.GetProperty("status").GetProperty("message")));
        Assert.Equal(3, events.Count);
        var taskId = asked.GetProperty("taskId").GetString()!;

        var next = await StreamAsync(binding, FollowUp("June", taskId), frank);
        var resumed = next[0].GetProperty("task");
        Assert.Equal(taskId, resumed.GetProperty("id").GetString());
        Assert.Equal("TASK_STATE_WORKING", State(resumed));
        Assert.Equal(3, resumed.GetProperty("history").GetArrayLength());
        Assert.StartsWith("Booked Coimbra on June", next[1].GetProperty("artifactUpdate").GetProperty("artifact").GetProperty("parts")[0].GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Equal("TASK_STATE_COMPLETED", next[^1].GetProperty("statusUpdate").GetProperty("status").GetProperty("state").GetString());
    }

    [Fact]
    public async Task A_subscriber_sees_the_interruption_and_its_stream_ends()
    {
        var grace = Caller("grace");
        var taskId = (await SendAsync("jsonrpc", Message("300", "ask-later", configuration: """{"returnImmediately":true}"""), grace)).Result.GetProperty("task").GetProperty("id").GetString()!;
        var events = await Rpc.StreamAsync(Client, "/booking", "SubscribeToTask", $$"""{"id":"{{taskId}}"}""", headers: grace);
        var results = events.Select(e => e.GetProperty("result")).ToArray();
        Assert.Equal(taskId, results[0].GetProperty("task").GetProperty("id").GetString());
        Assert.Equal("TASK_STATE_INPUT_REQUIRED", results[^1].GetProperty("statusUpdate").GetProperty("status").GetProperty("state").GetString());
    }

    [Fact]
    public async Task A_subscription_opened_on_an_interrupted_task_follows_the_next_turn()
    {
        var heidi = Caller("heidi");
        var taskId = (await SendAsync("jsonrpc", Message("Tavira"), heidi)).Result.GetProperty("task").GetProperty("id").GetString()!;
        var subscription = Rest.StreamAsync(Client, HttpMethod.Get, $"/booking/tasks/{taskId}:subscribe", onEvent: async e =>
        {
            if (e.TryGetProperty("task", out _))
            {
                await SendAsync("rest", FollowUp("in August", taskId), heidi);
            }
        }, headers: heidi);
        var events = await subscription.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Equal("TASK_STATE_INPUT_REQUIRED", State(events[0].Data.GetProperty("task")));
        Assert.Equal("TASK_STATE_COMPLETED", events[^1].Data.GetProperty("statusUpdate").GetProperty("status").GetProperty("state").GetString());
    }

    [Fact]
    public async Task Subscriptions_opened_on_an_interrupted_task_get_the_streamed_next_turn_event_for_event()
    {
        var judy = Caller("judy");
        var taskId = (await SendAsync("jsonrpc", Message("Evora"), judy)).Result.GetProperty("task").GetProperty("id").GetString()!;
        var subscribed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var watcher = Rest.StreamAsync(Client, HttpMethod.Get, $"/booking/tasks/{taskId}:subscribe", onEvent: e =>
        {
            subscribed.TrySetResult();
            return Task.CompletedTask;
        }, headers: judy);
        await subscribed.Task.WaitAsync(TimeSpan.FromSeconds(20));

        var continued = await StreamAsync("jsonrpc", FollowUp("in May", taskId), judy);
        var watched = (await watcher.WaitAsync(TimeSpan.FromSeconds(20))).Select(e => e.Data).ToList();

        // The continuing stream's events after its task are the watcher's last events, one for one (not a polled summary).
        var own = continued.Skip(1).Select(e => e.GetRawText()).ToList();
        Assert.NotEmpty(own);
        Assert.Equal(own, watched.Skip(watched.Count - own.Count).Select(e => e.GetRawText()));
        Assert.Equal("TASK_STATE_COMPLETED", watched[^1].GetProperty("statusUpdate").GetProperty("status").GetProperty("state").GetString());
        // Between the waiting task and those: the turn starting (WORKING), which a store poll would have missed.
        Assert.Equal(own.Count + 2, watched.Count);
        Assert.Equal("TASK_STATE_WORKING", watched[1].GetProperty("statusUpdate").GetProperty("status").GetProperty("state").GetString());
    }

    [Fact]
    public async Task A_subscription_opened_on_an_interrupted_task_ends_when_the_task_is_canceled()
    {
        var ken = Caller("ken");
        var taskId = (await SendAsync("jsonrpc", Message("Braga"), ken)).Result.GetProperty("task").GetProperty("id").GetString()!;
        var watcher = Rest.StreamAsync(Client, HttpMethod.Get, $"/booking/tasks/{taskId}:subscribe", onEvent: async e =>
        {
            if (e.TryGetProperty("task", out _))
            {
                await Rpc.CallAsync(Client, "/booking", "CancelTask", $$"""{"id":"{{taskId}}"}""", ken);
            }
        }, headers: ken);

        // No turn runs: the cancellation reaches the stream from the store.
        var events = await watcher.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Equal("TASK_STATE_CANCELED", events[^1].Data.GetProperty("statusUpdate").GetProperty("status").GetProperty("state").GetString());
    }

    [Fact]
    public async Task A_subscription_waiting_for_the_next_turn_carries_keep_alive_comments()
    {
        await using var host = await TestHost.StartAsync(
            s => s.AddA2AAgent<BookingAgent>(o =>
            {
                o.SharedStorePollInterval = TimeSpan.FromMilliseconds(50);
                o.StreamKeepAliveInterval = TimeSpan.FromMilliseconds(100);
            }),
            app => app.MapA2AAgent<BookingAgent>("/booking"));
        var lena = Caller("lena");
        var taskId = (await Rpc.CallAsync(host.Client, "/booking", "SendMessage", Message("Leiria"), lena)).Result.GetProperty("task").GetProperty("id").GetString()!;
        using var request = Rpc.Post("/booking", Rpc.Request("SubscribeToTask", $$"""{"id":"{{taskId}}"}"""), headers: lena);
        using var response = await host.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());

        var keepAlives = 0;
        while (keepAlives < 2 && await reader.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(20)) is { } line)
        {
            keepAlives += line == ": keep-alive" ? 1 : 0;
        }

        Assert.Equal(2, keepAlives);
    }

    [Theory]
    [MemberData(nameof(Bindings))]
    public async Task History_length_limits_the_history_of_send_and_get(string binding)
    {
        var ivan = Caller("ivan");
        var first = (await SendAsync(binding, Message("Lagos", configuration: """{"historyLength":0}"""), ivan)).Result.GetProperty("task");
        Assert.False(first.TryGetProperty("history", out _));
        Assert.Equal("TASK_STATE_INPUT_REQUIRED", State(first));
        var taskId = first.GetProperty("id").GetString()!;

        var second = (await SendAsync(binding, FollowUp("Tuesday", taskId, configuration: """{"historyLength":1}"""), ivan)).Result.GetProperty("task");
        Assert.Equal("Tuesday", Text(second.GetProperty("history").EnumerateArray().Single()));

        Assert.Equal(3, (await GetAsync(binding, taskId, null, ivan)).Result.GetProperty("history").GetArrayLength());
        Assert.False((await GetAsync(binding, taskId, 0, ivan)).Result.TryGetProperty("history", out _));
        var two = (await GetAsync(binding, taskId, 2, ivan)).Result.GetProperty("history").EnumerateArray().ToArray();
        Assert.Equal(["Which date for Lagos?", "Tuesday"], two.Select(Text));
        Assert.Equal(3, (await GetAsync(binding, taskId, 50, ivan)).Result.GetProperty("history").GetArrayLength());
    }

    [Theory]
    [MemberData(nameof(Bindings))]
    public async Task A_context_id_is_generated_when_absent_and_kept_when_given(string binding)
    {
        var judy = Caller("judy");
        var generated = (await SendAsync(binding, Message("Aveiro"), judy)).Result.GetProperty("task");
        var contextId = generated.GetProperty("contextId").GetString()!;
        Assert.False(string.IsNullOrEmpty(contextId));
        Assert.Equal(contextId, generated.GetProperty("history")[0].GetProperty("contextId").GetString());

        // A new task in the same conversation: the client's contextId is accepted and kept, with a new task id.
        var same = (await SendAsync(binding, Message("Viseu", extra: $",\"contextId\":\"{contextId}\""), judy)).Result.GetProperty("task");
        Assert.Equal(contextId, same.GetProperty("contextId").GetString());
        Assert.NotEqual(generated.GetProperty("id").GetString(), same.GetProperty("id").GetString());

        var chosen = (await SendAsync(binding, Message("Leiria", extra: ",\"contextId\":\"trip-2027\""), judy)).Result.GetProperty("task");
        Assert.Equal("trip-2027", chosen.GetProperty("contextId").GetString());

        var invalid = await SendAsync(binding, Message("Beja", extra: ",\"contextId\":\"../etc\""), judy);
        Assert.True(invalid.IsError);
        Assert.EndsWith("message.contextId", invalid.Field, StringComparison.Ordinal);
    }

    private async Task<JsonElement> WaitForStateAsync(string binding, string taskId, string state, KeyValuePair<string, string>[] caller)
    {
        for (var i = 0; i < 400; i++)
        {
            var task = (await GetAsync(binding, taskId, null, caller)).Result;
            if (State(task) == state)
            {
                return task;
            }

            await Task.Delay(25);
        }

        throw new TimeoutException($"Task {taskId} never reached {state}.");
    }

    [Theory]
    [MemberData(nameof(Bindings))]
    public async Task A_follow_up_sent_again_answers_the_same_completed_task_instead_of_a_refusal(string binding)
    {
        var bob = Caller("bob");
        var taskId = (await SendAsync(binding, Message("Porto"), bob)).Result.GetProperty("task").GetProperty("id").GetString()!;
        var followUp = FollowUp("3 June", taskId);

        var first = await SendAsync(binding, followUp, bob);
        // A retry of the same follow-up (same messageId and content): idempotency answers the task it continued; without
        // it the finished task would refuse the message.
        var again = await SendAsync(binding, followUp, bob);

        Assert.Equal("TASK_STATE_COMPLETED", State(first.Result.GetProperty("task")));
        Assert.Equal(first.Result.GetProperty("task").GetProperty("artifacts").GetRawText(), again.Result.GetProperty("task").GetProperty("artifacts").GetRawText());
        Assert.Equal(taskId, again.Result.GetProperty("task").GetProperty("id").GetString());
    }

    private async Task<Answer> SendAsync(string binding, string send, KeyValuePair<string, string>[] caller)
    {
        if (binding == "jsonrpc")
        {
            return Answer.Of(await Rpc.CallAsync(Client, "/booking", "SendMessage", send, caller));
        }

        return Answer.Of(await Rest.PostAsync(Client, "/booking/message:send", send, caller));
    }

    private async Task<Answer> GetAsync(string binding, string taskId, int? historyLength, KeyValuePair<string, string>[] caller)
    {
        if (binding == "jsonrpc")
        {
            var parameters = historyLength is { } n ? $$"""{"id":"{{taskId}}","historyLength":{{n}}}""" : $$"""{"id":"{{taskId}}"}""";
            return Answer.Of(await Rpc.CallAsync(Client, "/booking", "GetTask", parameters, caller));
        }

        return Answer.Of(await Rest.GetAsync(Client, $"/booking/tasks/{taskId}" + (historyLength is { } l ? $"?historyLength={l}" : ""), caller));
    }

    private async Task<List<JsonElement>> StreamAsync(string binding, string send, KeyValuePair<string, string>[] caller)
    {
        if (binding == "jsonrpc")
        {
            return [.. (await Rpc.StreamAsync(Client, "/booking", "SendStreamingMessage", send, headers: caller)).Select(e => e.GetProperty("result"))];
        }

        return [.. (await Rest.StreamAsync(Client, HttpMethod.Post, "/booking/message:stream", send, headers: caller)).Select(e => e.Data)];
    }

    /// <summary>One binding's answer in a shape both share.</summary>
    private sealed record Answer(bool IsError, JsonElement Result, string? Reason, string? Field, int HttpStatus, int Code, string Message)
    {
        public static Answer Of(Reply reply) => reply.IsError
            ? new(true, default, reply.Reason, reply.Field, reply.Status, reply.ErrorCode, reply.ErrorMessage)
            : new(false, reply.Result, null, null, reply.Status, 0, "");

        public static Answer Of(RestReply reply) => reply.IsError
            ? new(true, default, reply.Reason, reply.Field, reply.Status, 0, reply.Error.GetProperty("message").GetString()!)
            : new(false, reply.Json, null, null, reply.Status, 0, "");
    }

    /// <summary>One host with <see cref="BookingAgent"/> at <c>/booking</c>.</summary>
    public sealed class BookingFixture : IAsyncLifetime
    {
        public TestHost Host { get; private set; } = null!;

        public async Task InitializeAsync() => Host = await TestHost.StartAsync(
            s => s.AddA2AAgent<BookingAgent>(o => o.SharedStorePollInterval = TimeSpan.FromMilliseconds(50)),
            app => app.MapA2AAgent<BookingAgent>("/booking"));

        public Task DisposeAsync() => Host.DisposeAsync().AsTask();
    }
}
