using System.Text.Json;
using A2AGen.Hosting.Idempotency;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace A2AGen.Hosting.Tests;

/// <summary>
/// A message sent again (DESIGN §13, issue 17 item 1): remembered by (verified caller, messageId) after authentication;
/// a retry with a fresh signature answers the original task and the skill runs once; another body under the same id is
/// refused; another caller's same id is another message.
/// </summary>
public sealed class IdempotencyTests
{
    private static string Send(string messageId, string text, string? skill = null) =>
        "{\"message\":{\"messageId\":\"" + messageId + "\",\"role\":\"ROLE_USER\",\"parts\":[{\"text\":" + JsonSerializer.Serialize(text) + "}]"
        + (skill is null ? "" : ",\"metadata\":{\"urn:a2agen:skill\":\"" + skill + "\"}") + "}}";

    private static async Task<(TestHost Host, ExecutionCounter Counter)> StartAsync(Action<A2AAgentOptions>? options = null)
    {
        var counter = new ExecutionCounter();
        var host = await TestHost.StartAsync(
            s => s.AddSingleton(counter).AddA2AAgent<CountingAgent>(o => options?.Invoke(o)),
            app => app.MapA2AAgent<CountingAgent>("/count"));
        return (host, counter);
    }

    [Fact]
    public async Task A_retry_with_a_fresh_signature_answers_the_original_task_and_the_skill_runs_once()
    {
        var (host, counter) = await StartAsync();
        await using var _ = host;
        using var caller = new TestCaller("retrying-desk").TrustedBy(host.Services.GetRequiredService<A2AKeyRing>().TrustStore);
        var url = new Uri(host.BaseAddress, "/count");
        var body = Rpc.Request("SendMessage", Send("m-1", "hello"));

        var first = await Rpc.SendAsync(host.Client, "/count", body, headers: [Rpc.Header("A2A-Signature", caller.Sign(url, body))]);
        var retry = await Rpc.SendAsync(host.Client, "/count", body, headers: [Rpc.Header("A2A-Signature", caller.Sign(url, body))]);

        Assert.False(first.IsError, first.Raw);
        Assert.False(retry.IsError, retry.Raw);
        Assert.Equal(1, counter.Count);
        var task = first.Result.GetProperty("task");
        Assert.Equal(task.GetProperty("id").GetString(), retry.Result.GetProperty("task").GetProperty("id").GetString());
        Assert.Equal("hello #1", retry.Result.GetProperty("task").GetProperty("artifacts")[0].GetProperty("parts")[0].GetProperty("text").GetString());
    }

    [Fact]
    public async Task The_same_message_over_the_other_binding_is_the_same_message()
    {
        var (host, counter) = await StartAsync();
        await using var _ = host;
        var send = Send("m-both", "hi");

        var rpc = await Rpc.CallAsync(host.Client, "/count", "SendMessage", send);
        var rest = await Rest.PostAsync(host.Client, "/count/message:send", send);

        Assert.Equal(1, counter.Count);
        Assert.Equal(rpc.Result.GetProperty("task").GetProperty("id").GetString(), rest.Json.GetProperty("task").GetProperty("id").GetString());
    }

    [Fact]
    public async Task Another_body_under_a_remembered_message_id_is_refused_with_a_reason_on_both_bindings()
    {
        var (host, counter) = await StartAsync();
        await using var _ = host;
        await Rpc.CallAsync(host.Client, "/count", "SendMessage", Send("m-2", "original"));

        var rpc = await Rpc.CallAsync(host.Client, "/count", "SendMessage", Send("m-2", "changed"));
        var rest = await Rest.PostAsync(host.Client, "/count/message:send", Send("m-2", "changed"));

        Assert.Equal(-32602, rpc.ErrorCode);
        Assert.Equal("IDEMPOTENCY_KEY_REUSED", rpc.Reason);
        Assert.Equal("params.message.messageId", rpc.Field);
        Assert.Equal(400, rest.Status);
        Assert.Equal("IDEMPOTENCY_KEY_REUSED", rest.Reason);
        Assert.Equal(1, counter.Count);
    }

    [Fact]
    public async Task The_same_message_id_from_another_caller_is_another_message()
    {
        var (host, counter) = await StartAsync();
        await using var _ = host;
        var send = Send("m-3", "x");

        var anonymous = await Rpc.CallAsync(host.Client, "/count", "SendMessage", send);
        var alice = await Rpc.CallAsync(host.Client, "/count", "SendMessage", send, [Rpc.Header(TestHost.UserHeader, "alice")]);
        var bob = await Rpc.CallAsync(host.Client, "/count", "SendMessage", send, [Rpc.Header(TestHost.UserHeader, "bob")]);
        var aliceAgain = await Rpc.CallAsync(host.Client, "/count", "SendMessage", send, [Rpc.Header(TestHost.UserHeader, "alice")]);

        Assert.Equal(3, counter.Count);
        string Id(Reply r) => r.Result.GetProperty("task").GetProperty("id").GetString()!;
        Assert.Equal(3, new[] { Id(anonymous), Id(alice), Id(bob) }.Distinct().Count());
        Assert.Equal(Id(alice), Id(aliceAgain));
    }

