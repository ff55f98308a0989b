using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace A2AGen.Hosting.Tests.Interop;

/// <summary>
/// The official <c>@a2a-js/sdk</c> 1.3.0 v0.3 compatibility client (<c>legacyCompat: { enabled: true }</c>, its
/// <c>LegacyJsonRpcTransport</c>) against a generated agent on Kestrel: it reads the card's 0.3 shape, speaks the 0.3
/// method names and shapes with <c>A2A-Version: 0.3</c>, and sends, streams, gets, cancels and resubscribes.
/// </summary>
public sealed class JsSdkV03ClientCallsOurAgentTests
{
    [Fact]
    public async Task The_js_sdk_v03_client_sends_streams_gets_cancels_and_resubscribes()
    {
        await using var host = await TestHost.StartAsync(
            s =>
            {
                s.AddSingleton<SkillProbe>();
                s.AddA2AAgent<ToolboxAgent>(o => o.Json.TypeInfoResolverChain.Insert(0, ToolboxJsonContext.Default));
            },
            app => app.MapA2AAgent<ToolboxAgent>("/agents/toolbox"));

        var output = await NodePeers.RunScriptAsync("a2a-v03-client-calls-agent.mjs", new Uri(host.BaseAddress, "/agents/toolbox/").ToString());
        using var document = JsonDocument.Parse(output);
        var report = document.RootElement;
        Assert.False(report.TryGetProperty("fatal", out var fatal), fatal.ToString() + "\n" + output);

        // The card in its 0.3 shape, and the SDK chose its 0.3 transport from it.
        var agentUrl = new Uri(host.BaseAddress, "/agents/toolbox").ToString();
        var rawCard = report.GetProperty("rawCard");
        Assert.Equal("0.3.0", rawCard.GetProperty("protocolVersion").GetString());
        Assert.Equal(agentUrl, rawCard.GetProperty("url").GetString());
        Assert.Equal("JSONRPC", rawCard.GetProperty("preferredTransport").GetString());
        Assert.False(rawCard.TryGetProperty("supportedInterfaces", out _));
        Assert.Contains("A2A-Version", report.GetProperty("cardVary").GetString(), StringComparison.Ordinal);
        Assert.Equal("0.3", report.GetProperty("transport").GetProperty("version").GetString());

        // What went over the wire: 0.3 method names with A2A-Version: 0.3, answered in 0.3 shapes.
        var wire = report.GetProperty("wire").EnumerateArray().ToArray();
        Assert.All(wire, w => Assert.Equal("0.3", w.GetProperty("version").GetString()));
        Assert.Equal(["message/send", "message/stream", "tasks/get", "message/send", "tasks/cancel", "message/send", "tasks/resubscribe", "tasks/cancel", "tasks/get", "message/send", "tasks/cancel"],
            wire.Select(w => w.GetProperty("method").GetString()));
        var sendAnswer = wire[0].GetProperty("answer").GetProperty("result");
        Assert.Equal("task", sendAnswer.GetProperty("kind").GetString());
        Assert.Equal("completed", sendAnswer.GetProperty("status").GetProperty("state").GetString());
        Assert.Equal("text", sendAnswer.GetProperty("artifacts")[0].GetProperty("parts")[0].GetProperty("kind").GetString());
        Assert.Equal("user", sendAnswer.GetProperty("history")[0].GetProperty("role").GetString());
        Assert.Equal("canceled", wire[4].GetProperty("answer").GetProperty("result").GetProperty("status").GetProperty("state").GetString());

        // The SDK's own 0.3 → 1.0 translation of our answers.
        var task = report.GetProperty("send").GetProperty("task");
        Assert.Equal("TASK_STATE_COMPLETED", task.GetProperty("status").GetProperty("state").GetString());
        Assert.Equal("hello over 0.3", task.GetProperty("artifacts")[0].GetProperty("parts")[0].GetProperty("text").GetString());

        var stream = report.GetProperty("stream").EnumerateArray().ToArray();
        Assert.Equal("TASK_STATE_SUBMITTED", stream[0].GetProperty("task").GetProperty("status").GetProperty("state").GetString());
        Assert.Equal(["1", "2", "3"], stream.Where(e => e.TryGetProperty("artifactUpdate", out _))
            .Select(e => e.GetProperty("artifactUpdate").GetProperty("artifact").GetProperty("parts")[0].GetProperty("text").GetString()));
        Assert.Equal("TASK_STATE_COMPLETED", stream[^1].GetProperty("statusUpdate").GetProperty("status").GetProperty("state").GetString());

        var get = report.GetProperty("get");
        Assert.Equal(task.GetProperty("id").GetString(), get.GetProperty("id").GetString());
        Assert.Equal(1, get.GetProperty("history").GetArrayLength());

        Assert.Equal("TASK_STATE_CANCELED", report.GetProperty("cancel").GetProperty("status").GetProperty("state").GetString());

        var resubscribe = report.GetProperty("resubscribe").EnumerateArray().ToArray();
        Assert.True(resubscribe[0].TryGetProperty("task", out _));
        Assert.Equal("TASK_STATE_CANCELED", resubscribe[^1].GetProperty("statusUpdate").GetProperty("status").GetProperty("state").GetString());

        var errors = report.GetProperty("errors");
        Assert.Equal("JsonRpcTaskNotFoundError", errors.GetProperty("taskNotFound").GetProperty("name").GetString());
        Assert.Equal(-32001, errors.GetProperty("taskNotFound").GetProperty("code").GetInt32());
        Assert.Equal(-32602, errors.GetProperty("unknownSkill").GetProperty("code").GetInt32());
        Assert.Contains("available skills: echo", errors.GetProperty("unknownSkill").GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal("JsonRpcTaskNotCancelableError", errors.GetProperty("notCancelable").GetProperty("name").GetString());
        Assert.Equal(-32002, errors.GetProperty("notCancelable").GetProperty("code").GetInt32());
    }
}
