using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace A2AGen.Hosting.Tests.Interop;

/// <summary>
/// The official <c>@a2a-js/sdk</c> 1.3.0 client (Node) against an agent hosted by us: card discovery, SendMessage,
/// SendStreamingMessage, GetTask, CancelTask and error mapping, all through the SDK's own JSON-RPC transport.
/// </summary>
public sealed class JsSdkClientCallsOurAgentTests
{
    [Fact]
    public async Task The_js_sdk_client_discovers_sends_streams_gets_and_cancels()
    {
        await using var host = await TestHost.StartAsync(
            s =>
            {
                s.AddSingleton<SkillProbe>();
                s.AddA2AAgent<ToolboxAgent>(o => o.Json.TypeInfoResolverChain.Insert(0, ToolboxJsonContext.Default));
            },
            app => app.MapA2AAgent<ToolboxAgent>("/agents/toolbox"));

        var output = await NodePeers.RunScriptAsync("a2a-client-calls-agent.mjs", new Uri(host.BaseAddress, "/agents/toolbox/").ToString());
        using var document = JsonDocument.Parse(output);
        var report = document.RootElement;
        Assert.False(report.TryGetProperty("fatal", out var fatal), fatal.ToString());

        var card = report.GetProperty("card");
        Assert.Equal("Toolbox", card.GetProperty("name").GetString());
        Assert.True(card.GetProperty("streaming").GetBoolean());
        Assert.Equal(new Uri(host.BaseAddress, "/agents/toolbox").ToString(), card.GetProperty("interfaces")[0].GetProperty("url").GetString());

        var sent = report.GetProperty("send");
        Assert.Equal("task", sent.GetProperty("kind").GetString());
        var task = sent.GetProperty("task");
        Assert.Equal("TASK_STATE_COMPLETED", task.GetProperty("status").GetProperty("state").GetString());
        Assert.Equal("hello from js", task.GetProperty("artifacts")[0].GetProperty("parts")[0].GetProperty("text").GetString());

        var stream = report.GetProperty("stream").EnumerateArray().ToArray();
        Assert.Equal("TASK_STATE_SUBMITTED", stream[0].GetProperty("task").GetProperty("status").GetProperty("state").GetString());
        Assert.Equal("TASK_STATE_WORKING", stream[1].GetProperty("statusUpdate").GetProperty("status").GetProperty("state").GetString());
        Assert.Equal(["1", "2", "3"], stream.Where(e => e.TryGetProperty("artifactUpdate", out _))
            .Select(e => e.GetProperty("artifactUpdate").GetProperty("artifact").GetProperty("parts")[0].GetProperty("text").GetString()));
        Assert.Equal("TASK_STATE_COMPLETED", stream[^1].GetProperty("statusUpdate").GetProperty("status").GetProperty("state").GetString());

        var get = report.GetProperty("get");
        Assert.Equal(task.GetProperty("id").GetString(), get.GetProperty("id").GetString());
        Assert.Equal(1, get.GetProperty("history").GetArrayLength());

        Assert.Equal("TASK_STATE_CANCELED", report.GetProperty("cancel").GetProperty("status").GetProperty("state").GetString());

        var errors = report.GetProperty("errors");
        Assert.Equal("JsonRpcTaskNotFoundError", errors.GetProperty("taskNotFound").GetProperty("name").GetString());
        Assert.Equal(-32001, errors.GetProperty("taskNotFound").GetProperty("code").GetInt32());
        Assert.Equal(-32602, errors.GetProperty("unknownSkill").GetProperty("code").GetInt32());
        Assert.Contains("available skills: echo", errors.GetProperty("unknownSkill").GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal("JsonRpcTaskNotCancelableError", errors.GetProperty("notCancelable").GetProperty("name").GetString());
    }
}
