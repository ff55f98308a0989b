using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace A2AGen.Hosting.Tests.Interop;

/// <summary>
/// The official <c>@a2a-js/sdk</c> 1.3.0 client (Node) holds a multi-turn conversation with a generated agent over
/// JSON-RPC, HTTP+JSON and gRPC: INPUT_REQUIRED → follow-up with the task id → COMPLETED (blocking and streamed),
/// AUTH_REQUIRED → approved, and the refusals of a finished task, a mismatched context and an unknown task, each mapped
/// to the SDK's own error classes.
/// </summary>
public sealed class JsSdkClientMultiTurnTests
{
    [Theory]
    [InlineData("JSONRPC")]
    [InlineData("HTTP+JSON")]
    [InlineData("GRPC")]
    public async Task The_js_sdk_client_continues_interrupted_tasks(string transport)
    {
        await using var host = await TestHost.StartAsync(
            s => s.AddA2AAgent<BookingAgent>(),
            app => app.MapA2AAgent<BookingAgent>("/agents/booking"));

        var output = await NodePeers.RunScriptAsync("a2a-client-multi-turn.mjs", new Uri(host.BaseAddress, "/agents/booking/").ToString(), transport);
        using var document = JsonDocument.Parse(output);
        var report = document.RootElement;
        Assert.False(report.TryGetProperty("fatal", out var fatal), fatal.ToString());

        var asked = report.GetProperty("asked");
        Assert.Equal("TASK_STATE_INPUT_REQUIRED", State(asked));
        Assert.Equal("Which date for Lisbon?", asked.GetProperty("status").GetProperty("message").GetProperty("parts")[0].GetProperty("text").GetString());

        var done = report.GetProperty("done");
        Assert.Equal(asked.GetProperty("id").GetString(), done.GetProperty("id").GetString());
        Assert.Equal(asked.GetProperty("contextId").GetString(), done.GetProperty("contextId").GetString());
        Assert.Equal("TASK_STATE_COMPLETED", State(done));
        Assert.StartsWith("Booked Lisbon on 12 May (history 3:", done.GetProperty("artifacts")[0].GetProperty("parts")[0].GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Equal(["ROLE_USER", "ROLE_AGENT", "ROLE_USER"], done.GetProperty("history").EnumerateArray().Select(m => m.GetProperty("role").GetString()));
        Assert.Equal(2, report.GetProperty("got").GetProperty("history").GetArrayLength());

        var first = report.GetProperty("firstStream").EnumerateArray().ToArray();
        Assert.Equal("TASK_STATE_SUBMITTED", State(first[0].GetProperty("task")));
        Assert.Equal("TASK_STATE_INPUT_REQUIRED", first[^1].GetProperty("statusUpdate").GetProperty("status").GetProperty("state").GetString());
        var second = report.GetProperty("secondStream").EnumerateArray().ToArray();
        Assert.Equal(first[0].GetProperty("task").GetProperty("id").GetString(), second[0].GetProperty("task").GetProperty("id").GetString());
        Assert.Contains(second, e => e.TryGetProperty("artifactUpdate", out var a) && a.GetProperty("artifact").GetProperty("parts")[0].GetProperty("text").GetString()!.StartsWith("Booked Porto on June", StringComparison.Ordinal));
        Assert.Equal("TASK_STATE_COMPLETED", second[^1].GetProperty("statusUpdate").GetProperty("status").GetProperty("state").GetString());

        Assert.Equal("TASK_STATE_AUTH_REQUIRED", State(report.GetProperty("auth")));
        Assert.Equal("TASK_STATE_COMPLETED", State(report.GetProperty("paid")));
        Assert.Equal("paid", report.GetProperty("paid").GetProperty("artifacts")[0].GetProperty("parts")[0].GetProperty("text").GetString());

        var errors = report.GetProperty("errors");
        var finished = errors.GetProperty("finished");
        Assert.Contains("UnsupportedOperation", finished.GetProperty("name").GetString(), StringComparison.Ordinal);
        Assert.Contains("TASK_STATE_COMPLETED", finished.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Contains("does not match the context", errors.GetProperty("mismatch").GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Contains("TaskNotFound", errors.GetProperty("unknown").GetProperty("name").GetString(), StringComparison.Ordinal);
        if (transport == "GRPC")
        {
            // The SDK really spoke gRPC (it falls back to another transport of the card when it cannot): its gRPC error
            // classes, with the status codes of the spec's table.
            Assert.Equal(("GrpcTaskNotFoundError", 5), (errors.GetProperty("unknown").GetProperty("name").GetString(), errors.GetProperty("unknown").GetProperty("status").GetInt32()));
            Assert.Equal(("GrpcUnsupportedOperationError", 9), (finished.GetProperty("name").GetString(), finished.GetProperty("status").GetInt32()));
        }
    }

    private static string State(JsonElement task) => task.GetProperty("status").GetProperty("state").GetString()!;
}
