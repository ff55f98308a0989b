using System.Text.Json;

namespace A2AGen.Conformance.Tests.Core;

/// <summary>TCK §3.1.1 SendMessage and §3.2.2 execution modes (CORE-SEND-*, CORE-EXECUTION-MODE-*), over every binding.</summary>
[Collection(ConformanceCollection.Name)]
public sealed class SendMessageTests(ConformanceHost host)
{
    [Theory, Trait("tck", "CORE-SEND-001")]
    [MemberData(nameof(Binding.Names), MemberType = typeof(Binding))]
    public async Task CORE_SEND_001_SendMessage_returns_a_task(string binding)
    {
        var reply = await host.Client(binding).SendAsync(Tck.Send("tck-complete-task"));

        Assert.False(reply.IsError, reply.Raw);
        var task = reply.Task;
        Assert.Equal("TASK_STATE_COMPLETED", Tck.State(task));
        Assert.Equal("Hello from TCK", task.GetProperty("artifacts")[0].GetProperty("parts")[0].GetProperty("text").GetString());
    }

    [Theory, Trait("tck", "CORE-SEND-001")]
    [MemberData(nameof(Binding.Names), MemberType = typeof(Binding))]
    public async Task CORE_SEND_001_artifact_scenarios_complete_with_their_artifact(string binding)
    {
        var client = host.Client(binding);

        var text = (await client.SendAsync(Tck.Send("tck-artifact-text"))).Task;
        Assert.Equal("Generated text content", Part(text).GetProperty("text").GetString());

        var file = Part((await client.SendAsync(Tck.Send("tck-artifact-file"))).Task);
        Assert.Equal("output.txt", file.GetProperty("filename").GetString());
        Assert.Equal("text/plain", file.GetProperty("mediaType").GetString());
        Assert.Equal("TCK file content", System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(file.GetProperty("raw").GetString()!)));

        var url = Part((await client.SendAsync(Tck.Send("tck-artifact-file-url"))).Task);
        Assert.Equal("https://example.com/output.txt", url.GetProperty("url").GetString());
        Assert.Equal("output.txt", url.GetProperty("filename").GetString());

        var data = Part((await client.SendAsync(Tck.Send("tck-artifact-data"))).Task).GetProperty("data");
        Assert.Equal("value", data.GetProperty("key").GetString());
        Assert.Equal(42, data.GetProperty("count").GetInt32());
    }

    [Theory, Trait("tck", "CORE-SEND-001")]
    [MemberData(nameof(Binding.Names), MemberType = typeof(Binding))]
    public async Task CORE_SEND_001_SendMessage_returns_a_message_from_a_message_skill(string binding)
    {
        var reply = await host.Client(binding).SendAsync(Tck.Send("tck-message-response", skill: "message-response"));

        Assert.False(reply.IsError, reply.Raw);
        Assert.False(reply.Result.TryGetProperty("task", out _));
        var message = reply.Result.GetProperty("message");
        Assert.Equal("ROLE_AGENT", message.GetProperty("role").GetString());
        Assert.Equal("Direct message response", message.GetProperty("parts")[0].GetProperty("text").GetString());
    }

    [Theory, Trait("tck", "CORE-SEND-002")]
    [MemberData(nameof(Binding.Names), MemberType = typeof(Binding))]
    public async Task CORE_SEND_002_a_message_to_a_terminal_task_is_UnsupportedOperation(string binding)
    {
        var client = host.Client(binding);
        var done = (await client.SendAsync(Tck.Send("tck-complete-task"))).Task;

        var reply = await client.SendAsync(Tck.Send("tck-complete-task", "more", taskId: Tck.Id(done)));

        Assert.Equal("UNSUPPORTED_OPERATION", reply.Reason);
    }

    [Theory, Trait("tck", "CORE-SEND-003")]
    [MemberData(nameof(Binding.Names), MemberType = typeof(Binding))]
    public async Task CORE_SEND_003_an_unsupported_media_type_is_ContentTypeNotSupported(string binding)
    {
        var send = """{"message":{"messageId":"tck-send-003-X","role":"ROLE_USER","parts":[{"raw":"dGNr","mediaType":"application/x-unsupported-tck-type"}]}}""".Replace("X", Guid.NewGuid().ToString("N"), StringComparison.Ordinal);

        var reply = await host.Client(binding).SendAsync(send);

        Assert.Equal("CONTENT_TYPE_NOT_SUPPORTED", reply.Reason);
    }

    [Theory, Trait("tck", "CORE-EXECUTION-MODE-001")]
    [MemberData(nameof(Binding.Names), MemberType = typeof(Binding))]
    public async Task CORE_EXECUTION_MODE_001_blocking_send_returns_at_terminal_or_interrupted_state(string binding)
    {
        var client = host.Client(binding);

        Assert.Equal("TASK_STATE_COMPLETED", Tck.State((await client.SendAsync(Tck.Send("tck-complete-task", configuration: """{"returnImmediately":false}"""))).Task));
        Assert.Equal("TASK_STATE_INPUT_REQUIRED", Tck.State((await client.SendAsync(Tck.Send("tck-input-required"))).Task));
    }

    [Theory, Trait("tck", "CORE-EXECUTION-MODE-002")]
    [MemberData(nameof(Binding.Names), MemberType = typeof(Binding))]
    public async Task CORE_EXECUTION_MODE_002_returnImmediately_answers_before_the_task_ends(string binding)
    {
        var client = host.Client(binding);

        var task = (await client.SendAsync(Tck.Send("tck-complete-task", configuration: """{"returnImmediately":true}"""))).Task;

        Assert.Contains(Tck.State(task), new[] { "TASK_STATE_SUBMITTED", "TASK_STATE_WORKING", "TASK_STATE_COMPLETED" });
        await Tck.WaitForAsync(client, Tck.Id(task), "TASK_STATE_COMPLETED");
    }

    [Theory, Trait("tck", "CORE-ERR-002")]
    [MemberData(nameof(Binding.Names), MemberType = typeof(Binding))]
    public async Task CORE_ERR_002_invalid_parameters_are_refused_before_processing(string binding)
    {
        var client = host.Client(binding);

        var noParts = await client.SendAsync("""{"message":{"messageId":"tck-complete-task-noparts","role":"ROLE_USER","parts":[]}}""");
        var agentRole = await client.SendAsync("""{"message":{"messageId":"tck-complete-task-role","role":"ROLE_AGENT","parts":[{"text":"x"}]}}""");

        Assert.Equal("INVALID_PARAMS", noParts.Reason);
        Assert.Equal("INVALID_PARAMS", agentRole.Reason);
    }

    private static JsonElement Part(JsonElement task) => task.GetProperty("artifacts")[0].GetProperty("parts")[0];
}
