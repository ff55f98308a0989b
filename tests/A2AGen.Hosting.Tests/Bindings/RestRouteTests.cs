using System.Text.Json;
using A2AGen.Protocol;
using A2AGen.Protocol.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace A2AGen.Hosting.Tests.Bindings;

/// <summary>
/// The HTTP+JSON binding on a real Kestrel host: the v1.0 route table (spec §11.3), every route also under
/// <c>/{tenant}/</c>, subscribe on both GET and POST, <c>google.rpc.Status</c> errors with <c>ErrorInfo</c> and the
/// spec's HTTP status mapping (§5.4, §11.6), query parameters (§11.5), and the card's interfaces.
/// </summary>
public sealed class RestRouteTests(ToolboxFixture fixture) : IClassFixture<ToolboxFixture>
{
    private HttpClient Client => fixture.Client;

    /// <summary>A SendMessageRequest with <c>returnImmediately</c>: the task runs in the background.</summary>
    internal static string InBackground(string send) => send[..^1] + ",\"configuration\":{\"returnImmediately\":true}}";

    [Theory]
    [InlineData("/toolbox")]
    [InlineData("/toolbox/acme")]
    public async Task Send_then_get_a_task_with_and_without_a_tenant(string prefix)
    {
        var sent = await Rest.PostAsync(Client, prefix + "/message:send", Rpc.UserText("hello rest"));
        Assert.Equal(200, sent.Status);
        Assert.Equal("application/a2a+json", sent.ContentHeaders!.ContentType!.MediaType);
        var task = sent.Json.GetProperty("task");
        Assert.Equal("TASK_STATE_COMPLETED", task.GetProperty("status").GetProperty("state").GetString());
        Assert.Equal("hello rest", task.GetProperty("artifacts")[0].GetProperty("parts")[0].GetProperty("text").GetString());

        var id = task.GetProperty("id").GetString()!;
        var got = await Rest.GetAsync(Client, $"{prefix}/tasks/{id}?historyLength=0");
        Assert.Equal(200, got.Status);
        Assert.Equal(id, got.Json.GetProperty("id").GetString());
        Assert.False(got.Json.TryGetProperty("history", out _));
    }

    [Fact]
    public async Task An_unknown_task_is_404_with_a_google_rpc_status_and_error_info()
    {
        var reply = await Rest.GetAsync(Client, "/toolbox/tasks/no-such-task");
        Assert.Equal(404, reply.Status);
        Assert.Equal(404, reply.Error.GetProperty("code").GetInt32());
        Assert.Equal("NOT_FOUND", reply.StatusName);
        Assert.Equal("TASK_NOT_FOUND", reply.Reason);
        Assert.Equal("a2a-protocol.org", reply.ErrorInfo.GetProperty("domain").GetString());
        Assert.Equal("no-such-task", reply.ErrorInfo.GetProperty("metadata").GetProperty("taskId").GetString());
    }

    [Fact]
    public async Task A_finished_task_is_not_cancelable_400_failed_precondition()
    {
        var id = (await Rest.PostAsync(Client, "/toolbox/message:send", Rpc.UserText("x"))).Json.GetProperty("task").GetProperty("id").GetString();
        var reply = await Rest.PostAsync(Client, $"/toolbox/tasks/{id}:cancel", body: null);
        Assert.Equal(400, reply.Status);
        Assert.Equal("FAILED_PRECONDITION", reply.StatusName);
        Assert.Equal("TASK_NOT_CANCELABLE", reply.Reason);
    }

    [Fact]
    public async Task A_running_task_is_canceled_over_rest()
    {
        var started = await Rest.PostAsync(Client, "/toolbox/message:send", InBackground(Rpc.UserText("x", "slow")));
        Assert.Equal(200, started.Status);
        var id = started.Json.GetProperty("task").GetProperty("id").GetString();
        var canceled = await Rest.PostAsync(Client, $"/toolbox/tasks/{id}:cancel", "{}");
        Assert.Equal(200, canceled.Status);
        Assert.Equal("TASK_STATE_CANCELED", canceled.Json.GetProperty("status").GetProperty("state").GetString());
    }

