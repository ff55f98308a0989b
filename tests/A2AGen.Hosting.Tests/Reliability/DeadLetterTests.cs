using System.Text;
using A2AGen.Client;
using A2AGen.Protocol;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace A2AGen.Hosting.Tests.Reliability;

/// <summary>
/// The peer is offline (issue 17, "must withstand"): the client retries, gives up, saves the message as a dead letter
/// (one owner-only file, no secrets), and once the peer is up the message is redelivered — through the API or the
/// background service — and runs exactly once, even when delivered again.
/// </summary>
public sealed class DeadLetterTests
{
    private const string BearerSecret = "bearer-secret-that-must-not-be-stored";

    [Fact]
    public async Task An_offline_peer_gets_the_message_from_the_dead_letter_queue_once_it_is_up_and_runs_it_once()
    {
        var port = FlakyPeer.FreePort();
        var directory = RetryTests.TempDirectory();
        var queue = new FileDeadLetterQueue(directory);
        using var caller = new TestCaller("offline-desk");
        using var http = A2ASigningHandler.CreateHttpClient(caller.Signer);
        var options = new A2AClientOptions { Retry = RetryTests.Fast, DeadLetters = queue, BearerToken = (_, _) => ValueTask.FromResult<string?>(BearerSecret) };
        var client = A2AClient.Create(http, new AgentInterface { Url = $"http://127.0.0.1:{port}/count" }, options);
        var message = Message.UserText("while you were out");

        var error = await Assert.ThrowsAsync<A2AClientException>(() => client.SendMessageAsync(message));

        Assert.Equal("AGENT_UNREACHABLE", error.Reason);
        Assert.Equal(4, error.Attempts.Count);
        Assert.NotNull(error.DeadLetterId);
        var file = Path.Combine(directory, error.DeadLetterId + ".json");
        Assert.Equal([file], Directory.GetFiles(directory));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(directory));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        }

        var stored = await File.ReadAllTextAsync(file);
        Assert.Contains(message.MessageId, stored, StringComparison.Ordinal);
        Assert.DoesNotContain(BearerSecret, stored, StringComparison.Ordinal);
        Assert.DoesNotContain("A2A-Signature", stored, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("eyJ", stored, StringComparison.Ordinal);
        var letter = (await queue.GetAsync(error.DeadLetterId!))!;
        Assert.Equal(message.MessageId, letter.MessageId);
        Assert.Equal(4, letter.Attempts.Count);
        Assert.Equal("AGENT_UNREACHABLE", letter.LastReason);
        Assert.Equal(AgentInterface.JsonRpcBinding, letter.ProtocolBinding);

        // Still offline: the redelivery fails, the entry stays with the new attempts.
        var redelivery = DeadLetterRedelivery.Create(queue, http, options);
        Assert.Equal(DeadLetterRetryOutcome.Failed, (await redelivery.RetryAsync(letter.Id)).Outcome);
        Assert.Equal(8, (await queue.GetAsync(letter.Id))!.Attempts.Count);

        await using var peer = await FlakyPeer.StartAsync(port);
        caller.TrustedBy(peer.Trust);
        var result = await redelivery.RetryAsync(letter.Id);

        Assert.Equal(DeadLetterRetryOutcome.Delivered, result.Outcome);
        Assert.Equal("while you were out #1", result.Response!.Task!.Artifacts![0].Parts[0].Text);
        Assert.Empty(await queue.ListAsync());
        Assert.Empty(Directory.GetFiles(directory));
        Assert.Equal(DeadLetterRetryOutcome.NotFound, (await redelivery.RetryAsync(letter.Id)).Outcome);

        // The answer was lost on the way back and the entry is sent again: the agent answers the same task, runs nothing.
        await queue.SaveAsync(letter);
        var again = await redelivery.RetryAsync(letter.Id);
        Assert.Equal(DeadLetterRetryOutcome.Delivered, again.Outcome);
        Assert.Equal(result.Response.Task.Id, again.Response!.Task!.Id);
        Assert.Equal(1, peer.Counter.Count);
        Assert.All(peer.Seen, s => Assert.Equal(message.MessageId, s.MessageId));
        Assert.Equal(peer.Seen.Count, peer.Seen.Select(s => s.Jti).Distinct().Count());
    }

    [Fact]
    public async Task The_background_service_redelivers_when_the_peer_comes_back_and_removes_the_entry()
    {
        var port = FlakyPeer.FreePort();
        var queue = new FileDeadLetterQueue(RetryTests.TempDirectory());
        using var caller = new TestCaller("background-desk");
        using var http = A2ASigningHandler.CreateHttpClient(caller.Signer);
        var options = new A2AClientOptions { Retry = RetryTests.Fast, DeadLetters = queue };
        var client = A2AClient.Create(http, new AgentInterface { Url = $"http://127.0.0.1:{port}/count", ProtocolBinding = AgentInterface.HttpJsonBinding }, options);
        var error = await Assert.ThrowsAsync<A2AClientException>(() => client.SendMessageAsync(Message.UserText("queued")));
        Assert.NotNull(error.DeadLetterId);

        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddSingleton<IDeadLetterQueue>(queue);
        builder.Services.AddA2ADeadLetterRedelivery(sp => DeadLetterRedelivery.Create(sp.GetRequiredService<IDeadLetterQueue>(), http, options), TimeSpan.FromMilliseconds(100));
        using var sender = builder.Build();
        await sender.StartAsync();
        try
        {
            // Rounds while the peer is down leave the entry where it is.
            await Task.Delay(400);
            Assert.Single(await queue.ListAsync());

            await using var peer = await FlakyPeer.StartAsync(port);
            caller.TrustedBy(peer.Trust);
            await RetryTests.WaitUntilAsync(() => queue.ListAsync().AsTask().Result.Count == 0);

            Assert.Equal(1, peer.Counter.Count);
            await Task.Delay(300);
            Assert.Equal(1, peer.Counter.Count);
        }
        finally
        {
            await sender.StopAsync();
        }
    }

    [Fact]
    public async Task A_spent_budget_is_dead_lettered_with_its_reason()
    {
        await using var peer = await FlakyPeer.StartAsync();
        // Retry-After asks for more than the budget has left: the client stops waiting when the budget is spent.
        peer.Failures = _ => (503, "30");
        var queue = new FileDeadLetterQueue(RetryTests.TempDirectory());
        using var http = new HttpClient();
        var client = RetryTests.ClientFor(http, peer, AgentInterface.JsonRpcBinding, new A2AClientOptions
        {
            Retry = RetryTests.Fast with { TotalBudget = TimeSpan.FromSeconds(3) },
            DeadLetters = queue,
        });

        var error = await Assert.ThrowsAsync<A2AClientException>(() => client.SendMessageAsync(Message.UserText("x")));

        Assert.Equal("RETRY_BUDGET_EXHAUSTED", error.Reason);
        Assert.Single(peer.Seen);
        var letter = Assert.Single(await queue.ListAsync());
        Assert.Equal(error.DeadLetterId, letter.Id);
        Assert.Equal("RETRY_BUDGET_EXHAUSTED", letter.LastReason);
        Assert.True(letter.Attempts.Count > 0 && letter.Attempts[0].StatusCode == 503, System.Text.Encoding.UTF8.GetString(DeadLetterJson.Serialize(letter)));
    }

    [Fact]
    public async Task The_file_queue_refuses_ids_that_are_not_entry_ids_and_explains_a_damaged_entry()
    {
        var directory = RetryTests.TempDirectory();
        var queue = new FileDeadLetterQueue(directory);

        await Assert.ThrowsAsync<ArgumentException>(() => queue.GetAsync("../../etc/passwd").AsTask());
        await Assert.ThrowsAsync<ArgumentException>(() => queue.RemoveAsync("ABC").AsTask());
        Assert.Null(await queue.GetAsync(DeadLetter.NewId()));

        Directory.CreateDirectory(directory);
        var id = DeadLetter.NewId();
        await File.WriteAllTextAsync(Path.Combine(directory, id + ".json"), "{\"version\":1,\"id\":\"" + id + "\"");
        var damaged = await Assert.ThrowsAsync<InvalidDataException>(() => queue.GetAsync(id).AsTask());
        Assert.Contains(id, damaged.Message, StringComparison.Ordinal);
        Assert.Empty(await queue.ListAsync());
    }

    [Fact]
    public async Task A_dead_letter_survives_the_round_trip_through_its_stored_form()
    {
        var letter = new DeadLetter
        {
            Id = DeadLetter.NewId(),
            CreatedAt = new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.Zero),
            Endpoint = new Uri("https://agent.example.com/a2a"),
            ProtocolBinding = AgentInterface.HttpJsonBinding,
            Tenant = "t1",
            AgentCardUrl = new Uri("https://agent.example.com/.well-known/agent-card.json"),
            AgentId = "currency",
            Extensions = "urn:x:a, urn:x:b",
            Request = new SendMessageRequest { Message = Message.UserText("ü ✓") },
            Attempts = [new DeliveryAttempt(new DateTimeOffset(2026, 12, 1, 9, 59, 0, TimeSpan.Zero), "HTTP 503", 503)],
            LastFailure = "gone",
            LastReason = "AGENT_UNREACHABLE",
        };

        var read = DeadLetterJson.Deserialize(DeadLetterJson.Serialize(letter));

        Assert.Equal(letter with { Request = read.Request, Attempts = read.Attempts }, read);
        Assert.Equal(letter.Attempts, read.Attempts);
        Assert.Equal(letter.MessageId, read.MessageId);
        Assert.Equal("ü ✓", read.Request.Message!.Parts[0].Text);
        Assert.Contains("\"version\": 1", Encoding.UTF8.GetString(DeadLetterJson.Serialize(letter)), StringComparison.Ordinal);
    }
}
