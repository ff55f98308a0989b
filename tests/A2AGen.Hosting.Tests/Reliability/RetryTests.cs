using System.Net;
using A2AGen.Client;
using A2AGen.Protocol;

namespace A2AGen.Hosting.Tests.Reliability;

/// <summary>
/// Client retries (issue 17 §2) against a real agent on Kestrel: transient answers are retried with backoff, each
/// attempt a new request signed afresh (new <c>jti</c>) carrying the same <c>messageId</c>, so the skill runs once;
/// security refusals and other 4xx are never retried; a 429's <c>Retry-After</c> is waited out on the client's clock.
/// </summary>
public sealed class RetryTests
{
    internal static readonly A2ARetryOptions Fast = new()
    {
        MaxAttempts = 4,
        BaseDelay = TimeSpan.FromMilliseconds(10),
        MaxDelay = TimeSpan.FromMilliseconds(50),
        TotalBudget = TimeSpan.FromSeconds(20),
    };

    internal static A2AClient ClientFor(HttpClient http, FlakyPeer peer, string binding, A2AClientOptions options) =>
        A2AClient.Create(http, new AgentInterface { Url = peer.Url.AbsoluteUri, ProtocolBinding = binding }, options);

    [Theory]
    [InlineData(AgentInterface.JsonRpcBinding, 503)]
    [InlineData(AgentInterface.HttpJsonBinding, 503)]
    [InlineData(AgentInterface.JsonRpcBinding, 502)]
    [InlineData(AgentInterface.HttpJsonBinding, 504)]
    public async Task A_peer_that_fails_twice_then_answers_runs_the_skill_once_every_attempt_signed_afresh_with_the_same_message_id(string binding, int status)
    {
        await using var peer = await FlakyPeer.StartAsync();
        peer.Failures = n => n <= 2 ? (status, null) : null;
        using var caller = new TestCaller("retrying-desk").TrustedBy(peer.Trust);
        using var http = A2ASigningHandler.CreateHttpClient(caller.Signer);
        var client = ClientFor(http, peer, binding, new A2AClientOptions { Retry = Fast });
        var message = Message.UserText("hello");

        var reply = await client.SendMessageAsync(message);

        Assert.Equal("hello #1", reply.Task!.Artifacts![0].Parts[0].Text);
        Assert.Equal(1, peer.Counter.Count);
        Assert.Equal(3, peer.Seen.Count);
        Assert.All(peer.Seen, s => Assert.Equal(message.MessageId, s.MessageId));
        Assert.All(peer.Seen, s => Assert.NotNull(s.Jti));
        Assert.Equal(3, peer.Seen.Select(s => s.Jti).Distinct().Count());
    }

