using System.Text.Json;
using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace A2AGen.Hosting.Tests.Push;

/// <summary>
/// Create/Get/List/Delete TaskPushNotificationConfig on JSON-RPC, HTTP+JSON and gRPC: the same operations, the same
/// owner rule as tasks (another caller's task is not found), webhook URLs checked when created.
/// </summary>
public sealed class PushConfigOperationsTests
{
    private static readonly KeyValuePair<string, string>[] Alice = [Rpc.Header(TestHost.UserHeader, "alice")];
    private static readonly KeyValuePair<string, string>[] Bob = [Rpc.Header(TestHost.UserHeader, "bob")];

    private static async Task<string> CreateTaskAsync(TestHost host, KeyValuePair<string, string>[] caller)
    {
        var reply = await Rpc.CallAsync(host.Client, PushTestHost.Path, "SendMessage", Rpc.UserText("hello", "echo"), caller);
        return reply.Json.GetProperty("result").GetProperty("task").GetProperty("id").GetString()!;
    }

    [Fact]
    public async Task Json_rpc_creates_gets_lists_and_deletes_a_configuration()
    {
        await using var host = await PushTestHost.StartAsync();
        var taskId = await CreateTaskAsync(host, Alice);

        var created = await Rpc.CallAsync(host.Client, PushTestHost.Path, "CreateTaskPushNotificationConfig",
            $$$"""{"taskId":"{{{taskId}}}","url":"https://hooks.example.com/a2a","token":"t-1","authentication":{"scheme":"Bearer","credentials":"c-1"}}""", Alice);
        var config = created.Json.GetProperty("result");
        var id = config.GetProperty("id").GetString()!;
        Assert.False(string.IsNullOrEmpty(id));
        Assert.Equal(taskId, config.GetProperty("taskId").GetString());
        Assert.Equal("https://hooks.example.com/a2a", config.GetProperty("url").GetString());

        var named = await Rpc.CallAsync(host.Client, PushTestHost.Path, "CreateTaskPushNotificationConfig",
            $$"""{"taskId":"{{taskId}}","id":"second","url":"https://hooks.example.com/other"}""", Alice);
        Assert.Equal("second", named.Json.GetProperty("result").GetProperty("id").GetString());

        var got = await Rpc.CallAsync(host.Client, PushTestHost.Path, "GetTaskPushNotificationConfig", $$"""{"taskId":"{{taskId}}","id":"{{id}}"}""", Alice);
        Assert.Equal("c-1", got.Json.GetProperty("result").GetProperty("authentication").GetProperty("credentials").GetString());

        var listed = await Rpc.CallAsync(host.Client, PushTestHost.Path, "ListTaskPushNotificationConfigs", $$"""{"taskId":"{{taskId}}"}""", Alice);
        var ids = listed.Json.GetProperty("result").GetProperty("configs").EnumerateArray().Select(c => c.GetProperty("id").GetString()).ToArray();
        Assert.Equal(new[] { id, "second" }.Order(StringComparer.Ordinal), ids);

        var deleted = await Rpc.CallAsync(host.Client, PushTestHost.Path, "DeleteTaskPushNotificationConfig", $$"""{"taskId":"{{taskId}}","id":"second"}""", Alice);
        Assert.Equal(JsonValueKind.Object, deleted.Json.GetProperty("result").ValueKind);

        var gone = await Rpc.CallAsync(host.Client, PushTestHost.Path, "GetTaskPushNotificationConfig", $$"""{"taskId":"{{taskId}}","id":"second"}""", Alice);
        Assert.Equal(-32001, gone.Json.GetProperty("error").GetProperty("code").GetInt32());
        Assert.Contains("PUSH_NOTIFICATION_CONFIG_NOT_FOUND", gone.Raw);

        var empty = await Rpc.CallAsync(host.Client, PushTestHost.Path, "ListTaskPushNotificationConfigs", $$"""{"taskId":"{{taskId}}"}""", Alice);
        Assert.Single(empty.Json.GetProperty("result").GetProperty("configs").EnumerateArray());
    }