    [Fact]
    public async Task Concurrent_duplicates_run_the_skill_once_and_all_get_its_task()
    {
        var (host, counter) = await StartAsync();
        await using var _ = host;
        var send = Send("m-4", "together", "held");

        var calls = Enumerable.Range(0, 8).Select(_ => Rpc.CallAsync(host.Client, "/count", "SendMessage", send)).ToArray();
        // The first execution holds until every duplicate has arrived and is waiting for it.
        while (counter.Count == 0)
        {
            await Task.Delay(10);
        }

        await Task.Delay(200);
        counter.Gate.SetResult();
        var replies = await Task.WhenAll(calls);

        Assert.Equal(1, counter.Count);
        Assert.All(replies, r => Assert.False(r.IsError, r.Raw));
        Assert.Single(replies.Select(r => r.Result.GetProperty("task").GetProperty("id").GetString()).Distinct());
        Assert.All(replies, r => Assert.Equal("TASK_STATE_COMPLETED", r.Result.GetProperty("task").GetProperty("status").GetProperty("state").GetString()));
    }

    [Fact]
    public async Task A_direct_reply_is_answered_again_as_it_was()
    {
        var (host, counter) = await StartAsync();
        await using var _ = host;
        var send = Send("m-5", "hey", "reply");

        var first = await Rpc.CallAsync(host.Client, "/count", "SendMessage", send);
        var again = await Rpc.CallAsync(host.Client, "/count", "SendMessage", send);

        Assert.Equal(1, counter.Count);
        Assert.Equal(first.Result.GetProperty("message").GetRawText(), again.Result.GetProperty("message").GetRawText());
    }

    [Fact]
    public async Task A_repeated_stream_gets_the_outcome_as_one_event()
    {
        var (host, counter) = await StartAsync();
        await using var _ = host;
        var send = Send("m-6", "streamed");

        var first = await Rpc.StreamAsync(host.Client, "/count", "SendStreamingMessage", send);
        var again = await Rpc.StreamAsync(host.Client, "/count", "SendStreamingMessage", send);

        Assert.Equal(1, counter.Count);
        Assert.True(first.Count > 1);
        var task = Assert.Single(again).GetProperty("result").GetProperty("task");
        Assert.Equal("TASK_STATE_COMPLETED", task.GetProperty("status").GetProperty("state").GetString());
        Assert.Equal(first[0].GetProperty("result").GetProperty("task").GetProperty("id").GetString(), task.GetProperty("id").GetString());
    }

    [Fact]
    public async Task A_failed_first_attempt_is_forgotten_so_a_retry_runs_again()
    {
        var (host, counter) = await StartAsync();
        await using var _ = host;
        var send = Send("m-7", "x", "fail");

        var first = await Rpc.CallAsync(host.Client, "/count", "SendMessage", send);
        var retry = await Rpc.CallAsync(host.Client, "/count", "SendMessage", send);

        Assert.Equal(-32603, first.ErrorCode);
        Assert.Equal(-32603, retry.ErrorCode);
        Assert.Equal(2, counter.Count);
    }

    [Fact]
    public async Task A_zero_window_turns_it_off()
    {
        var (host, counter) = await StartAsync(o => o.IdempotencyWindow = TimeSpan.Zero);
        await using var _ = host;
        var send = Send("m-8", "x");

        await Rpc.CallAsync(host.Client, "/count", "SendMessage", send);
        await Rpc.CallAsync(host.Client, "/count", "SendMessage", send);

        Assert.Equal(2, counter.Count);
    }

    [Fact]
    public async Task The_store_claims_once_completes_and_forgets_after_the_window()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero));
        var store = new InMemoryIdempotencyStore(clock);
        var key = new IdempotencyKey("a", "agent:b", "m");

        Assert.Null(await store.TryClaimAsync(key, "h1", TimeSpan.FromMinutes(1), default));
        var pending = await store.TryClaimAsync(key, "h1", TimeSpan.FromMinutes(1), default);
        Assert.False(pending!.IsComplete);
        await store.CompleteAsync(key, new IdempotencyEntry { RequestHash = "h1", TaskId = "t" }, TimeSpan.FromMinutes(1), default);
        Assert.Equal("t", (await store.TryClaimAsync(key, "h2", TimeSpan.FromMinutes(1), default))!.TaskId);
        Assert.Null(await store.TryClaimAsync(key with { CallerId = null }, "h1", TimeSpan.FromMinutes(1), default));

        clock.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(1));
        Assert.Null(await store.GetAsync(key, default));
        Assert.Null(await store.TryClaimAsync(key, "h2", TimeSpan.FromMinutes(1), default));
    }

    [Fact]
    public async Task A_full_store_forgets_the_oldest_claims_first()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero));
        var store = new InMemoryIdempotencyStore(clock, capacity: 100);
        for (var i = 0; i < 100; i++)
        {
            await store.TryClaimAsync(new IdempotencyKey("a", null, "old-" + i), "h", TimeSpan.FromMinutes(i < 50 ? 1 : 60), default);
            clock.Advance(TimeSpan.FromMilliseconds(10));
        }

        clock.Advance(TimeSpan.FromMinutes(2));
        await store.TryClaimAsync(new IdempotencyKey("a", null, "new"), "h", TimeSpan.FromMinutes(60), default);

        Assert.Equal(90, store.Count);
        Assert.NotNull(await store.GetAsync(new IdempotencyKey("a", null, "old-99"), default));
        Assert.Null(await store.GetAsync(new IdempotencyKey("a", null, "old-0"), default));
    }
}
