using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace A2AGen.Hosting.Tests.Interop;

/// <summary>
/// The official <c>@a2a-js/sdk</c> 1.3.0 client (Node, <c>@a2a-js/sdk/client/grpc</c> over <c>@grpc/grpc-js</c>) over
/// gRPC against a generated agent on Kestrel: it picks the card's GRPC interface (the agent's own HTTP/2 endpoint),
/// then sends, streams, gets, lists, cancels, subscribes to a running task, sends with a tenant, and maps our
/// statuses to its error classes by the <c>ErrorInfo</c> in <c>grpc-status-details-bin</c>.
/// </summary>
public sealed class JsSdkGrpcClientCallsOurAgentTests
{
    [Fact]
    public async Task The_js_sdk_grpc_client_sends_streams_gets_lists_cancels_and_subscribes()
    {
        await using var host = await StartAsync();
        var output = await NodePeers.RunScriptAsync("a2a-grpc-client-calls-agent.mjs", new Uri(host.BaseAddress, "/agents/toolbox/").ToString());
        using var document = JsonDocument.Parse(output);
        var report = document.RootElement;
        Assert.False(report.TryGetProperty("fatal", out var fatal), fatal.ToString());

        var interfaces = report.GetProperty("card").GetProperty("interfaces").EnumerateArray().ToArray();
        Assert.Equal(["JSONRPC", "HTTP+JSON", "GRPC"], interfaces.Select(i => i.GetProperty("protocolBinding").GetString()));
        Assert.Equal(await GrpcCalls.UrlAsync(host, "/agents/toolbox"), interfaces[2].GetProperty("url").GetString());

        var task = report.GetProperty("send").GetProperty("task");
        Assert.Equal("TASK_STATE_COMPLETED", task.GetProperty("status").GetProperty("state").GetString());
        Assert.Equal("hello over grpc", task.GetProperty("artifacts")[0].GetProperty("parts")[0].GetProperty("text").GetString());

        var stream = report.GetProperty("stream").EnumerateArray().ToArray();
        Assert.Equal("TASK_STATE_SUBMITTED", stream[0].GetProperty("task").GetProperty("status").GetProperty("state").GetString());
        Assert.Equal(["1", "2", "3"], stream.Where(e => e.TryGetProperty("artifactUpdate", out _))
            .Select(e => e.GetProperty("artifactUpdate").GetProperty("artifact").GetProperty("parts")[0].GetProperty("text").GetString()));
        Assert.Equal("TASK_STATE_COMPLETED", stream[^1].GetProperty("statusUpdate").GetProperty("status").GetProperty("state").GetString());

        var get = report.GetProperty("get");
        Assert.Equal(task.GetProperty("id").GetString(), get.GetProperty("id").GetString());
        Assert.Equal(1, get.GetProperty("history").GetArrayLength());

        Assert.Contains(report.GetProperty("list").GetProperty("tasks").EnumerateArray(), t => t.GetProperty("id").GetString() == task.GetProperty("id").GetString());

        Assert.Equal("TASK_STATE_CANCELED", report.GetProperty("cancel").GetProperty("status").GetProperty("state").GetString());

        var subscribe = report.GetProperty("subscribe").EnumerateArray().ToArray();
        Assert.True(subscribe[0].TryGetProperty("task", out _));
        Assert.Equal("TASK_STATE_CANCELED", subscribe[^1].GetProperty("statusUpdate").GetProperty("status").GetProperty("state").GetString());

        var tenant = report.GetProperty("tenant");
        Assert.Equal(tenant.GetProperty("sent").GetProperty("id").GetString(), tenant.GetProperty("got").GetProperty("id").GetString());
        Assert.Equal("for acme", tenant.GetProperty("got").GetProperty("artifacts")[0].GetProperty("parts")[0].GetProperty("text").GetString());

        // gRPC status codes: NOT_FOUND 5, INVALID_ARGUMENT 3, FAILED_PRECONDITION 9, UNAUTHENTICATED 16.
        var errors = report.GetProperty("errors");
        Assert.Equal("GrpcTaskNotFoundError", errors.GetProperty("taskNotFound").GetProperty("name").GetString());
        Assert.Equal(5, errors.GetProperty("taskNotFound").GetProperty("status").GetInt32());
        Assert.Equal(3, errors.GetProperty("unknownSkill").GetProperty("status").GetInt32());
        Assert.Contains("available skills: echo", errors.GetProperty("unknownSkill").GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal("GrpcTaskNotCancelableError", errors.GetProperty("notCancelable").GetProperty("name").GetString());
        Assert.Equal(9, errors.GetProperty("notCancelable").GetProperty("status").GetInt32());
        Assert.Equal(16, errors.GetProperty("unsigned").GetProperty("status").GetInt32());
        Assert.Contains("requires a signed request", errors.GetProperty("unsigned").GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Given_the_cards_url_as_it_is_grpc_js_cannot_resolve_it()
    {
        // Documents the SDK's behaviour the script works around (docs/hosting.md, interoperability): the card's gRPC
        // interface is a URL, which the SDK hands to @grpc/grpc-js as a target it cannot resolve.
        await using var host = await StartAsync();
        var output = await NodePeers.RunScriptAsync("a2a-grpc-client-calls-agent.mjs", new Uri(host.BaseAddress, "/agents/toolbox/").ToString(), "--as-is");
        using var document = JsonDocument.Parse(output);
        var fatal = document.RootElement.GetProperty("fatal");
        Assert.Equal(14, fatal.GetProperty("status").GetInt32()); // UNAVAILABLE
        Assert.Contains("Name resolution failed for target dns:http://", fatal.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    private static Task<TestHost> StartAsync() => TestHost.StartAsync(
        s =>
        {
            s.AddSingleton<SkillProbe>();
            s.AddA2AAgent<ToolboxAgent>(o =>
            {
                o.Json.TypeInfoResolverChain.Insert(0, ToolboxJsonContext.Default);
                o.AllowAnonymousTaskListing = true;
            });
        },
        app => app.MapA2AAgent<ToolboxAgent>("/agents/toolbox"));
}
