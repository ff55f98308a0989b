using System.Text.Json;
using Grpc.Core;
using Wire = Lf.A2a.V1;

namespace A2AGen.Hosting.Tests.Bindings;

/// <summary>
/// The gRPC binding (spec §10) over Grpc.Net.Client and the stubs of the spec's <c>a2a.proto</c>, against the toolbox
/// agent on its own HTTP/2 endpoint: the card lists it, the operations answer as on the other bindings, errors carry
/// the spec's status codes with <c>ErrorInfo</c> in <c>grpc-status-details-bin</c>.
/// </summary>
public sealed class GrpcBindingTests(ToolboxFixture fixture) : IClassFixture<ToolboxFixture>
{
    [Fact]
    public async Task The_card_lists_json_rpc_http_json_and_grpc_each_with_its_url()
    {
        var card = JsonDocument.Parse(await fixture.Client.GetStringAsync("/toolbox/.well-known/agent-card.json")).RootElement;
        var interfaces = card.GetProperty("supportedInterfaces").EnumerateArray().ToList();
        Assert.Equal(["JSONRPC", "HTTP+JSON", "GRPC"], interfaces.Select(i => i.GetProperty("protocolBinding").GetString()));
        Assert.All(interfaces, i => Assert.Equal("1.0", i.GetProperty("protocolVersion").GetString()));
        var grpc = new Uri(interfaces[2].GetProperty("url").GetString()!);
        Assert.Equal("http", grpc.Scheme);
        Assert.Equal(fixture.Host.BaseAddress.Host, grpc.Host);
        Assert.NotEqual(fixture.Host.BaseAddress.Port, grpc.Port);

        // Each agent of the host has its own gRPC endpoint.
        Assert.NotEqual(await GrpcCalls.UrlAsync(fixture.Host, "/toolbox"), await GrpcCalls.UrlAsync(fixture.Host, "/strict"));
    }

    [Fact]
    public async Task SendMessage_GetTask_and_ListTasks_answer_over_grpc()
    {
        using var channel = GrpcCalls.Channel(await GrpcCalls.UrlAsync(fixture.Host, "/toolbox"));
        var owner = new[] { Rpc.Header(TestHost.UserHeader, "grpc-" + Guid.NewGuid().ToString("N")) };
        var sent = await GrpcCalls.SendAsync(channel, Rpc.UserText("over grpc"), owner);
        Assert.Equal(StatusCode.OK, sent.Status);
        var task = sent.Json.GetProperty("task");
        Assert.Equal("TASK_STATE_COMPLETED", task.GetProperty("status").GetProperty("state").GetString());
        Assert.Equal("over grpc", task.GetProperty("artifacts")[0].GetProperty("parts")[0].GetProperty("text").GetString());

        var id = task.GetProperty("id").GetString()!;
        var client = GrpcCalls.Client(channel);
        var got = await GrpcCalls.CallAsync(() => client.GetTaskAsync(new Wire.GetTaskRequest { Id = id }, GrpcCalls.Headers(owner)).ResponseAsync);
        Assert.Equal(task.GetRawText(), got.Json.GetRawText());

        var listed = await GrpcCalls.CallAsync(() => client.ListTasksAsync(new Wire.ListTasksRequest(), GrpcCalls.Headers(owner)).ResponseAsync);
        Assert.Equal([id], listed.Json.GetProperty("tasks").EnumerateArray().Select(t => t.GetProperty("id").GetString()));
    }

    [Fact]
    public async Task A_streamed_task_arrives_as_a_server_stream_ending_with_status_ok()
    {
        using var channel = GrpcCalls.Channel(await GrpcCalls.UrlAsync(fixture.Host, "/toolbox"));
        var request = GrpcCalls.Parse<Wire.SendMessageRequest>(Rpc.UserText("3", "count"));
        var (events, end) = await GrpcCalls.StreamAsync(GrpcCalls.Client(channel).SendStreamingMessage(request, GrpcCalls.Headers()));
        Assert.Equal(StatusCode.OK, end.Status);
        Assert.True(events[0].TryGetProperty("task", out _));
        Assert.Equal("TASK_STATE_COMPLETED", events[^1].GetProperty("statusUpdate").GetProperty("status").GetProperty("state").GetString());
        Assert.Contains(events, e => e.TryGetProperty("artifactUpdate", out _));
    }

    [Fact]
    public async Task Errors_carry_the_specs_status_code_and_error_info()
    {
        using var channel = GrpcCalls.Channel(await GrpcCalls.UrlAsync(fixture.Host, "/toolbox"));
        var client = GrpcCalls.Client(channel);

        var missing = await GrpcCalls.CallAsync(() => client.GetTaskAsync(new Wire.GetTaskRequest { Id = "no-such-task" }, GrpcCalls.Headers()).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, missing.Status);
        Assert.Equal("TASK_NOT_FOUND", missing.Reason);

        var noVersion = await GrpcCalls.SendAsync(channel, Rpc.UserText("x"), version: null);
        Assert.Equal(StatusCode.FailedPrecondition, noVersion.Status);
        Assert.Equal("VERSION_NOT_SUPPORTED", noVersion.Reason);

        var unsigned = await GrpcCalls.SendAsync(channel, Rpc.UserText("x", "refund"));
        Assert.Equal(StatusCode.Unauthenticated, unsigned.Status);
        Assert.Equal("REQUEST_SIGNATURE_MISSING", unsigned.Reason);

        var badTenant = await GrpcCalls.CallAsync(() => client.GetTaskAsync(new Wire.GetTaskRequest { Id = "x", Tenant = "../etc" }, GrpcCalls.Headers()).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, badTenant.Status);

        var push = await GrpcCalls.CallAsync(() => client.GetTaskPushNotificationConfigAsync(new Wire.GetTaskPushNotificationConfigRequest { TaskId = "t", Id = "c" }, GrpcCalls.Headers()).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, push.Status);
        Assert.Equal("PUSH_NOTIFICATION_NOT_SUPPORTED", push.Reason);
    }
}
