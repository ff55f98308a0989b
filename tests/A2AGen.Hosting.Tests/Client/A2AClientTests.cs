using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text;
using A2AGen.Client;
using A2AGen.Protocol;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace A2AGen.Hosting.Tests.Client;

/// <summary><see cref="A2AClient"/> against our own hosting (Kestrel on loopback).</summary>
public sealed class A2AClientTests : IAsyncLifetime
{
    private readonly ConcurrentQueue<(string Path, string? TraceParent, int TraceParentCount, string? Extensions)> _seen = new();
    private TestHost _host = null!;

    public async Task InitializeAsync() => _host = await TestHost.StartAsync(
        s =>
        {
            s.AddSingleton<SkillProbe>();
            s.AddA2AAgent<ToolboxAgent>(o => o.Json.TypeInfoResolverChain.Insert(0, ToolboxJsonContext.Default));
        },
        app =>
        {
            app.Use((context, next) =>
            {
                var trace = context.Request.Headers["traceparent"];
                _seen.Enqueue((context.Request.Path, trace.FirstOrDefault(), trace.Count, context.Request.Headers["A2A-Extensions"].FirstOrDefault()));
                return next(context);
            });
            app.MapA2AAgent<ToolboxAgent>("/agents/toolbox");
            app.MapPost("/broken/wrong-id", () => Results.Text("""{"jsonrpc":"2.0","id":999,"result":{}}""", "application/json"));
            app.MapPost("/broken/html", () => Results.Text("<html>oops</html>", "text/html", statusCode: 502));
            app.MapPost("/broken/huge", () => Results.Text("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"pad\":\"" + new string('x', 5000) + "\"}}", "application/json"));
        });

    public Task DisposeAsync() => _host.DisposeAsync().AsTask();

    private Uri AgentUrl => new(_host.BaseAddress, "/agents/toolbox");

    /// <summary>The host's trust store: it holds the toolbox agent's (development) key, so its signed card verifies.</summary>
    private A2AClientOptions Trusting => new() { CardTrust = _host.Services.GetRequiredService<A2AKeyRing>().TrustStore, ExpectedAgentId = "toolbox" };

    private static Message Text(string text, string? skill = null) => Message.UserText(text) with
    {
        Metadata = skill is null ? null : new Dictionary<string, System.Text.Json.JsonElement> { ["urn:a2agen:skill"] = System.Text.Json.JsonSerializer.SerializeToElement(skill, TestJson.Default.String) },
    };

    [Fact]
    public async Task ConnectAsync_resolves_the_card_and_its_json_rpc_endpoint()
    {
        var client = await A2AClient.ConnectAsync(_host.Client, AgentUrl, Trusting);
        Assert.Equal(AgentUrl, client.Endpoint);
        Assert.Equal(A2AGen.Security.AgentCardVerificationStatus.Verified, client.Card!.Verification!.Status);
        Assert.Equal("toolbox", client.Card.Verification.Key!.AgentId);
        Assert.Equal("Toolbox", client.Card!.Card.Name);
        Assert.Equal(new Uri(_host.BaseAddress, "/agents/toolbox/.well-known/agent-card.json"), client.Card.Url);
        Assert.False(client.Card.Json.IsEmpty);
        Assert.NotNull(client.Card.ETag);
        Assert.Contains(_seen, s => s.Path == "/agents/toolbox/.well-known/agent-card.json");
    }

    [Fact]
    public async Task The_card_is_revalidated_with_its_etag()
    {
        var resolver = new AgentCardResolver(_host.Client, new AgentCardTrustVerifier(Trusting.CardTrust, "toolbox"));
        var first = await resolver.ResolveAsync(AgentUrl);
        var second = await resolver.ResolveAsync(AgentUrl);
        Assert.Same(first, second);
    }

    [Fact]
    public async Task A_card_verifier_can_refuse_the_card()
    {
        var options = new A2AClientOptions { CardVerifier = new RefusingVerifier() };
        var error = await Assert.ThrowsAsync<A2AClientException>(() => A2AClient.ConnectAsync(_host.Client, AgentUrl, options));
        Assert.Equal("CARD_SIGNATURE_INVALID", error.Reason);
    }

    [Fact]
    public async Task A_missing_card_is_a_clear_error()
    {
        var error = await Assert.ThrowsAsync<A2AClientException>(() => A2AClient.ConnectAsync(_host.Client, new Uri(_host.BaseAddress, "/nowhere"), Trusting));
        Assert.Equal(HttpStatusCode.NotFound, error.StatusCode);
        Assert.Equal("CARD_UNAVAILABLE", error.Reason);
    }

