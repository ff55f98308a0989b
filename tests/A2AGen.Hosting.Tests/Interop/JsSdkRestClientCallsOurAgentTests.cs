using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace A2AGen.Hosting.Tests.Interop;

/// <summary>
/// The official <c>@a2a-js/sdk</c> 1.3.0 client (Node) over HTTP+JSON against a generated agent on Kestrel: it picks the
/// card's HTTP+JSON interface, then sends, streams, gets, lists, cancels, subscribes to a running task, uses the tenant
/// routes, and maps our <c>google.rpc.Status</c> errors to its own error classes by <c>ErrorInfo.reason</c>.
/// </summary>
public sealed class JsSdkRestClientCallsOurAgentTests
{
    [Fact]
    public async Task The_js_sdk_rest_client_sends_streams_gets_lists_cancels_and_subscribes()
    {
        await using var host = await TestHost.StartAsync(
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

        var output = await NodePeers.RunScriptAsync("a2a-rest-client-calls-agent.mjs", new Uri(host.BaseAddress, "/agents/toolbox/").ToString());
        using var document = JsonDocument.Parse(output);
        var report = document.RootElement;
        Assert.False(report.TryGetProperty("fatal", out var fatal), fatal.ToString());

        var agentUrl = new Uri(host.BaseAddress, "/agents/toolbox").ToString();
        var interfaces = report.GetProperty("card").GetProperty("interfaces").EnumerateArray().ToArray();
        Assert.Equal(["JSONRPC", "HTTP+JSON", "GRPC"], interfaces.Select(i => i.GetProperty("protocolBinding").GetString()));
        Assert.All(interfaces.Take(2), i => Assert.Equal(agentUrl, i.GetProperty("url").GetString()));

        var task = report.GetProperty("send").GetProperty("task");
        Assert.Equal("TASK_STATE_COMPLETED", task.GetProperty("status").GetProperty("state").GetString());
        Assert.Equal("hello over rest", task.GetProperty("artifacts")[0].GetProperty("parts")[0].GetProperty("text").GetString());

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

        var errors = report.GetProperty("errors");
        Assert.Equal("RestTaskNotFoundError", errors.GetProperty("taskNotFound").GetProperty("name").GetString());
        Assert.Equal(404, errors.GetProperty("taskNotFound").GetProperty("status").GetInt32());
        Assert.Equal(400, errors.GetProperty("unknownSkill").GetProperty("status").GetInt32());
        Assert.Contains("available skills: echo", errors.GetProperty("unknownSkill").GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal("RestTaskNotCancelableError", errors.GetProperty("notCancelable").GetProperty("name").GetString());
        Assert.Equal(400, errors.GetProperty("notCancelable").GetProperty("status").GetInt32());
    }
}
