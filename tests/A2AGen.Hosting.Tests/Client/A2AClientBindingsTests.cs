using System.Net;
using A2AGen.Client;
using A2AGen.Passport;
using A2AGen.Protocol;
using A2AGen.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace A2AGen.Hosting.Tests.Client;

/// <summary>
/// <see cref="A2AClient"/> against our own hosting (Kestrel on loopback) over each binding it serves, JSON-RPC and
/// HTTP+JSON: the same signed calls with passports pass, and the same refusals reach the caller with the same code,
/// reason, domain and HTTP status on both.
/// </summary>
public sealed class A2AClientBindingsTests
{
    public static TheoryData<string> Bindings => [AgentInterface.JsonRpcBinding, AgentInterface.HttpJsonBinding];

    [Theory]
    [MemberData(nameof(Bindings))]
    public async Task A_signed_call_with_a_signed_passport_reaches_a_high_privilege_skill(string binding)
    {
        await using var agent = await SignedAgent.StartAsync();
        using var http = A2ASigningHandler.CreateHttpClient(agent.Caller.Signer);
        var client = await A2AClient.ConnectAsync(http, agent.Url, agent.Options(binding));
        Assert.Equal(binding, client.ProtocolBinding);
        Assert.Equal(agent.Url, client.Endpoint);

        var answer = await client.SendMessageWithPassportAsync(Message.UserText("100").ForSkill("refund"), agent.PassportSigner,
            new Dictionary<string, string> { ["loyalty_tier"] = "Gold" });
        Assert.Equal("refunded", answer.Task!.Artifacts![0].Parts[0].Text);

        // The same signed client reads the task back through the binding (GET on HTTP+JSON: signed over an empty body).
        Assert.Equal(answer.Task.Id, (await client.GetTaskAsync(answer.Task.Id)).Id);
        Assert.Contains((await client.ListTasksAsync()).Tasks, t => t.Id == answer.Task.Id);
    }

    [Fact]
    public async Task Refusals_reach_the_caller_with_the_same_code_reason_and_status_on_both_bindings()
    {
        await using var agent = await SignedAgent.StartAsync();
        using var stranger = new TestCaller("stranger", clock: agent.Clock);
        var results = new Dictionary<string, List<(string Case, int? Code, string? Reason, string? Domain, HttpStatusCode? Status)>>();
        foreach (var binding in Bindings)
        {
            using var unsigned = new HttpClient();
            using var signed = A2ASigningHandler.CreateHttpClient(agent.Caller.Signer);
            using var untrusted = A2ASigningHandler.CreateHttpClient(stranger.Signer);
            var anonymous = await A2AClient.ConnectAsync(unsigned, agent.Url, agent.Options(binding));
            var caller = await A2AClient.ConnectAsync(signed, agent.Url, agent.Options(binding));
            var unknown = await A2AClient.ConnectAsync(untrusted, agent.Url, agent.Options(binding));
            var cases = new (string Case, Func<Task> Call)[]
            {
                ("unsigned call to a high-privilege skill", () => anonymous.SendMessageAsync(Message.UserText("x").ForSkill("refund"))),
                ("signed call without the passport the skill needs", () => caller.SendMessageAsync(Message.UserText("x").ForSkill("refund"))),
                ("signature by a key nobody trusts", () => unknown.SendMessageAsync(Message.UserText("x"))),
                ("passport without a required key", () => caller.SendMessageWithPassportAsync(Message.UserText("x").ForSkill("vip"), agent.PassportSigner, new Dictionary<string, string> { ["other"] = "x" })),
                ("task that does not exist", () => caller.GetTaskAsync("no-such-task")),
                ("message without parts", () => caller.SendMessageAsync(Message.UserText("x") with { Parts = [] })),
                ("skill that fails", () => caller.SendMessageAsync(Message.UserText("x").ForSkill("fail"))),
                ("push notifications", () => caller.CreateTaskPushNotificationConfigAsync(new TaskPushNotificationConfig { TaskId = "t", Url = "https://hooks.example.com/" })),
            };

            var seen = results[binding] = [];
            foreach (var (name, call) in cases)
            {
                var error = await Assert.ThrowsAsync<A2AClientException>(call);
                seen.Add((name, error.Code, error.Reason, error.Domain, name is "task that does not exist" or "message without parts" or "push notifications" ? null : error.StatusCode));
                if (name == "message without parts")
                {
                    Assert.EndsWith("message.parts", error.Field, StringComparison.Ordinal);
                }
            }
        }

        Assert.Equal(results[AgentInterface.JsonRpcBinding], results[AgentInterface.HttpJsonBinding]);
        var rest = results[AgentInterface.HttpJsonBinding];
        Assert.Equal((-32000, RequestSignatureReasons.Missing, HttpStatusCode.Unauthorized), (rest[0].Code, rest[0].Reason, rest[0].Status));
        Assert.Equal((-32000, PassportReasons.Required, HttpStatusCode.Forbidden), (rest[1].Code, rest[1].Reason, rest[1].Status));
        Assert.Equal((-32000, RequestSignatureReasons.IssuerUntrusted, HttpStatusCode.Unauthorized), (rest[2].Code, rest[2].Reason, rest[2].Status));
        Assert.Equal((-32000, PassportReasons.KeyMissing, HttpStatusCode.Forbidden), (rest[3].Code, rest[3].Reason, rest[3].Status));
        Assert.Equal((-32001, "TASK_NOT_FOUND", "a2a-protocol.org"), (rest[4].Code, rest[4].Reason, rest[4].Domain));
        Assert.Equal((-32602, "INVALID_PARAMS"), (rest[5].Code, rest[5].Reason));
        Assert.Equal((-32603, "INTERNAL_ERROR", HttpStatusCode.InternalServerError), (rest[6].Code, rest[6].Reason, rest[6].Status));
        Assert.Equal((-32003, "PUSH_NOTIFICATION_NOT_SUPPORTED"), (rest[7].Code, rest[7].Reason));
    }