    [Fact]
    public async Task SendMessage_GetTask_and_ListTasks_round_trip()
    {
        using var http = new HttpClient { BaseAddress = _host.BaseAddress };
        http.DefaultRequestHeaders.Add(TestHost.UserHeader, "carol");
        var client = await A2AClient.ConnectAsync(http, AgentUrl, Trusting);

        var sent = await client.SendMessageAsync(Text("round trip"));
        var task = sent.Task!;
        Assert.Equal(TaskState.Completed, task.Status.State);
        Assert.Equal("round trip", task.Artifacts![0].Parts[0].Text);

        var read = await client.GetTaskAsync(task.Id, historyLength: 0);
        Assert.Equal(task.Id, read.Id);
        Assert.Null(read.History);

        var list = await client.ListTasksAsync(new ListTasksRequest { PageSize = 10 });
        Assert.Contains(list.Tasks, t => t.Id == task.Id);
        Assert.Equal("", list.NextPageToken);
    }

    [Fact]
    public async Task A_direct_message_answer_is_returned_as_a_message()
    {
        var client = new A2AClient(_host.Client, AgentUrl);
        var reply = await client.SendMessageAsync(Text("Eve", "greet"));
        Assert.Null(reply.Task);
        Assert.Equal("Hello, Eve!", reply.Message!.Parts[0].Text);
        Assert.Equal(Role.Agent, reply.Message.Role);
    }

    [Fact]
    public async Task Streaming_yields_each_event_in_order()
    {
        var client = new A2AClient(_host.Client, AgentUrl);
        var events = new List<StreamResponse>();
        await foreach (var item in client.SendStreamingMessageAsync(new SendMessageRequest { Message = Text("4", "count") }))
        {
            events.Add(item);
        }

        Assert.Equal(TaskState.Submitted, events[0].Task!.Status.State);
        Assert.Equal(TaskState.Working, events[1].StatusUpdate!.Status.State);
        Assert.Equal(["1", "2", "3", "4"], events.Where(e => e.ArtifactUpdate is not null).Select(e => e.ArtifactUpdate!.Artifact.Parts[0].Text));
        Assert.Equal(TaskState.Completed, events[^1].StatusUpdate!.Status.State);
    }

    [Fact]
    public async Task CancelTask_and_SubscribeToTask_work_on_a_running_task()
    {
        var client = new A2AClient(_host.Client, AgentUrl);
        var started = await client.SendMessageAsync(new SendMessageRequest { Message = Text("x", "ticks"), Configuration = new SendMessageConfiguration { ReturnImmediately = true } });
        var taskId = started.Task!.Id;

        var seen = new List<StreamResponse>();
        await foreach (var item in client.SubscribeToTaskAsync(taskId))
        {
            seen.Add(item);
            if (item.ArtifactUpdate is not null && seen.Count(e => e.ArtifactUpdate is not null) == 2)
            {
                var canceled = await client.CancelTaskAsync(taskId);
                Assert.Equal(TaskState.Canceled, canceled.Status.State);
            }
        }

        Assert.Equal(taskId, seen[0].Task!.Id);
        Assert.Equal(TaskState.Canceled, seen[^1].StatusUpdate!.Status.State);

        var error = await Assert.ThrowsAsync<A2AClientException>(() => client.CancelTaskAsync(taskId));
        Assert.Equal(-32002, error.Code);
        Assert.Equal("TASK_NOT_CANCELABLE", error.Reason);
        Assert.Equal("a2a-protocol.org", error.Domain);
    }

    [Fact]
    public async Task Json_rpc_errors_become_typed_exceptions()
    {
        var client = new A2AClient(_host.Client, AgentUrl);
        var notFound = await Assert.ThrowsAsync<A2AClientException>(() => client.GetTaskAsync("no-such-task"));
        Assert.Equal(-32001, notFound.Code);
        Assert.Equal("TASK_NOT_FOUND", notFound.Reason);
        Assert.Equal("no-such-task", notFound.Metadata["taskId"]);

        var invalid = await Assert.ThrowsAsync<A2AClientException>(() => client.SendMessageAsync(Message.UserText("x") with { Parts = [] }));
        Assert.Equal(-32602, invalid.Code);
        Assert.Equal("params.message.parts", invalid.Field);

        var failed = await Assert.ThrowsAsync<A2AClientException>(() => client.SendMessageAsync(Text("x", "fail")));
        Assert.Equal(-32603, failed.Code);
        Assert.Equal(HttpStatusCode.InternalServerError, failed.StatusCode);
        Assert.Matches("^[0-9a-f]{32}$", failed.Metadata["correlationId"]);

        var unsigned = await Assert.ThrowsAsync<A2AClientException>(() => client.SendMessageAsync(Text("x", "refund")));
        Assert.Equal(HttpStatusCode.Unauthorized, unsigned.StatusCode);
        Assert.Equal("REQUEST_SIGNATURE_MISSING", unsigned.Reason);

        var streamError = await Assert.ThrowsAsync<A2AClientException>(async () =>
        {
            await foreach (var _ in client.SendStreamingMessageAsync(new SendMessageRequest { Message = Text("x", "teleport") }))
            {
            }
        });
        Assert.Equal("SKILL_NOT_FOUND", streamError.Reason);
    }

