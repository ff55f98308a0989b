using System.Net.Http.Json;
using System.Text.Json;
using A2AGen.Client;
using A2AGen.Passport;
using A2AGen.Protocol;
using A2AGen.Security;

namespace A2AGen.Hosting.Tests.Interop;

/// <summary>
/// Our <see cref="A2AClient"/> over each of the three bindings against one agent built with the official
/// <c>@a2a-js/sdk</c> 1.3.0, which serves JSON-RPC and HTTP+JSON on express and gRPC on <c>@grpc/grpc-js</c> from one
/// request handler (<c>tests/interop/a2a-three-bindings-server.mjs</c>). Its card lists gRPC first, then HTTP+JSON, then
/// JSON-RPC; the peer records what each call carried and the request bytes exactly as it received them, so signatures
/// are checked by our validator against what arrived.
/// </summary>
public sealed class OurClientCallsJsSdkBindingsTests : IAsyncLifetime
{
    private const string GrpcService = "/lf.a2a.v1.A2AService/";

    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };
    private NodeServer _server = null!;

    public static TheoryData<string> Bindings => [AgentInterface.JsonRpcBinding, AgentInterface.HttpJsonBinding, AgentInterface.GrpcBinding];

    public async Task InitializeAsync() => _server = await NodePeers.StartServerAsync("a2a-three-bindings-server.mjs", "GRPC,HTTP+JSON,JSONRPC");

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
    }

    // The SDK serves an unsigned card: the client must be told, explicitly, to accept it.
    private static A2AClientOptions Only(string binding, RequestSigner? grpcSigner = null) => new()
    {
        AllowUnverifiedCard = true,
        PreferredBindings = [binding],
        Transports = [new A2AGrpcTransportFactory(grpcSigner)],
    };

    [Theory]
    [MemberData(nameof(Bindings))]
    public async Task Send_stream_get_list_cancel_and_subscribe_work_over_each_binding(string binding)
    {
        var client = await A2AClient.ConnectAsync(_http, _server.BaseAddress, Only(binding));
        Assert.Equal(binding, client.ProtocolBinding);
        Assert.Equal(binding, client.Interface!.ProtocolBinding);
        Assert.Equal(new Uri(client.Interface.Url), client.Endpoint);

        // send, get, list
        var sent = (await client.SendMessageAsync(Message.UserText("hello over " + binding))).Task!;
        Assert.Equal(TaskState.Completed, sent.Status.State);
        Assert.Equal("hello over " + binding, sent.Artifacts![0].Parts[0].Text);
        var read = await client.GetTaskAsync(sent.Id);
        Assert.Equal(sent.Id, read.Id);
        Assert.Equal(TaskState.Completed, read.Status.State);
        Assert.Equal("hello over " + binding, read.History![0].Parts[0].Text);
        var listed = await client.ListTasksAsync();
        Assert.Contains(listed.Tasks, t => t.Id == sent.Id);

        // stream
        var events = new List<StreamResponse>();
        await foreach (var item in client.SendStreamingMessageAsync(new SendMessageRequest { Message = Message.UserText("streamed") }))
        {
            events.Add(item);
        }

        Assert.Equal(TaskState.Submitted, events[0].Task!.Status.State);
        Assert.Equal("streamed", events.Single(e => e.ArtifactUpdate is not null).ArtifactUpdate!.Artifact.Parts[0].Text);
        Assert.Equal(TaskState.Completed, events[^1].StatusUpdate!.Status.State);

        // subscribe to a running task, cancel it from another call, and see the cancellation arrive
        var held = (await client.SendMessageAsync(new SendMessageRequest { Message = Message.UserText("hold"), Configuration = new SendMessageConfiguration { ReturnImmediately = true } })).Task!;
        Assert.False(held.Status.State is TaskState.Completed or TaskState.Canceled);
        var seen = new List<StreamResponse>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await foreach (var item in client.SubscribeToTaskAsync(held.Id, timeout.Token))
        {
            seen.Add(item);
            if (seen.Count == 1)
            {
                Assert.Equal(held.Id, item.Task!.Id);
                var canceled = await client.CancelTaskAsync(held.Id);
                Assert.Equal(TaskState.Canceled, canceled.Status.State);
            }
        }

        Assert.True(seen[^1].StatusUpdate?.Status.State == TaskState.Canceled, string.Join("\n", seen.Select(A2AGen.Protocol.Serialization.A2AJson.Serialize)));
    }

    [Theory]
    [MemberData(nameof(Bindings))]
    public async Task Our_client_continues_an_input_required_task_of_the_js_sdk(string binding)
    {
        var client = await A2AClient.ConnectAsync(_http, _server.BaseAddress, Only(binding));

        var asked = (await client.SendMessageAsync(Message.UserText("ask"))).Task!;
        Assert.Equal(TaskState.InputRequired, asked.Status.State);
        Assert.Equal("Which city?", asked.Status.Message!.Parts[0].Text);

        var answered = (await client.SendMessageAsync(Message.UserText("Lisbon", asked.ContextId, asked.Id))).Task!;
        Assert.Equal(asked.Id, answered.Id);
        Assert.Equal(TaskState.Completed, answered.Status.State);
        Assert.Equal("going to Lisbon", answered.Artifacts![^1].Parts[0].Text);
    }

    [Theory]
    [MemberData(nameof(Bindings))]
    public async Task Errors_have_the_same_code_reason_and_domain_on_every_binding(string binding)
    {
        var client = await A2AClient.ConnectAsync(_http, _server.BaseAddress, Only(binding));

        var notFound = await Assert.ThrowsAsync<A2AClientException>(() => client.GetTaskAsync("no-such-task"));
        Assert.Equal(-32001, notFound.Code);
        Assert.Equal("TASK_NOT_FOUND", notFound.Reason);
        Assert.Equal("a2a-protocol.org", notFound.Domain);
        Assert.Equal(binding == AgentInterface.JsonRpcBinding ? null : "NOT_FOUND", notFound.Status);

        var finished = (await client.SendMessageAsync(Message.UserText("x"))).Task!;
        var notCancelable = await Assert.ThrowsAsync<A2AClientException>(() => client.CancelTaskAsync(finished.Id));
        Assert.Equal(-32002, notCancelable.Code);
        Assert.Equal("TASK_NOT_CANCELABLE", notCancelable.Reason);

        // Before a stream starts: subscribing to a finished task is refused.
        var terminal = await Assert.ThrowsAsync<A2AClientException>(async () =>
        {
            await foreach (var _ in client.SubscribeToTaskAsync(finished.Id))
            {
            }
        });
        Assert.Equal(-32004, terminal.Code);
        Assert.Equal("UNSUPPORTED_OPERATION", terminal.Reason);

        var push = await Assert.ThrowsAsync<A2AClientException>(() => client.CreateTaskPushNotificationConfigAsync(new TaskPushNotificationConfig { TaskId = finished.Id, Url = "https://hooks.example.com/a2a" }));
        Assert.Equal(-32003, push.Code);
        Assert.Equal("PUSH_NOTIFICATION_NOT_SUPPORTED", push.Reason);
    }

    [Fact]
    public async Task The_clients_preference_picks_the_interface_not_the_cards_order()
    {
        var card = new A2AClientOptions { AllowUnverifiedCard = true };

        // Default preference: JSON-RPC, though the card lists gRPC and HTTP+JSON first.
        Assert.Equal(AgentInterface.JsonRpcBinding, (await A2AClient.ConnectAsync(_http, _server.BaseAddress, card)).ProtocolBinding);

        // gRPC preferred but no gRPC transport added: the next preference that a transport speaks.
        string[] grpcFirst = [AgentInterface.GrpcBinding, AgentInterface.HttpJsonBinding, AgentInterface.JsonRpcBinding];
        var withoutGrpc = await A2AClient.ConnectAsync(_http, _server.BaseAddress, new A2AClientOptions { AllowUnverifiedCard = true, PreferredBindings = grpcFirst });
        Assert.Equal(AgentInterface.HttpJsonBinding, withoutGrpc.ProtocolBinding);

        var withGrpc = await A2AClient.ConnectAsync(_http, _server.BaseAddress, new A2AClientOptions
        {
            AllowUnverifiedCard = true,
            PreferredBindings = grpcFirst,
            Transports = [new A2AGrpcTransportFactory()],
        });
        Assert.Equal(AgentInterface.GrpcBinding, withGrpc.ProtocolBinding);
        Assert.Equal("echo", (await withGrpc.SendMessageAsync(Message.UserText("echo"))).Task!.Artifacts![0].Parts[0].Text);

        // Preferences are case-insensitive; a binding left out is never used.
        var lower = await A2AClient.ConnectAsync(_http, _server.BaseAddress, new A2AClientOptions { AllowUnverifiedCard = true, PreferredBindings = ["http+json"] });
        Assert.Equal(AgentInterface.HttpJsonBinding, lower.ProtocolBinding);
        var none = await Assert.ThrowsAsync<A2AClientException>(() => A2AClient.ConnectAsync(_http, _server.BaseAddress, new A2AClientOptions { AllowUnverifiedCard = true, PreferredBindings = [AgentInterface.GrpcBinding] }));
        Assert.Equal("NO_COMPATIBLE_INTERFACE", none.Reason);
        Assert.Contains("GRPC 1.0, HTTP+JSON 1.0, JSONRPC 1.0", none.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Grpc_calls_are_signed_over_the_message_bytes_the_peer_received()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 21, 12, 0, 0, TimeSpan.Zero));
        using var caller = new TestCaller("travel-desk", clock: clock);
        var client = await A2AClient.ConnectAsync(_http, _server.BaseAddress, Only(AgentInterface.GrpcBinding, caller.Signer));
        var agent = client.Endpoint;

        var task = (await client.SendMessageAsync(Message.UserText("signed"))).Task!;
        await client.GetTaskAsync(task.Id);
        await foreach (var _ in client.SendStreamingMessageAsync(new SendMessageRequest { Message = Message.UserText("signed stream") }))
        {
        }

        var validator = Validator(caller, clock);
        foreach (var method in new[] { "SendMessage", "GetTask", "SendStreamingMessage" })
        {
            var call = (await SeenAsync()).Grpc.Last(c => c.Path == GrpcService + method);
            Assert.Equal("1.0", call.Version);
            var body = Convert.FromBase64String(call.Body);
            var result = await validator.ValidateAsync(call.Signature!, "POST", RequestTarget.Create(agent.AbsoluteUri), RequestTarget.Create(new Uri(agent, GrpcService + method).AbsoluteUri), body);
            Assert.True(result.IsValid, method + ": " + result);

            // htu names the method: the same token does not pass for another method's URL.
            var elsewhere = await Validator(caller, clock).ValidateAsync(call.Signature!, "POST", RequestTarget.Create(agent.AbsoluteUri), RequestTarget.Create(new Uri(agent, GrpcService + "CancelTask").AbsoluteUri), body);
            Assert.Equal(RequestSignatureReasons.UrlMismatch, elsewhere.Reason);
        }
    }

    [Fact]
    public async Task A_passport_travels_over_grpc_in_the_message_with_its_extension_activated()
    {
        using var caller = new TestCaller("travel-desk");
        var client = await A2AClient.ConnectAsync(_http, _server.BaseAddress, Only(AgentInterface.GrpcBinding, caller.Signer));
        var signer = new PassportSigner(caller.Key, "travel-desk");

        var task = (await client.SendMessageWithPassportAsync(Message.UserText("with passport"), signer, new Dictionary<string, string> { ["loyalty_tier"] = "Gold" })).Task!;

        var call = (await SeenAsync()).Grpc.Last(c => c.Path == GrpcService + "SendMessage");
        Assert.Equal(PassportFormat.ExtensionUri, call.Extensions);
        var stored = (await client.GetTaskAsync(task.Id)).History![0].Metadata![PassportFormat.ExtensionUri];
        Assert.True(CallerContextJson.TryRead(stored, out var passport, out _));
        Assert.Equal("travel-desk", passport!.ClientId);
        Assert.Equal("Gold", passport.State["loyalty_tier"].GetString());
        Assert.NotNull(passport.Signature);
    }

    [Fact]
    public async Task Http_json_calls_are_signed_for_the_route_with_the_agent_as_audience()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 21, 12, 0, 0, TimeSpan.Zero));
        using var caller = new TestCaller("travel-desk", clock: clock);
        using var signing = A2ASigningHandler.CreateHttpClient(caller.Signer);
        var client = await A2AClient.ConnectAsync(signing, _server.BaseAddress, Only(AgentInterface.HttpJsonBinding));
        var agent = client.Endpoint.AbsoluteUri;

        var task = (await client.SendMessageAsync(Message.UserText("signed"))).Task!;
        await client.GetTaskAsync(task.Id);

        var seen = await SeenAsync();
        var send = seen.Http.Last(c => c.Path == "/a2a/rest/message:send");
        var get = seen.Http.Last(c => c.Path.StartsWith("/a2a/rest/tasks/" + task.Id, StringComparison.Ordinal));
        Assert.Equal("POST", send.Method);
        Assert.Equal("GET", get.Method);
        Assert.True((await Validator(caller, clock).ValidateAsync(send.Signature!, "POST", RequestTarget.Create(agent), RequestTarget.Create(agent + "/message:send"), Convert.FromBase64String(send.Body))).IsValid);
        Assert.True((await Validator(caller, clock).ValidateAsync(get.Signature!, "GET", RequestTarget.Create(agent), RequestTarget.Create(agent + "/tasks/" + task.Id), Array.Empty<byte>())).IsValid);
    }

    [Fact]
    public async Task An_interface_with_a_tenant_is_called_on_its_tenant_routes_and_with_its_tenant_field()
    {
        await using var tenanted = await NodePeers.StartServerAsync("a2a-three-bindings-server.mjs", "HTTP+JSON,GRPC,JSONRPC", "acme");
        foreach (var binding in new[] { AgentInterface.HttpJsonBinding, AgentInterface.GrpcBinding })
        {
            var client = await A2AClient.ConnectAsync(_http, tenanted.BaseAddress, Only(binding));
            Assert.Equal("acme", client.Interface!.Tenant);
            var task = (await client.SendMessageAsync(Message.UserText("tenant " + binding))).Task!;
            Assert.Equal("tenant " + binding, (await client.GetTaskAsync(task.Id)).Artifacts![0].Parts[0].Text);
        }

        var seen = await SeenAsync(tenanted);
        Assert.Contains(seen.Http, c => c.Path == "/a2a/rest/acme/message:send");
        Assert.Contains(seen.Http, c => c.Path.StartsWith("/a2a/rest/acme/tasks/", StringComparison.Ordinal));
        // On gRPC the tenant is a field of the request message.
        var grpcSend = seen.Grpc.Last(c => c.Path == GrpcService + "SendMessage");
        Assert.Equal("acme", Lf.A2a.V1.SendMessageRequest.Parser.ParseFrom(Convert.FromBase64String(grpcSend.Body)).Tenant);
    }

    private static RequestSignatureValidator Validator(TestCaller caller, TimeProvider clock)
    {
        var trust = new TrustStore();
        caller.TrustedBy(trust);
        return new RequestSignatureValidator(trust, new InMemoryReplayCache(new InMemoryReplayCacheOptions { TimeProvider = clock }), new RequestSignatureValidationOptions { TimeProvider = clock });
    }

    private Task<Seen> SeenAsync() => SeenAsync(_server);

    private async Task<Seen> SeenAsync(NodeServer server) =>
        (await _http.GetFromJsonAsync<Seen>(new Uri(server.BaseAddress, "/_seen"), SeenJson))!;

    private static readonly JsonSerializerOptions SeenJson = new(JsonSerializerDefaults.Web);

    private sealed record Seen(List<SeenCall> Http, List<SeenCall> Grpc);

    private sealed record SeenCall(string? Method, string Path, string? Signature, string? Extensions, string? Version, string BodyHash, string Body);
}