    [Fact]
    public async Task Our_card_lists_json_rpc_then_http_json_and_the_preference_picks_one()
    {
        await using var agent = await SignedAgent.StartAsync();
        using var http = new HttpClient();
        var byDefault = await A2AClient.ConnectAsync(http, agent.Url, agent.Options());
        // JSON-RPC first, then HTTP+JSON (then gRPC, where the agent serves it).
        Assert.Equal([AgentInterface.JsonRpcBinding, AgentInterface.HttpJsonBinding], byDefault.Card!.Card.SupportedInterfaces!.Select(i => i.ProtocolBinding).Take(2));
        Assert.Equal(AgentInterface.JsonRpcBinding, byDefault.ProtocolBinding);

        // gRPC first, but this client has no gRPC transport: HTTP+JSON, the next preference.
        var rest = await A2AClient.ConnectAsync(http, agent.Url, agent.Options(AgentInterface.GrpcBinding, AgentInterface.HttpJsonBinding, AgentInterface.JsonRpcBinding));
        Assert.Equal(AgentInterface.HttpJsonBinding, rest.ProtocolBinding);
        Assert.Equal("hi", (await rest.SendMessageAsync(Message.UserText("hi"))).Task!.Artifacts![0].Parts[0].Text);
    }

    [Fact]
    public async Task Streams_and_subscriptions_work_over_http_json()
    {
        await using var host = await TestHost.StartAsync(
            s =>
            {
                s.AddSingleton<SkillProbe>();
                s.AddA2AAgent<ToolboxAgent>(o => o.Json.TypeInfoResolverChain.Insert(0, ToolboxJsonContext.Default));
            },
            app => app.MapA2AAgent<ToolboxAgent>("/agents/toolbox"));
        var client = A2AClient.Create(host.Client, new AgentInterface { Url = new Uri(host.BaseAddress, "/agents/toolbox").AbsoluteUri, ProtocolBinding = AgentInterface.HttpJsonBinding });
        Assert.Equal(AgentInterface.HttpJsonBinding, client.ProtocolBinding);

        var counted = new List<string>();
        await foreach (var item in client.SendStreamingMessageAsync(new SendMessageRequest { Message = Message.UserText("3").ForSkill("count") }))
        {
            if (item.ArtifactUpdate is { } update)
            {
                counted.Add(update.Artifact.Parts[0].Text!);
            }
        }

        Assert.Equal(["1", "2", "3"], counted);

        var started = await client.SendMessageAsync(new SendMessageRequest { Message = Message.UserText("x").ForSkill("ticks"), Configuration = new SendMessageConfiguration { ReturnImmediately = true } });
        var taskId = started.Task!.Id;
        var seen = new List<StreamResponse>();
        await foreach (var item in client.SubscribeToTaskAsync(taskId))
        {
            seen.Add(item);
            if (seen.Count(e => e.ArtifactUpdate is not null) == 2 && item.ArtifactUpdate is not null)
            {
                Assert.Equal(TaskState.Canceled, (await client.CancelTaskAsync(taskId)).Status.State);
            }
        }

        Assert.Equal(taskId, seen[0].Task!.Id);
        Assert.Equal(TaskState.Canceled, seen[^1].StatusUpdate!.Status.State);

        // An error before the stream starts is a status object, read like any other.
        var error = await Assert.ThrowsAsync<A2AClientException>(async () =>
        {
            await foreach (var _ in client.SendStreamingMessageAsync(new SendMessageRequest { Message = Message.UserText("x").ForSkill("teleport") }))
            {
            }
        });
        Assert.Equal("SKILL_NOT_FOUND", error.Reason);
        Assert.Equal(-32602, error.Code);
    }