    [Fact]
    public async Task Protocol_violations_by_the_server_are_reported()
    {
        var wrongId = new A2AClient(_host.Client, new Uri(_host.BaseAddress, "/broken/wrong-id"));
        Assert.Equal("INVALID_RESPONSE", (await Assert.ThrowsAsync<A2AClientException>(() => wrongId.GetTaskAsync("t"))).Reason);

        var html = new A2AClient(_host.Client, new Uri(_host.BaseAddress, "/broken/html"));
        var error = await Assert.ThrowsAsync<A2AClientException>(() => html.GetTaskAsync("t"));
        Assert.Equal(HttpStatusCode.BadGateway, error.StatusCode);
        Assert.Null(error.Code);

        var huge = new A2AClient(_host.Client, new Uri(_host.BaseAddress, "/broken/huge"), new A2AClientOptions { MaxResponseSize = 1024 });
        Assert.Equal("RESPONSE_TOO_LARGE", (await Assert.ThrowsAsync<A2AClientException>(() => huge.GetTaskAsync("t"))).Reason);

        var nobody = new A2AClient(_host.Client, new Uri("http://127.0.0.1:1/"));
        Assert.Equal("AGENT_UNREACHABLE", (await Assert.ThrowsAsync<A2AClientException>(() => nobody.GetTaskAsync("t"))).Reason);
    }

    [Fact]
    public async Task Requests_carry_the_version_the_extensions_and_a_buffered_body_through_handlers()
    {
        var recorder = new RecordingHandler { InnerHandler = new SocketsHttpHandler() };
        using var http = new HttpClient(recorder);
        var client = new A2AClient(http, AgentUrl, new A2AClientOptions { Extensions = [A2AProtocol.RequestSigningExtensionUri, "urn:other"] });
        await client.SendMessageAsync(Text("via handler"));

        var request = Assert.Single(recorder.Requests);
        Assert.Equal("1.0", request.Version);
        Assert.Equal($"{A2AProtocol.RequestSigningExtensionUri}, urn:other", request.Extensions);
        Assert.Contains("\"method\":\"SendMessage\"", request.Body, StringComparison.Ordinal);
        Assert.Contains("via handler", request.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_callers_trace_context_reaches_the_agent()
    {
        var hosting = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is A2AHostingTelemetry.Name or A2AClient.ActivitySourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = hosting.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);

        using var caller = new Activity("caller").SetIdFormat(ActivityIdFormat.W3C).Start();
        var client = new A2AClient(_host.Client, AgentUrl);
        await client.SendMessageAsync(Text("traced"));
        caller.Stop();

        var server = hosting.Single(a => a.Source.Name == A2AHostingTelemetry.Name && a.TraceId == caller.TraceId);
        Assert.Equal("A2A SendMessage", server.DisplayName);
        var clientSpan = hosting.Single(a => a.Source.Name == A2AClient.ActivitySourceName && a.TraceId == caller.TraceId);
        Assert.Equal(ActivityKind.Client, clientSpan.Kind);
        var seen = _seen.Last(s => s.Path == "/agents/toolbox");
        Assert.Equal(1, seen.TraceParentCount);
        Assert.Contains(caller.TraceId.ToHexString(), seen.TraceParent, StringComparison.Ordinal);
    }

    private sealed class RefusingVerifier : IAgentCardVerifier
    {
        public ValueTask<A2AGen.Security.AgentCardVerificationResult?> VerifyAsync(ResolvedAgentCard card, CancellationToken cancellationToken) =>
            throw new A2AClientException($"Card of {card.Card.Name} is not signed by a trusted key.", reason: "CARD_SIGNATURE_INVALID");
    }

    private sealed class RecordingHandler : DelegatingHandler
    {
        public ConcurrentQueue<(string? Version, string? Extensions, string Body)> Requests { get; } = new();

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            // A signing handler needs the exact body bytes before sending: they must be readable here.
            var body = Encoding.UTF8.GetString(await request.Content!.ReadAsByteArrayAsync(cancellationToken));
            Requests.Enqueue((request.Headers.GetValues("A2A-Version").Single(), request.Headers.TryGetValues("A2A-Extensions", out var e) ? e.Single() : null, body));
            return await base.SendAsync(request, cancellationToken);
        }
    }
}

[System.Text.Json.Serialization.JsonSerializable(typeof(string))]
internal sealed partial class TestJson : System.Text.Json.Serialization.JsonSerializerContext;