    [Fact]
    public async Task Reads_are_retried_too_but_creating_a_push_configuration_is_not()
    {
        await using var peer = await FlakyPeer.StartAsync();
        using var http = new HttpClient();
        var client = ClientFor(http, peer, AgentInterface.JsonRpcBinding, new A2AClientOptions { Retry = Fast });
        var task = (await client.SendMessageAsync(Message.UserText("x"))).Task!;
        peer.Failures = n => n is 2 or 3 ? (503, null) : null;

        Assert.Equal(task.Id, (await client.GetTaskAsync(task.Id)).Id);
        Assert.Equal(4, peer.Seen.Count);

        peer.Failures = _ => (503, null);
        var error = await Assert.ThrowsAsync<A2AClientException>(() => client.CreateTaskPushNotificationConfigAsync(new TaskPushNotificationConfig { TaskId = task.Id, Url = "https://hooks.example.com/" }));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, error.StatusCode);
        Assert.Equal(5, peer.Seen.Count);
    }

    [Fact]
    public async Task A_signature_the_agent_refuses_is_not_retried_nor_dead_lettered()
    {
        await using var peer = await FlakyPeer.StartAsync();
        using var stranger = new TestCaller("stranger");
        using var http = A2ASigningHandler.CreateHttpClient(stranger.Signer);
        var queue = new FileDeadLetterQueue(TempDirectory());
        var client = ClientFor(http, peer, AgentInterface.JsonRpcBinding, new A2AClientOptions { Retry = Fast, DeadLetters = queue });

        var error = await Assert.ThrowsAsync<A2AClientException>(() => client.SendMessageAsync(Message.UserText("x")));

        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
        Assert.Single(peer.Seen);
        Assert.Single(error.Attempts);
        Assert.Null(error.DeadLetterId);
        Assert.Empty(await queue.ListAsync());
        Assert.Equal(0, peer.Counter.Count);
    }

    [Theory]
    [InlineData(AgentInterface.JsonRpcBinding, 403)]
    [InlineData(AgentInterface.HttpJsonBinding, 403)]
    [InlineData(AgentInterface.JsonRpcBinding, 400)]
    [InlineData(AgentInterface.HttpJsonBinding, 404)]
    [InlineData(AgentInterface.JsonRpcBinding, 500)]
    public async Task Other_refusals_and_errors_are_not_retried(string binding, int status)
    {
        await using var peer = await FlakyPeer.StartAsync();
        peer.Failures = _ => (status, null);
        using var http = new HttpClient();
        var client = ClientFor(http, peer, binding, new A2AClientOptions { Retry = Fast });

        var error = await Assert.ThrowsAsync<A2AClientException>(() => client.SendMessageAsync(Message.UserText("x")));

        Assert.Equal((HttpStatusCode)status, error.StatusCode);
        Assert.Single(peer.Seen);
    }

    [Fact]
    public async Task A_429_is_retried_after_its_Retry_After_not_sooner_on_the_client_clock()
    {
        await using var peer = await FlakyPeer.StartAsync();
        peer.Failures = n => n == 1 ? (429, "5") : null;
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero));
        using var http = new HttpClient();
        var client = ClientFor(http, peer, AgentInterface.JsonRpcBinding, new A2AClientOptions
        {
            Retry = new A2ARetryOptions { BaseDelay = TimeSpan.FromMilliseconds(100), MaxDelay = TimeSpan.FromMilliseconds(200), TotalBudget = TimeSpan.FromSeconds(60), TimeProvider = clock },
        });

        var call = client.SendMessageAsync(Message.UserText("later"));
        await WaitUntilAsync(() => peer.Seen.Count == 1);
        // Let the client read the 429 and start its wait on the fake clock.
        await Task.Delay(300);
        clock.Advance(TimeSpan.FromSeconds(4));
        await Task.Delay(300);
        Assert.Single(peer.Seen);
        Assert.False(call.IsCompleted);

        clock.Advance(TimeSpan.FromSeconds(1.5));
        var reply = await call.WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal(2, peer.Seen.Count);
        Assert.Equal("later #1", reply.Task!.Artifacts![0].Parts[0].Text);
    }

    [Fact]
    public async Task Retries_can_be_turned_off()
    {
        await using var peer = await FlakyPeer.StartAsync();
        peer.Failures = n => n == 1 ? (503, null) : null;
        using var http = new HttpClient();
        var client = ClientFor(http, peer, AgentInterface.JsonRpcBinding, new A2AClientOptions { Retry = A2ARetryOptions.Disabled });

        var error = await Assert.ThrowsAsync<A2AClientException>(() => client.SendMessageAsync(Message.UserText("x")));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, error.StatusCode);
        Assert.Single(peer.Seen);
    }

    internal static string TempDirectory() => Path.Combine(Path.GetTempPath(), "a2agen-dlq-tests", Guid.NewGuid().ToString("N"));

    internal static async Task WaitUntilAsync(Func<bool> condition, int seconds = 20)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(seconds), "Timed out waiting for the condition.");
            await Task.Delay(20);
        }
    }
}
