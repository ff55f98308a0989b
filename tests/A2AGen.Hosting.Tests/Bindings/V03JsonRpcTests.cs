using System.Text.Json;

namespace A2AGen.Hosting.Tests.Bindings;

/// <summary>
/// A2A 0.3 on the JSON-RPC binding, raw on the wire: 0.3 method names and shapes in, 0.3 shapes out, selected by
/// <c>A2A-Version</c> (absent = 0.3), through the same pipeline as 1.0.
/// </summary>
public sealed class V03JsonRpcTests(ToolboxFixture fixture) : IClassFixture<ToolboxFixture>
{
    private HttpClient Client => fixture.Client;

    internal static string V03Text(string text, string? skill = null, string extraMessage = "", string extraParams = "")
    {
        var metadata = skill is null ? "" : ",\"metadata\":{\"urn:a2agen:skill\":\"" + skill + "\"}";
        return "{\"message\":{\"kind\":\"message\",\"messageId\":\"" + Guid.NewGuid() + "\",\"role\":\"user\",\"parts\":[{\"kind\":\"text\",\"text\":" + JsonSerializer.Serialize(text) + "}]" + metadata + extraMessage + "}" + extraParams + "}";
    }

    [Fact]
    public async Task Message_send_answers_a_v03_task_with_kinds_and_lower_case_states()
    {
        var reply = await Rpc.SendAsync(Client, "/toolbox", Rpc.Request("message/send", V03Text("hello 0.3")), version: "0.3");

        Assert.False(reply.IsError, reply.Raw + string.Join("\n", fixture.Host.Logs.Entries.Where(e => e.Exception is not null).Select(e => e.Exception!.ToString())));
        var task = reply.Result;
        Assert.Equal("task", task.GetProperty("kind").GetString());
        Assert.Equal("completed", task.GetProperty("status").GetProperty("state").GetString());
        Assert.False(string.IsNullOrEmpty(task.GetProperty("contextId").GetString()));
        var part = task.GetProperty("artifacts")[0].GetProperty("parts")[0];
        Assert.Equal("text", part.GetProperty("kind").GetString());
        Assert.Equal("hello 0.3", part.GetProperty("text").GetString());
        var history = task.GetProperty("history")[0];
        Assert.Equal("message", history.GetProperty("kind").GetString());
        Assert.Equal("user", history.GetProperty("role").GetString());
        Assert.Equal("text", history.GetProperty("parts")[0].GetProperty("kind").GetString());

        var get = await Rpc.SendAsync(Client, "/toolbox", Rpc.Request("tasks/get", $$"""{"id":"{{task.GetProperty("id").GetString()}}","historyLength":0}"""), version: "0.3");
        Assert.Equal("task", get.Result.GetProperty("kind").GetString());
        Assert.Equal("completed", get.Result.GetProperty("status").GetProperty("state").GetString());
        Assert.False(get.Result.TryGetProperty("history", out _));
    }
}
