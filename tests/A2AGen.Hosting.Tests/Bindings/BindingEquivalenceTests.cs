using System.Text.Json;
using A2AGen.Protocol;
using A2AGen.Protocol.Serialization;
using Grpc.Core;
using Wire = Lf.A2a.V1;

namespace A2AGen.Hosting.Tests.Bindings;

/// <summary>
/// The same task seen through each binding is the same task (spec §5.1): created over JSON-RPC and read over HTTP+JSON,
/// created over HTTP+JSON and read over JSON-RPC, listed and canceled through either, byte for byte the same ProtoJSON;
/// over gRPC the same task as a protobuf message, which reads back (through its ProtoJSON form) as the same record.
/// </summary>
public sealed class BindingEquivalenceTests(ToolboxFixture fixture) : IClassFixture<ToolboxFixture>
{
    private HttpClient Client => fixture.Client;

    [Fact]
    public async Task A_task_created_over_json_rpc_reads_the_same_over_http_json()
    {
        var id = (await Rpc.CallAsync(Client, "/toolbox", "SendMessage", Rpc.UserText("via json-rpc"))).Result.GetProperty("task").GetProperty("id").GetString();
        var viaRpc = await Rpc.CallAsync(Client, "/toolbox", "GetTask", $$"""{"id":"{{id}}"}""");
        var viaRest = await Rest.GetAsync(Client, $"/toolbox/tasks/{id}");
        Assert.Equal(200, viaRest.Status);
        Assert.Equal(viaRpc.Result.GetRawText(), viaRest.Json.GetRawText());
        Assert.Equal("via json-rpc", viaRest.Json.GetProperty("artifacts")[0].GetProperty("parts")[0].GetProperty("text").GetString());
    }

    [Fact]
    public async Task A_task_created_over_http_json_reads_the_same_over_json_rpc()
    {
        var sent = await Rest.PostAsync(Client, "/toolbox/message:send", Rpc.UserText("via rest"));
        var id = sent.Json.GetProperty("task").GetProperty("id").GetString();
        var viaRpc = await Rpc.CallAsync(Client, "/toolbox", "GetTask", $$"""{"id":"{{id}}"}""");
        var viaRest = await Rest.GetAsync(Client, $"/toolbox/tasks/{id}");
        Assert.Equal(viaRest.Json.GetRawText(), viaRpc.Result.GetRawText());
        Assert.Equal(sent.Json.GetProperty("task").GetRawText(), viaRpc.Result.GetRawText());
    }

    [Fact]
    public async Task Both_bindings_list_the_same_tasks_of_a_caller_and_hide_them_from_others()
    {
        var owner = new[] { Rpc.Header(TestHost.UserHeader, "equivalence-" + Guid.NewGuid().ToString("N")) };
        var one = (await Rpc.CallAsync(Client, "/toolbox", "SendMessage", Rpc.UserText("1"), owner)).Result.GetProperty("task").GetProperty("id").GetString();
        var two = (await Rest.PostAsync(Client, "/toolbox/message:send", Rpc.UserText("2"), owner)).Json.GetProperty("task").GetProperty("id").GetString();

        var viaRpc = await Rpc.CallAsync(Client, "/toolbox", "ListTasks", "{}", owner);
        var viaRest = await Rest.GetAsync(Client, "/toolbox/tasks", owner);
        Assert.Equal(viaRpc.Result.GetRawText(), viaRest.Json.GetRawText());
        Assert.Equal(new[] { one, two }.Order(), viaRest.Json.GetProperty("tasks").EnumerateArray().Select(t => t.GetProperty("id").GetString()).Order());

        // Another caller sees neither, over either binding.
        var other = new[] { Rpc.Header(TestHost.UserHeader, "someone-else") };
        Assert.Equal("TASK_NOT_FOUND", (await Rest.GetAsync(Client, $"/toolbox/tasks/{one}", other)).Reason);
        Assert.Equal("TASK_NOT_FOUND", (await Rpc.CallAsync(Client, "/toolbox", "GetTask", $$"""{"id":"{{two}}"}""", other)).Reason);
    }