    [Fact]
    public async Task Each_call_is_an_activity_naming_its_binding()
    {
        await using var agent = await SignedAgent.StartAsync();
        using var http = new HttpClient();
        var recorded = new System.Collections.Concurrent.ConcurrentQueue<System.Diagnostics.Activity>();
        using var listener = new System.Diagnostics.ActivityListener
        {
            ShouldListenTo = source => source.Name == A2AClient.ActivitySourceName,
            Sample = (ref System.Diagnostics.ActivityCreationOptions<System.Diagnostics.ActivityContext> _) => System.Diagnostics.ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = recorded.Enqueue,
        };
        System.Diagnostics.ActivitySource.AddActivityListener(listener);

        // Other tests' calls may be recorded too (they run in parallel): this test's run in a trace of their own.
        using var parent = new System.Diagnostics.Activity("test").SetIdFormat(System.Diagnostics.ActivityIdFormat.W3C).Start();
        foreach (var binding in Bindings)
        {
            var client = await A2AClient.ConnectAsync(http, agent.Url, agent.Options(binding));
            await Assert.ThrowsAsync<A2AClientException>(() => client.GetTaskAsync("no-such-task"));
        }

        var mine = recorded.Where(a => a.TraceId == parent.TraceId && a.OperationName == "A2A GetTask").ToList();
        Assert.Equal(2, mine.Count);
        Assert.All(mine, a => Assert.Equal((System.Diagnostics.ActivityStatusCode.Error, "TASK_NOT_FOUND"), (a.Status, (string?)a.GetTagItem("error.type"))));
        Assert.Contains(mine, a => (string?)a.GetTagItem("rpc.system") == "jsonrpc");
        Assert.Contains(mine, a => (string?)a.GetTagItem("rpc.system") == "http+json");
    }

    /// <summary>The toolbox agent on a host with a fake clock, one trusted caller signing on that clock.</summary>
    private sealed class SignedAgent : IAsyncDisposable
    {
        private SignedAgent(TestHost host, TestCaller caller, FakeTimeProvider clock)
        {
            Host = host;
            Caller = caller;
            Clock = clock;
            PassportSigner = new PassportSigner(caller.Key, caller.Id, new PassportSigningOptions { TimeProvider = clock });
        }

        public TestHost Host { get; }

        public TestCaller Caller { get; }

        public FakeTimeProvider Clock { get; }

        public PassportSigner PassportSigner { get; }

        public Uri Url => new(Host.BaseAddress, "/toolbox");

        public static async Task<SignedAgent> StartAsync()
        {
            var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 21, 12, 0, 0, TimeSpan.Zero));
            var caller = new TestCaller("travel-desk", clock: clock);
            var host = await TestHost.StartAsync(
                s =>
                {
                    s.AddSingleton<TimeProvider>(clock);
                    s.AddSingleton<SkillProbe>();
                    s.AddA2AAgent<ToolboxAgent>(o => o.Json.TypeInfoResolverChain.Insert(0, ToolboxJsonContext.Default));
                },
                app => app.MapA2AAgent<ToolboxAgent>("/toolbox"));
            caller.TrustedBy(host.Services.GetRequiredService<A2AKeyRing>().TrustStore);
            return new SignedAgent(host, caller, clock);
        }

        /// <summary>Trusts the agent's signed card; without bindings, the default preference.</summary>
        public A2AClientOptions Options(params string[] bindings)
        {
            var trust = Host.Services.GetRequiredService<A2AKeyRing>().TrustStore;
            return bindings.Length == 0
                ? new A2AClientOptions { CardTrust = trust, ExpectedAgentId = "toolbox" }
                : new A2AClientOptions { CardTrust = trust, ExpectedAgentId = "toolbox", PreferredBindings = bindings };
        }

        public async ValueTask DisposeAsync()
        {
            Caller.Dispose();
            await Host.DisposeAsync();
        }
    }
}