    [Fact]
    public async Task Http_json_creates_gets_lists_and_deletes_a_configuration()
    {
        await using var host = await PushTestHost.StartAsync();
        var taskId = await CreateTaskAsync(host, Alice);
        var configs = $"{PushTestHost.Path}/tasks/{taskId}/pushNotificationConfigs";

        var created = await Rest.PostAsync(host.Client, configs, """{"id":"rest-1","url":"https://hooks.example.com/a2a"}""", Alice);
        Assert.Equal(200, created.Status);
        Assert.Equal(taskId, created.Json.GetProperty("taskId").GetString());

        var got = await Rest.GetAsync(host.Client, configs + "/rest-1", Alice);
        Assert.Equal(200, got.Status);
        Assert.Equal("https://hooks.example.com/a2a", got.Json.GetProperty("url").GetString());

        var listed = await Rest.GetAsync(host.Client, configs, Alice);
        Assert.Equal("rest-1", listed.Json.GetProperty("configs")[0].GetProperty("id").GetString());

        var deleted = await Rest.SendAsync(host.Client, HttpMethod.Delete, configs + "/rest-1", headers: Alice);
        Assert.Equal(200, deleted.Status);

        var gone = await Rest.GetAsync(host.Client, configs + "/rest-1", Alice);
        Assert.Equal(404, gone.Status);
        Assert.Contains("PUSH_NOTIFICATION_CONFIG_NOT_FOUND", gone.Raw);

        var emptyList = await Rest.GetAsync(host.Client, configs, Alice);
        Assert.Equal(0, emptyList.Json.GetProperty("configs").GetArrayLength());
    }

    [Fact]
    public async Task Grpc_creates_gets_lists_and_deletes_a_configuration()
    {
        await using var host = await PushTestHost.StartAsync();
        var taskId = await CreateTaskAsync(host, Alice);
        using var channel = GrpcCalls.Channel(await GrpcCalls.UrlAsync(host, PushTestHost.Path));
        var client = GrpcCalls.Client(channel);
        var headers = GrpcCalls.Headers(Alice);

        var created = await client.CreateTaskPushNotificationConfigAsync(
            new Lf.A2a.V1.TaskPushNotificationConfig { TaskId = taskId, Id = "grpc-1", Url = "https://hooks.example.com/a2a" }, headers);
        Assert.Equal("grpc-1", created.Id);
        Assert.Equal(taskId, created.TaskId);

        var got = await client.GetTaskPushNotificationConfigAsync(new Lf.A2a.V1.GetTaskPushNotificationConfigRequest { TaskId = taskId, Id = "grpc-1" }, headers);
        Assert.Equal("https://hooks.example.com/a2a", got.Url);

        var listed = await client.ListTaskPushNotificationConfigsAsync(new Lf.A2a.V1.ListTaskPushNotificationConfigsRequest { TaskId = taskId }, headers);
        Assert.Equal("grpc-1", Assert.Single(listed.Configs).Id);

        await client.DeleteTaskPushNotificationConfigAsync(new Lf.A2a.V1.DeleteTaskPushNotificationConfigRequest { TaskId = taskId, Id = "grpc-1" }, headers);
        var gone = await Assert.ThrowsAsync<RpcException>(async () =>
            await client.GetTaskPushNotificationConfigAsync(new Lf.A2a.V1.GetTaskPushNotificationConfigRequest { TaskId = taskId, Id = "grpc-1" }, headers));
        Assert.Equal(StatusCode.NotFound, gone.StatusCode);
        Assert.Equal("PUSH_NOTIFICATION_CONFIG_NOT_FOUND", GrpcCalls.ErrorOf(gone).Reason);
    }

    [Fact]
    public async Task Another_caller_can_neither_see_nor_change_a_tasks_configurations()
    {
        await using var host = await PushTestHost.StartAsync();
        var taskId = await CreateTaskAsync(host, Alice);
        await Rpc.CallAsync(host.Client, PushTestHost.Path, "CreateTaskPushNotificationConfig", $$"""{"taskId":"{{taskId}}","id":"mine","url":"https://hooks.example.com/a"}""", Alice);

        foreach (var (method, parameters) in new[]
        {
            ("CreateTaskPushNotificationConfig", $$"""{"taskId":"{{taskId}}","id":"theirs","url":"https://evil.example.com/"}"""),
            ("GetTaskPushNotificationConfig", $$"""{"taskId":"{{taskId}}","id":"mine"}"""),
            ("ListTaskPushNotificationConfigs", $$"""{"taskId":"{{taskId}}"}"""),
            ("DeleteTaskPushNotificationConfig", $$"""{"taskId":"{{taskId}}","id":"mine"}"""),
        })
        {
            foreach (var caller in new KeyValuePair<string, string>[][] { Bob, [] })
            {
                var reply = await Rpc.CallAsync(host.Client, PushTestHost.Path, method, parameters, caller);
                Assert.Equal(-32001, reply.Json.GetProperty("error").GetProperty("code").GetInt32());
                Assert.Contains("TASK_NOT_FOUND", reply.Raw);
            }
        }

        var listed = await Rpc.CallAsync(host.Client, PushTestHost.Path, "ListTaskPushNotificationConfigs", $$"""{"taskId":"{{taskId}}"}""", Alice);
        Assert.Equal("mine", Assert.Single(listed.Json.GetProperty("result").GetProperty("configs").EnumerateArray()).GetProperty("id").GetString());
    }

