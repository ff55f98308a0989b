using A2AGen.Cli.Tests.Infrastructure;
using A2AGen.Client;
using A2AGen.Protocol;

namespace A2AGen.Cli.Tests;

/// <summary>
/// <c>a2agen dlq list|show|retry|purge</c> over a real file queue: entries written by a real <see cref="A2AClient"/> that
/// gave up on an offline agent, and redelivered by the tool to the real agent on Kestrel, signed with the caller's key.
/// </summary>
public sealed class DlqTests(AgentHost host) : IClassFixture<AgentHost>, IDisposable
{
    private readonly TempDirectory _temp = new();

    private string Dir => _temp["dead-letters"];

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task List_and_show_describe_what_a_client_gave_up_on_and_say_so_in_json()
    {
        var (id, message) = await GiveUpOnAsync();

        var list = await Tool.RunAsync("dlq", "list", "--dir", Dir);
        Assert.Equal(0, list.ExitCode);
        Assert.Contains("1 dead letter in", list.Output);
        Assert.Contains(id, list.Output);
        Assert.Contains("2 attempts, last: AGENT_UNREACHABLE", list.Output);

        var listJson = (await Tool.RunAsync("dlq", "list", "--dir", Dir, "--json")).Json;
        var entry = Assert.Single(listJson.GetProperty("letters").EnumerateArray());
        Assert.Equal(id, entry.GetProperty("id").GetString());
        Assert.Equal(message.MessageId, entry.GetProperty("messageId").GetString());

        var show = await Tool.RunAsync("dlq", "show", id, "--dir", Dir);
        Assert.Equal(0, show.ExitCode);
        Assert.Contains($"messageId    {message.MessageId}", show.Output);
        Assert.Contains("connection failed", show.Output);
        Assert.Contains("\"text\": \"acct-7\"", show.Output);

        var showJson = (await Tool.RunAsync("dlq", "show", id, "--dir", Dir, "--json")).Json;
        Assert.Equal(message.MessageId, showJson.GetProperty("request").GetProperty("message").GetProperty("messageId").GetString());
        Assert.Equal(2, showJson.GetProperty("attempts").GetArrayLength());
    }

    [Fact]
    public async Task Retry_redelivers_signed_as_the_caller_and_deletes_what_was_delivered()
    {
        var id = await SaveForAgentAsync("acct-1");

        var run = await Tool.RunAsync("dlq", "retry", id, "--dir", Dir, "--key", Path.Combine(host.CallerKeys, "signing.key.pem"), "--agent-id", AgentHost.CallerId, "--json");

        Assert.Equal(0, run.ExitCode);
        var result = Assert.Single(run.Json.GetProperty("results").EnumerateArray());
        Assert.Equal("delivered", result.GetProperty("outcome").GetString());
        Assert.Equal(1, run.Json.GetProperty("delivered").GetInt32());
        Assert.Empty(Directory.GetFiles(Dir));
        Assert.Equal(1, (await Tool.RunAsync("dlq", "show", id, "--dir", Dir)).ExitCode);
    }