    [Fact]
    public async Task A_task_started_over_one_binding_is_canceled_over_the_other()
    {
        var started = await Rpc.CallAsync(Client, "/toolbox", "SendMessage", RestRouteTests.InBackground(Rpc.UserText("x", "slow")));
        var id = started.Result.GetProperty("task").GetProperty("id").GetString();
        var canceled = await Rest.PostAsync(Client, $"/toolbox/tasks/{id}:cancel", body: null);
        Assert.Equal("TASK_STATE_CANCELED", canceled.Json.GetProperty("status").GetProperty("state").GetString());
        var viaRpc = await Rpc.CallAsync(Client, "/toolbox", "GetTask", $$"""{"id":"{{id}}"}""");
        Assert.Equal(canceled.Json.GetRawText(), viaRpc.Result.GetRawText());

        var again = await Rpc.CallAsync(Client, "/toolbox", "CancelTask", $$"""{"id":"{{id}}"}""");
        var againRest = await Rest.PostAsync(Client, $"/toolbox/tasks/{id}:cancel", body: null);
        Assert.Equal(again.Reason, againRest.Reason);
        Assert.Equal(again.ErrorMessage, againRest.Error.GetProperty("message").GetString());
    }

    [Fact]
    public async Task A_task_created_over_grpc_is_the_same_task_over_json_rpc_and_http_json_and_back()
    {
        using var channel = GrpcCalls.Channel(await GrpcCalls.UrlAsync(fixture.Host, "/toolbox"));
        var client = GrpcCalls.Client(channel);
        var sent = await GrpcCalls.SendAsync(channel, Rpc.UserText("via grpc"));
        Assert.Equal(StatusCode.OK, sent.Status);
        var id = sent.Json.GetProperty("task").GetProperty("id").GetString()!;

        var viaRpc = await Rpc.CallAsync(Client, "/toolbox", "GetTask", $$"""{"id":"{{id}}"}""");
        var viaRest = await Rest.GetAsync(Client, $"/toolbox/tasks/{id}");
        var viaGrpc = await GrpcCalls.CallAsync(() => client.GetTaskAsync(new Wire.GetTaskRequest { Id = id }, GrpcCalls.Headers()).ResponseAsync);
        Assert.Equal(viaRpc.Result.GetRawText(), viaRest.Json.GetRawText());
        Assert.Equal(viaRpc.Result.GetRawText(), Canonical(viaGrpc.Json));
        Assert.Equal(viaRpc.Result.GetRawText(), Canonical(sent.Json.GetProperty("task")));

        // A task created over JSON-RPC reads the same over gRPC.
        var other = (await Rpc.CallAsync(Client, "/toolbox", "SendMessage", Rpc.UserText("via json-rpc"))).Result.GetProperty("task");
        var otherViaGrpc = await GrpcCalls.CallAsync(() => client.GetTaskAsync(new Wire.GetTaskRequest { Id = other.GetProperty("id").GetString()! }, GrpcCalls.Headers()).ResponseAsync);
        Assert.Equal(other.GetRawText(), Canonical(otherViaGrpc.Json));
    }

    [Fact]
    public async Task A_task_started_over_grpc_is_canceled_over_http_json_and_listed_alike_by_all_three()
    {
        var owner = new[] { Rpc.Header(TestHost.UserHeader, "equivalence-grpc-" + Guid.NewGuid().ToString("N")) };
        using var channel = GrpcCalls.Channel(await GrpcCalls.UrlAsync(fixture.Host, "/toolbox"));
        var client = GrpcCalls.Client(channel);
        var started = await GrpcCalls.SendAsync(channel, RestRouteTests.InBackground(Rpc.UserText("x", "slow")), owner);
        var id = started.Json.GetProperty("task").GetProperty("id").GetString()!;
        var canceled = await Rest.PostAsync(Client, $"/toolbox/tasks/{id}:cancel", body: null, owner);
        Assert.Equal("TASK_STATE_CANCELED", canceled.Json.GetProperty("status").GetProperty("state").GetString());

        var viaGrpc = await GrpcCalls.CallAsync(() => client.ListTasksAsync(new Wire.ListTasksRequest(), GrpcCalls.Headers(owner)).ResponseAsync);
        var viaRpc = await Rpc.CallAsync(Client, "/toolbox", "ListTasks", "{}", owner);
        var viaRest = await Rest.GetAsync(Client, "/toolbox/tasks", owner);
        Assert.Equal(viaRpc.Result.GetRawText(), viaRest.Json.GetRawText());
        Assert.Equal(viaRpc.Result.GetRawText(), A2AJson.Serialize(A2AJson.Deserialize<ListTasksResponse>(viaGrpc.Json)!));
        Assert.Equal("TASK_STATE_CANCELED", viaGrpc.Json.GetProperty("tasks")[0].GetProperty("status").GetProperty("state").GetString());
    }

    // A protobuf message's ProtoJSON (Google.Protobuf's formatter) read as the protocol record and written as A2AGen writes it.
    private static string Canonical(JsonElement task) => A2AJson.Serialize(A2AJson.Deserialize<AgentTask>(task)!);
}