    [Theory]
    [InlineData("https://127.0.0.1/hook", "loopback")]
    [InlineData("https://10.0.0.1/hook", "private")]
    [InlineData("https://172.16.5.4/hook", "private")]
    [InlineData("https://192.168.1.1/hook", "private")]
    [InlineData("https://169.254.169.254/latest/meta-data", "metadata")]
    [InlineData("https://169.254.10.10/hook", "link-local")]
    [InlineData("https://[::1]/hook", "loopback")]
    [InlineData("https://[fe80::1]/hook", "link-local")]
    [InlineData("https://[fd00:ec2::254]/hook", "metadata")]
    [InlineData("https://[::ffff:127.0.0.1]/hook", "loopback")]
    [InlineData("https://2130706433/hook", "loopback")]
    [InlineData("https://0x7f.1/hook", "loopback")]
    [InlineData("https://[64:ff9b::a9fe:a9fe]/hook", "metadata")]
    [InlineData("https://0.0.0.0/hook", "unspecified")]
    [InlineData("https://224.0.0.1/hook", "multicast")]
    [InlineData("https://localhost/hook", "loopback")]
    [InlineData("https://app.localhost/hook", "loopback")]
    [InlineData("http://hooks.example.com/hook", "https")]
    [InlineData("ftp://hooks.example.com/hook", "https")]
    [InlineData("https://user:pw@hooks.example.com/hook", "user information")]
    [InlineData("hooks.example.com/hook", "absolute")]
    public async Task A_webhook_url_that_leads_somewhere_it_must_not_is_refused_when_created(string url, string reason)
    {
        await using var host = await PushTestHost.StartAsync(push: o => o.AllowHttp = false, allowLoopback: false);
        var taskId = await CreateTaskAsync(host, Alice);

        var reply = await Rpc.CallAsync(host.Client, PushTestHost.Path, "CreateTaskPushNotificationConfig", $$"""{"taskId":"{{taskId}}","url":"{{url}}"}""", Alice);

        var error = reply.Json.GetProperty("error");
        Assert.Equal(-32602, error.GetProperty("code").GetInt32());
        Assert.Contains("WEBHOOK_URL_REFUSED", reply.Raw);
        Assert.Contains("params.url", error.GetProperty("message").GetString());
        Assert.Contains(reason, error.GetProperty("message").GetString());

        var inline = await Rpc.CallAsync(host.Client, PushTestHost.Path, "SendMessage", PushTestHost.Send("x", "echo", $$"""{"url":"{{url}}"}"""), Alice);
        Assert.Contains("WEBHOOK_URL_REFUSED", inline.Raw);
        Assert.Contains("params.configuration.taskPushNotificationConfig.url", inline.Raw);
    }

    [Fact]
    public async Task Header_breaking_credentials_and_tokens_are_refused()
    {
        await using var host = await PushTestHost.StartAsync();
        var taskId = await CreateTaskAsync(host, Alice);

        var credentials = await Rpc.CallAsync(host.Client, PushTestHost.Path, "CreateTaskPushNotificationConfig",
            $$$"""{"taskId":"{{{taskId}}}","url":"https://hooks.example.com/","authentication":{"scheme":"Bearer","credentials":"a\r\nX-Evil: 1"}}""", Alice);
        Assert.Contains("params.authentication.credentials", credentials.Raw);

        var scheme = await Rpc.CallAsync(host.Client, PushTestHost.Path, "CreateTaskPushNotificationConfig",
            $$$"""{"taskId":"{{{taskId}}}","url":"https://hooks.example.com/","authentication":{"scheme":"Bearer x"}}""", Alice);
        Assert.Contains("params.authentication.scheme", scheme.Raw);

        var token = await Rpc.CallAsync(host.Client, PushTestHost.Path, "CreateTaskPushNotificationConfig",
            $$"""{"taskId":"{{taskId}}","url":"https://hooks.example.com/","token":"a\nb"}""", Alice);
        Assert.Contains("params.token", token.Raw);
    }

    [Fact]
    public async Task An_agent_without_push_notifications_refuses_the_operations_and_the_inline_configuration()
    {
        await using var host = await TestHost.StartAsync(s => s.AddA2AAgent<EchoAgent>(), app => app.MapA2AAgent<EchoAgent>("/echo"));

        var create = await Rpc.CallAsync(host.Client, "/echo", "CreateTaskPushNotificationConfig", """{"taskId":"t","url":"https://hooks.example.com/"}""");
        Assert.Equal(-32003, create.Json.GetProperty("error").GetProperty("code").GetInt32());

        var inline = await Rpc.CallAsync(host.Client, "/echo", "SendMessage", PushTestHost.Send("x", "echo", """{"url":"https://hooks.example.com/"}"""));
        Assert.Equal(-32003, inline.Json.GetProperty("error").GetProperty("code").GetInt32());
    }
}