    [Fact]
    public async Task Retry_all_keeps_what_the_agent_refused_and_exits_1()
    {
        var good = await SaveForAgentAsync("acct-2");
        var refused = await SaveForAgentAsync("acct-3");
        using var stranger = A2AGen.Security.SigningKey.Create(A2AGen.Security.SigningAlgorithm.Ed25519, new A2AGen.Security.SigningKeyOptions { ExportPolicy = A2AGen.Security.SigningKeyExportPolicies.AllowPlaintextArchiving });
        // The first goes out signed by the caller the agent trusts; the other is then signed by a key it does not trust.
        Assert.Equal(0, (await Tool.RunAsync("dlq", "retry", good, "--dir", Dir, "--key", Path.Combine(host.CallerKeys, "signing.key.pem"), "--agent-id", AgentHost.CallerId)).ExitCode);
        var strangerKey = _temp["stranger.key.pem"];
        await File.WriteAllTextAsync(strangerKey, stranger.ExportPem());

        var run = await Tool.RunAsync("dlq", "retry", "--all", "--dir", Dir, "--key", strangerKey, "--agent-id", "stranger");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"{refused}  failed:", run.Output);
        Assert.Contains("Delivered 0 of 1.", run.Output);
        Assert.Contains("could not be delivered", run.Error);
        var kept = await new FileDeadLetterQueue(Dir).GetAsync(refused);
        Assert.Equal(2, kept!.Attempts.Count);
        Assert.NotNull(kept.LastFailure);
    }

    [Fact]
    public async Task Purge_deletes_one_or_all_and_bad_command_lines_are_usage_errors()
    {
        var first = await SaveForAgentAsync("a");
        await SaveForAgentAsync("b");
        await SaveForAgentAsync("c");

        Assert.Equal(0, (await Tool.RunAsync("dlq", "purge", first, "--dir", Dir)).ExitCode);
        Assert.Equal(2, Directory.GetFiles(Dir).Length);
        var missing = await Tool.RunAsync("dlq", "purge", first, "--dir", Dir, "--json");
        Assert.Equal(1, missing.ExitCode);
        Assert.Equal("DEAD_LETTER_NOT_FOUND", missing.Json.GetProperty("error").GetProperty("code").GetString());

        var all = await Tool.RunAsync("dlq", "purge", "--all", "--dir", Dir, "--json");
        Assert.Equal(0, all.ExitCode);
        Assert.Equal(2, all.Json.GetProperty("removed").GetArrayLength());
        Assert.Contains("No dead letters", (await Tool.RunAsync("dlq", "list", "--dir", Dir)).Output);

        Assert.Equal(2, (await Tool.RunAsync("dlq", "purge", "--dir", Dir)).ExitCode);
        Assert.Equal(2, (await Tool.RunAsync("dlq", "purge", first, "--all", "--dir", Dir)).ExitCode);
        Assert.Equal(2, (await Tool.RunAsync("dlq", "show", "../../etc/passwd", "--dir", Dir)).ExitCode);
        Assert.Equal(2, (await Tool.RunAsync("dlq", "retry", first, "--key", "k.pem", "--dir", Dir)).ExitCode);
    }

    [Fact]
    public async Task The_directory_comes_from_the_environment_when_not_given()
    {
        await SaveForAgentAsync("env");

        var run = await Tool.RunAsync(["dlq", "list", "--json"], new Dictionary<string, string> { [FileDeadLetterQueue.DirectoryVariable] = Dir });

        Assert.Equal(Path.GetFullPath(Dir), run.Json.GetProperty("directory").GetString());
        Assert.Single(run.Json.GetProperty("letters").EnumerateArray());
    }

    // A real client sends to a port nothing listens on, retries once, and saves the message.
    private async Task<(string Id, Message Message)> GiveUpOnAsync()
    {
        using var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        probe.Start();
        var port = ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        using var http = new HttpClient();
        var client = A2AClient.Create(http, new AgentInterface { Url = $"http://127.0.0.1:{port}/agents/ledger" }, new A2AClientOptions
        {
            Retry = new A2ARetryOptions { MaxAttempts = 2, BaseDelay = TimeSpan.FromMilliseconds(10), MaxDelay = TimeSpan.FromMilliseconds(10) },
            DeadLetters = new FileDeadLetterQueue(Dir),
        });
        var message = Message.UserText("acct-7");
        var error = await Assert.ThrowsAsync<A2AClientException>(() => client.SendMessageAsync(message));
        return (error.DeadLetterId!, message);
    }

    private async Task<string> SaveForAgentAsync(string text)
    {
        var letter = new DeadLetter
        {
            Id = DeadLetter.NewId(),
            CreatedAt = new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.Zero),
            Endpoint = host.AgentUrl,
            ProtocolBinding = AgentInterface.JsonRpcBinding,
            AgentId = AgentHost.AgentId,
            Request = new SendMessageRequest { Message = Message.UserText(text) },
            Attempts = [new DeliveryAttempt(new DateTimeOffset(2026, 12, 1, 9, 59, 0, TimeSpan.Zero), "connection failed: refused")],
            LastReason = "AGENT_UNREACHABLE",
        };
        await new FileDeadLetterQueue(Dir).SaveAsync(letter);
        return letter.Id;
    }
}
