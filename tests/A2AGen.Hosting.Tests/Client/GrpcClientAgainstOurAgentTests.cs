using A2AGen.Client;
using A2AGen.Passport;
using A2AGen.Protocol;
using A2AGen.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace A2AGen.Hosting.Tests.Client;

/// <summary>
/// Our <see cref="A2AClient"/> over gRPC (<see cref="A2AGrpcTransportFactory"/>) against our own agent's gRPC binding:
/// signed calls, refusals with the same code and reason as on JSON-RPC, and a signed passport whose audience is the
/// agent's URL (one passport for every binding; the server checks it against the agent's URL, not the gRPC endpoint).
/// </summary>
public sealed class GrpcClientAgainstOurAgentTests
{
    [Fact]
    public async Task A_signed_grpc_call_is_accepted_and_refusals_have_the_json_rpc_code_and_reason()
    {
        await using var agent = await Agent.StartAsync();
        using var http = new HttpClient();
        var signed = await A2AClient.ConnectAsync(http, agent.Url, agent.Options(AgentInterface.GrpcBinding, agent.Caller.Signer));
        Assert.Equal(AgentInterface.GrpcBinding, signed.ProtocolBinding);
        var task = (await signed.SendMessageAsync(Message.UserText("over grpc"))).Task!;
        Assert.Equal("over grpc", task.Artifacts![0].Parts[0].Text);
        Assert.Equal(task.Id, (await signed.GetTaskAsync(task.Id)).Id);
        await foreach (var _ in signed.SendStreamingMessageAsync(new SendMessageRequest { Message = Message.UserText("2").ForSkill("burst") }))
        {
        }

        var unsignedGrpc = await A2AClient.ConnectAsync(http, agent.Url, agent.Options(AgentInterface.GrpcBinding, null));
        var unsignedRpc = await A2AClient.ConnectAsync(http, agent.Url, agent.Options(AgentInterface.JsonRpcBinding, null));
        foreach (var (call, reason) in new (Func<A2AClient, Task>, string)[]
        {
            (c => c.SendMessageAsync(Message.UserText("x").ForSkill("refund")), RequestSignatureReasons.Missing),
            (c => c.GetTaskAsync("no-such-task"), "TASK_NOT_FOUND"),
            (c => c.SendMessageAsync(Message.UserText("x") with { Parts = [] }), "INVALID_PARAMS"),
        })
        {
            var overGrpc = await Assert.ThrowsAsync<A2AClientException>(() => call(unsignedGrpc));
            var overRpc = await Assert.ThrowsAsync<A2AClientException>(() => call(unsignedRpc));
            Assert.Equal(reason, overGrpc.Reason);
            Assert.Equal((overRpc.Code, overRpc.Reason, overRpc.Domain), (overGrpc.Code, overGrpc.Reason, overGrpc.Domain));
        }

        var withoutPassport = await Assert.ThrowsAsync<A2AClientException>(() => signed.SendMessageAsync(Message.UserText("x").ForSkill("refund")));
        Assert.Equal((-32000, PassportReasons.Required, "PERMISSION_DENIED"), (withoutPassport.Code, withoutPassport.Reason, withoutPassport.Status));
    }

    [Fact]
    public async Task A_signed_grpc_call_with_a_signed_passport_reaches_a_high_privilege_skill()
    {
        await using var agent = await Agent.StartAsync();
        using var http = new HttpClient();
        var client = await A2AClient.ConnectAsync(http, agent.Url, agent.Options(AgentInterface.GrpcBinding, agent.Caller.Signer));
        Assert.Equal(agent.Url, client.PassportAudience); // the agent's URL, as on JSON-RPC: one passport for every binding
        var passports = new PassportSigner(agent.Caller.Key, agent.Caller.Id, new PassportSigningOptions { TimeProvider = agent.Clock });
        var answer = await client.SendMessageWithPassportAsync(Message.UserText("100").ForSkill("refund"), passports, new Dictionary<string, string> { ["loyalty_tier"] = "Gold" });
        Assert.Equal("refunded", answer.Task!.Artifacts![0].Parts[0].Text);
    }

    /// <summary>The toolbox agent (all bindings) on a host with a fake clock, one trusted caller signing on that clock.</summary>
    private sealed class Agent(TestHost host, TestCaller caller, FakeTimeProvider clock) : IAsyncDisposable
    {
        public TestCaller Caller { get; } = caller;

        public FakeTimeProvider Clock { get; } = clock;

        public Uri Url => new(host.BaseAddress, "/toolbox");

        public static async Task<Agent> StartAsync()
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
            return new Agent(host, caller, clock);
        }

        public A2AClientOptions Options(string binding, RequestSigner? signer) => new()
        {
            CardTrust = host.Services.GetRequiredService<A2AKeyRing>().TrustStore,
            ExpectedAgentId = "toolbox",
            PreferredBindings = [binding],
            Transports = [new A2AGrpcTransportFactory(signer)],
        };

        public async ValueTask DisposeAsync()
        {
            Caller.Dispose();
            await host.DisposeAsync();
        }
    }
}