    [Theory]
    [InlineData("GET", "/toolbox")]
    [InlineData("POST", "/toolbox")]
    [InlineData("GET", "/toolbox/acme")]
    [InlineData("POST", "/toolbox/acme")]
    public async Task Subscribe_answers_get_and_post_and_streams_until_the_task_ends(string method, string prefix)
    {
        var started = await Rest.PostAsync(Client, prefix + "/message:send", InBackground(Rpc.UserText("x", "slow")));
        var id = started.Json.GetProperty("task").GetProperty("id").GetString();
        var events = await Rest.StreamAsync(Client, new HttpMethod(method), $"{prefix}/tasks/{id}:subscribe", onEvent: async e =>
        {
            if (e.TryGetProperty("task", out _))
            {
                Assert.Equal(200, (await Rest.PostAsync(Client, $"{prefix}/tasks/{id}:cancel", body: null)).Status);
            }
        });
        Assert.Equal(id, events[0].Data.GetProperty("task").GetProperty("id").GetString());
        Assert.All(events, e => Assert.Equal("message", e.Type));
        Assert.Equal("TASK_STATE_CANCELED", events[^1].Data.GetProperty("statusUpdate").GetProperty("status").GetProperty("state").GetString());
    }

    [Fact]
    public async Task Stream_sends_the_task_then_its_events_as_bare_stream_responses()
    {
        var events = await Rest.StreamAsync(Client, HttpMethod.Post, "/toolbox/message:stream", Rpc.UserText("3", "count"));
        Assert.Equal("TASK_STATE_SUBMITTED", events[0].Data.GetProperty("task").GetProperty("status").GetProperty("state").GetString());
        Assert.Equal(["1", "2", "3"], events.Where(e => e.Data.TryGetProperty("artifactUpdate", out _))
            .Select(e => e.Data.GetProperty("artifactUpdate").GetProperty("artifact").GetProperty("parts")[0].GetProperty("text").GetString()));
        Assert.Equal("TASK_STATE_COMPLETED", events[^1].Data.GetProperty("statusUpdate").GetProperty("status").GetProperty("state").GetString());
        Assert.DoesNotContain(events, e => e.Data.TryGetProperty("jsonrpc", out _));
    }

    [Fact]
    public async Task List_reads_its_query_parameters_and_names_a_bad_one()
    {
        var alice = new[] { Rpc.Header(TestHost.UserHeader, "rest-lister") };
        var id = (await Rest.PostAsync(Client, "/toolbox/message:send", Rpc.UserText("mine"), alice)).Json.GetProperty("task").GetProperty("id").GetString();
        var listed = await Rest.GetAsync(Client, "/toolbox/tasks?pageSize=10&status=TASK_STATE_COMPLETED&includeArtifacts=true", alice);
        Assert.Equal(200, listed.Status);
        var task = Assert.Single(listed.Json.GetProperty("tasks").EnumerateArray());
        Assert.Equal(id, task.GetProperty("id").GetString());
        Assert.True(task.TryGetProperty("artifacts", out _));

        var bad = await Rest.GetAsync(Client, "/toolbox/tasks?pageSize=many", alice);
        Assert.Equal(400, bad.Status);
        Assert.Equal("INVALID_ARGUMENT", bad.StatusName);
        Assert.Equal("INVALID_PARAMS", bad.Reason);
        Assert.Equal("pageSize", bad.Field);

        var anonymous = await Rest.GetAsync(Client, "/toolbox/tasks");
        Assert.Equal(401, anonymous.Status);
        Assert.Equal("UNAUTHENTICATED", anonymous.StatusName);
    }

    [Theory]
    [InlineData("/toolbox")]
    [InlineData("/toolbox/acme")]
    public async Task Body_fields_are_named_without_a_params_prefix(string prefix)
    {
        var reply = await Rest.PostAsync(Client, prefix + "/message:send", """{"message":{"messageId":"m","role":"ROLE_USER","parts":[{"text":1}]}}""");
        Assert.Equal(400, reply.Status);
        Assert.Equal("message.parts[0].text", reply.Field);

        var notJson = await Rest.PostAsync(Client, prefix + "/message:send", "{");
        Assert.Equal(400, notJson.Status);
        Assert.Equal("PARSE_ERROR", notJson.Reason);
    }

