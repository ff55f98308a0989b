using System.Text.Json;

namespace A2AGen.Conformance.Tests.Infrastructure;

/// <summary>Requests the TCK sends: a user message whose messageId prefix picks the scenario, and what it reads back.</summary>
public static class Tck
{
    /// <summary>A <c>SendMessageRequest</c> for <paramref name="scenario"/> (a messageId prefix such as <c>tck-complete-task</c>).</summary>
    public static string Send(string scenario, string text = "Hello from TCK", string? taskId = null, string? contextId = null, string? configuration = null, string? skill = null)
    {
        var message = "{\"messageId\":\"" + scenario + "-" + Guid.NewGuid().ToString("N") + "\",\"role\":\"ROLE_USER\",\"parts\":[{\"text\":" + JsonSerializer.Serialize(text) + "}]"
            + (taskId is null ? "" : ",\"taskId\":\"" + taskId + "\"")
            + (contextId is null ? "" : ",\"contextId\":\"" + contextId + "\"")
            + (skill is null ? "" : ",\"metadata\":{\"urn:a2agen:skill\":\"" + skill + "\"}") + "}";
        return "{\"message\":" + message + (configuration is null ? "" : ",\"configuration\":" + configuration) + "}";
    }

    public static string State(JsonElement task) => task.GetProperty("status").GetProperty("state").GetString()!;

    public static string Id(JsonElement task) => task.GetProperty("id").GetString()!;

    public static string ContextId(JsonElement task) => task.GetProperty("contextId").GetString()!;

    /// <summary>The kind of a <c>StreamResponse</c> event: task, message, statusUpdate or artifactUpdate.</summary>
    public static string Kind(JsonElement streamResponse) => streamResponse.EnumerateObject().Single().Name;

    public static bool IsTerminal(string state) => state is "TASK_STATE_COMPLETED" or "TASK_STATE_FAILED" or "TASK_STATE_CANCELED" or "TASK_STATE_REJECTED";

    /// <summary>Polls GetTask until the task is in <paramref name="state"/> (a task run in the background).</summary>
    public static async Task<JsonElement> WaitForAsync(Binding binding, string taskId, string state)
    {
        for (var i = 0; i < 200; i++)
        {
            var reply = await binding.GetTaskAsync(taskId);
            Assert.False(reply.IsError, reply.Raw);
            if (State(reply.Result) == state)
            {
                return reply.Result;
            }

            await Task.Delay(20);
        }

        throw new TimeoutException($"Task {taskId} never reached {state}.");
    }
}