    [Fact]
    public async Task A_tenant_that_is_not_an_id_is_refused_naming_it()
    {
        var reply = await Rest.GetAsync(Client, "/toolbox/a%20b/tasks/t-1");
        Assert.Equal(400, reply.Status);
        Assert.Equal("tenant", reply.Field);
    }

    [Theory]
    [InlineData("POST", "/toolbox/tasks/t-1/pushNotificationConfigs", """{"url":"https://example.com/hook"}""")]
    [InlineData("GET", "/toolbox/tasks/t-1/pushNotificationConfigs", null)]
    [InlineData("GET", "/toolbox/tasks/t-1/pushNotificationConfigs/c-1", null)]
    [InlineData("DELETE", "/toolbox/acme/tasks/t-1/pushNotificationConfigs/c-1", null)]
    public async Task Push_config_routes_answer_push_notification_not_supported(string method, string path, string? body)
    {
        var reply = await Rest.SendAsync(Client, new HttpMethod(method), path, body);
        Assert.Equal(400, reply.Status);
        Assert.Equal("PUSH_NOTIFICATION_NOT_SUPPORTED", reply.Reason);
    }

    [Fact]
    public async Task The_extended_card_route_runs_the_operation()
    {
        var reply = await Rest.GetAsync(Client, "/toolbox/extendedAgentCard");
        Assert.Equal(400, reply.Status);
        Assert.Equal("UNSUPPORTED_OPERATION", reply.Reason);
    }

    [Fact]
    public async Task A_missing_version_is_refused_like_on_json_rpc()
    {
        using var request = Rest.Request(HttpMethod.Get, "/toolbox/tasks/t-1", version: null);
        using var response = await Client.SendAsync(request);
        Assert.Equal(400, (int)response.StatusCode);
        Assert.Contains("VERSION_NOT_SUPPORTED", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_card_lists_json_rpc_then_http_json_at_the_agent_url_then_grpc()
    {
        var card = A2AJson.Deserialize<AgentCard>(await Client.GetByteArrayAsync("/toolbox/.well-known/agent-card.json"))!;
        Assert.Equal(["JSONRPC", "HTTP+JSON", "GRPC"], card.SupportedInterfaces.Select(i => i.ProtocolBinding));
        Assert.All(card.SupportedInterfaces.Take(2), i => Assert.Equal(new Uri(fixture.Host.BaseAddress, "/toolbox").ToString(), i.Url));
        Assert.All(card.SupportedInterfaces, i => Assert.Equal("1.0", i.ProtocolVersion));
    }

    [Fact]
    public async Task An_agent_can_serve_a_chosen_binding_only()
    {
        await using var host = await TestHost.StartAsync(
            s => s.AddA2AAgent<EchoAgent>(),
            app =>
            {
                app.MapA2AAgent<EchoAgent>("/rpc-only", A2ABindings.JsonRpc);
            });
        Assert.Equal(404, (await Rest.PostAsync(host.Client, "/rpc-only/message:send", Rpc.UserText("x"))).Status);
        var card = A2AJson.Deserialize<AgentCard>(await host.Client.GetByteArrayAsync("/rpc-only/.well-known/agent-card.json"))!;
        Assert.Equal(["JSONRPC"], card.SupportedInterfaces.Select(i => i.ProtocolBinding));
        Assert.Throws<ArgumentException>(() => host.App.MapA2AAgent<EchoAgent>("/none", (A2ABindings)0));
    }

    [Fact]
    public async Task A_rest_only_agent_lists_only_http_json_and_refuses_json_rpc()
    {
        await using var host = await TestHost.StartAsync(
            s => s.AddA2AAgent<EchoAgent>(),
            app => app.MapA2AAgent<EchoAgent>("/rest-only", A2ABindings.HttpJson));
        Assert.Equal(200, (await Rest.PostAsync(host.Client, "/rest-only/message:send", Rpc.UserText("x"))).Status);
        Assert.NotEqual(200, (await Rpc.CallAsync(host.Client, "/rest-only", "SendMessage", Rpc.UserText("x"))).Status);
        var card = A2AJson.Deserialize<AgentCard>(await host.Client.GetByteArrayAsync("/rest-only/.well-known/agent-card.json"))!;
        Assert.Equal(["HTTP+JSON"], card.SupportedInterfaces.Select(i => i.ProtocolBinding));
    }
}
