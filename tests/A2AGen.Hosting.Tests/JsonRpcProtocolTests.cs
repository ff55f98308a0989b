using System.Net;
using System.Text;
using System.Text.Json;

namespace A2AGen.Hosting.Tests;

/// <summary>The JSON-RPC 2.0 envelope, A2A versioning, extensions and the limits and faults of issue 4 item 7.</summary>
public sealed class JsonRpcProtocolTests(ToolboxFixture fixture) : IClassFixture<ToolboxFixture>
{
    private HttpClient Client => fixture.Client;

    [Fact]
    public async Task SendMessage_returns_a_completed_task_with_the_artifact_and_history()
    {
        var reply = await Rpc.CallAsync(Client, "/toolbox", "SendMessage", Rpc.UserText("hello"));

        Assert.Equal(200, reply.Status);
        Assert.Equal("2.0", reply.Json.GetProperty("jsonrpc").GetString());
        var task = reply.Result.GetProperty("task");
        Assert.Equal("TASK_STATE_COMPLETED", task.GetProperty("status").GetProperty("state").GetString());
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$", task.GetProperty("status").GetProperty("timestamp").GetString());
        Assert.Equal("hello", task.GetProperty("artifacts")[0].GetProperty("parts")[0].GetProperty("text").GetString());
        var history = task.GetProperty("history");
        Assert.Equal(1, history.GetArrayLength());
        Assert.Equal("ROLE_USER", history[0].GetProperty("role").GetString());
        Assert.Equal(task.GetProperty("id").GetString(), history[0].GetProperty("taskId").GetString());
        Assert.Equal(task.GetProperty("contextId").GetString(), history[0].GetProperty("contextId").GetString());

        var get = await Rpc.CallAsync(Client, "/toolbox", "GetTask", $$"""{"id":"{{task.GetProperty("id").GetString()}}"}""");
        Assert.Equal(task.GetProperty("id").GetString(), get.Result.GetProperty("id").GetString());
        Assert.Equal("hello", get.Result.GetProperty("artifacts")[0].GetProperty("parts")[0].GetProperty("text").GetString());

        var noHistory = await Rpc.CallAsync(Client, "/toolbox", "GetTask", $$"""{"id":"{{task.GetProperty("id").GetString()}}","historyLength":0}""");
        Assert.False(noHistory.Result.TryGetProperty("history", out _));
    }

    [Fact]
    public async Task A_client_context_id_is_kept()
    {
        var reply = await Rpc.CallAsync(Client, "/toolbox", "SendMessage", Rpc.UserText("x", extra: ",\"contextId\":\"conversation-42\""));
        Assert.Equal("conversation-42", reply.Result.GetProperty("task").GetProperty("contextId").GetString());
    }

    [Theory]
    [InlineData("\"abc\"")]
    [InlineData("7")]
    [InlineData("1.50")]
    [InlineData("12345678901234567890123")]
    [InlineData("-0")]
    [InlineData("\"with \\\"quotes\\\" and \\u00e9\"")]
    [InlineData("null")]
    public async Task The_response_id_echoes_the_request_id_with_its_json_type(string id)
    {
        var reply = await Rpc.SendAsync(Client, "/toolbox", Rpc.Request("SendMessage", Rpc.UserText("x"), id));
        var raw = reply.Raw;
        Assert.Contains("\"id\":" + id + ",", raw, StringComparison.Ordinal);
        Assert.False(reply.IsError);
    }

    [Fact]
    public async Task The_id_is_echoed_on_errors_too()
    {
        var reply = await Rpc.SendAsync(Client, "/toolbox", Rpc.Request("NoSuchMethod", null, "\"req-9\""));
        Assert.Equal("req-9", reply.Json.GetProperty("id").GetString());
        var numeric = await Rpc.SendAsync(Client, "/toolbox", Rpc.Request("NoSuchMethod", null, "42"));
        Assert.Equal(JsonValueKind.Number, numeric.Json.GetProperty("id").ValueKind);
        Assert.Equal(42, numeric.Json.GetProperty("id").GetInt32());
        var version = await Rpc.SendAsync(Client, "/toolbox", Rpc.Request("SendMessage", Rpc.UserText("x"), "\"v-1\""), version: null);
        Assert.Equal("v-1", version.Json.GetProperty("id").GetString());
    }

    [Theory]
    [InlineData("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"SendMessage\",")]
    [InlineData("not json")]
    [InlineData("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"SendMessage\"} trailing")]
    [InlineData("")]
    public async Task Malformed_json_is_a_parse_error(string body)
    {
        var reply = await Rpc.SendAsync(Client, "/toolbox", body);
        Assert.Equal(200, reply.Status);
        Assert.Equal(-32700, reply.ErrorCode);
        Assert.Equal(JsonValueKind.Null, reply.Json.GetProperty("id").ValueKind);
        Assert.Equal("PARSE_ERROR", reply.Reason);
    }

    [Theory]
    [InlineData("[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"GetTask\"}]", "BATCH_NOT_SUPPORTED")]
    [InlineData("\"just a string\"", "INVALID_REQUEST")]
    [InlineData("{\"id\":1,\"method\":\"GetTask\"}", "INVALID_REQUEST")]
    [InlineData("{\"jsonrpc\":\"1.0\",\"id\":1,\"method\":\"GetTask\"}", "INVALID_REQUEST")]
    [InlineData("{\"jsonrpc\":\"2.0\",\"id\":1}", "INVALID_REQUEST")]
    [InlineData("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":42}", "INVALID_REQUEST")]
    [InlineData("{\"jsonrpc\":\"2.0\",\"id\":{\"a\":1},\"method\":\"GetTask\"}", "INVALID_REQUEST")]
    [InlineData("{\"jsonrpc\":\"2.0\",\"id\":true,\"method\":\"GetTask\"}", "INVALID_REQUEST")]
    [InlineData("{\"jsonrpc\":\"2.0\",\"method\":\"GetTask\"}", "INVALID_REQUEST")]
    public async Task An_invalid_request_object_is_refused(string body, string reason)
    {
        var reply = await Rpc.SendAsync(Client, "/toolbox", body);
        Assert.Equal(-32600, reply.ErrorCode);
        Assert.Equal(reason, reply.Reason);
    }

    [Fact]
    public async Task Params_that_are_not_an_object_are_invalid_params()
    {
        var reply = await Rpc.SendAsync(Client, "/toolbox", "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"GetTask\",\"params\":[\"x\"]}");
        Assert.Equal(-32602, reply.ErrorCode);
        Assert.Equal("params", reply.Field);
    }

    [Fact]
    public async Task A_huge_request_id_is_refused_and_not_echoed()
    {
        var id = "\"" + new string('x', 5000) + "\"";
        var reply = await Rpc.SendAsync(Client, "/toolbox", Rpc.Request("GetTask", "{\"id\":\"t\"}", id));
        Assert.Equal(-32600, reply.ErrorCode);
        Assert.Equal(JsonValueKind.Null, reply.Json.GetProperty("id").ValueKind);
    }

    [Fact]
    public async Task Json_nested_deeper_than_the_limit_is_refused()
    {
        var deep = new string('[', 40) + new string(']', 40);
        var reply = await Rpc.SendAsync(Client, "/toolbox", Rpc.Request("SendMessage", "{\"message\":{\"messageId\":\"m\",\"role\":\"ROLE_USER\",\"parts\":[{\"data\":" + deep + "}]}}", "\"deep\""));
        Assert.Equal(-32600, reply.ErrorCode);
        Assert.Equal("JSON_TOO_DEEP", reply.Reason);
        Assert.Contains("32", reply.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal("deep", reply.Json.GetProperty("id").GetString());
    }

    [Fact]
    public async Task A_body_over_the_limit_is_413_before_it_is_read()
    {
        var big = Rpc.Request("SendMessage", Rpc.UserText(new string('a', 70 * 1024)));
        var reply = await Rpc.SendAsync(Client, "/toolbox", big);
        Assert.Equal(413, reply.Status);
        Assert.Equal(-32600, reply.ErrorCode);
        Assert.Equal("REQUEST_TOO_LARGE", reply.Reason);
        Assert.Contains("65536", reply.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_chunked_body_over_the_limit_is_413()
    {
        var big = Encoding.UTF8.GetBytes(Rpc.Request("SendMessage", Rpc.UserText(new string('a', 70 * 1024))));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/toolbox") { Content = new StreamContent(new UnknownLengthStream(big)) };
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.Add("A2A-Version", "1.0");
        request.Headers.TransferEncodingChunked = true;
        using var response = await Client.SendAsync(request);
        var reply = await Reply.ReadAsync(response);
        Assert.Equal(413, reply.Status);
        Assert.Equal("REQUEST_TOO_LARGE", reply.Reason);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("application/json; charset=latin1")]
    public async Task A_non_json_media_type_is_415(string contentType)
    {
        using var request = Rpc.Post("/toolbox", Rpc.Request("SendMessage", Rpc.UserText("x")), contentType: contentType);
        using var response = await Client.SendAsync(request);
        var reply = await Reply.ReadAsync(response);
        Assert.Equal(415, reply.Status);
        Assert.Equal("UNSUPPORTED_MEDIA_TYPE", reply.Reason);
    }

    [Fact]
    public async Task An_a2a_json_media_type_is_accepted()
    {
        using var request = Rpc.Post("/toolbox", Rpc.Request("SendMessage", Rpc.UserText("x")), contentType: "application/a2a+json");
        using var response = await Client.SendAsync(request);
        Assert.False((await Reply.ReadAsync(response)).IsError);
    }

    [Theory]
    [InlineData("Bogus")]
    [InlineData("GetTasks")]
    public async Task An_unknown_method_is_method_not_found(string method)
    {
        var reply = await Rpc.CallAsync(Client, "/toolbox", method, null);
        Assert.Equal(-32601, reply.ErrorCode);
        Assert.Contains("not an A2A 1.0 method", reply.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Caller_text_quoted_in_errors_cannot_forge_log_lines()
    {
        var reply = await Rpc.CallAsync(Client, "/toolbox", "Bogus\\nA2A agent toolbox: request accepted", null);
        Assert.Equal(-32601, reply.ErrorCode);
        Assert.Contains("Bogus\\nA2A agent", reply.ErrorMessage, StringComparison.Ordinal); // escaped by the one sanitizer
        Assert.DoesNotContain(fixture.Host.Logs.Entries, e => e.Message.Contains('\n', StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("message/send", "SendMessage")]
    [InlineData("message/stream", "SendStreamingMessage")]
    [InlineData("tasks/get", "GetTask")]
    [InlineData("tasks/cancel", "CancelTask")]
    [InlineData("tasks/resubscribe", "SubscribeToTask")]
    [InlineData("tasks/pushNotificationConfig/set", "CreateTaskPushNotificationConfig")]
    [InlineData("agent/getAuthenticatedExtendedCard", "GetExtendedAgentCard")]
    public async Task A_v03_method_name_is_method_not_found_naming_the_10_method(string legacy, string current)
    {
        var reply = await Rpc.CallAsync(Client, "/toolbox", legacy, Rpc.UserText("x"));
        Assert.Equal(-32601, reply.ErrorCode);
        Assert.Contains("speaks A2A 1.0", reply.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains(current, reply.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_request_without_a2a_version_is_a_03_request_and_refused()
    {
        var reply = await Rpc.SendAsync(Client, "/toolbox", Rpc.Request("SendMessage", Rpc.UserText("x")), version: null);
        Assert.Equal(-32009, reply.ErrorCode);
        Assert.Equal("VERSION_NOT_SUPPORTED", reply.Reason);
        Assert.Contains("A2A-Version: 1.0", reply.ErrorMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0.3", true)]
    [InlineData("2.0", true)]
    [InlineData("1.1", true)]
    [InlineData("banana", true)]
    [InlineData("1.0", false)]
    [InlineData("1", false)]
    [InlineData("1.0.2", false)]
    [InlineData(" 1.0 ", false)]
    public async Task A2a_version_is_checked(string version, bool refused)
    {
        var reply = await Rpc.SendAsync(Client, "/toolbox", Rpc.Request("SendMessage", Rpc.UserText("x")), version: version);
        Assert.Equal(refused, reply.IsError);
        if (refused)
        {
            // 0.3 is understood (AcceptProtocolV03): a 1.0 method name under it is not a 0.3 method.
            Assert.Equal(version == "0.3" ? -32601 : -32009, reply.ErrorCode);
        }
    }

    [Fact]
    public async Task A2a_version_may_come_as_a_query_parameter()
    {
        var reply = await Rpc.SendAsync(Client, "/toolbox?A2A-Version=1.0", Rpc.Request("SendMessage", Rpc.UserText("x")), version: null);
        Assert.False(reply.IsError);
    }

    [Fact]
    public async Task Activated_extensions_are_echoed()
    {
        var reply = await Rpc.CallAsync(Client, "/toolbox", "SendMessage", Rpc.UserText("x"),
            [Rpc.Header("A2A-Extensions", "urn:unknown:ext, " + Protocol.A2AProtocol.RequestSigningExtensionUri)]);
        Assert.False(reply.IsError);
        Assert.Equal(Protocol.A2AProtocol.RequestSigningExtensionUri, Assert.Single(reply.Headers.GetValues("A2A-Extensions")));

        var none = await Rpc.CallAsync(Client, "/toolbox", "SendMessage", Rpc.UserText("x"), [Rpc.Header("A2A-Extensions", "urn:unknown:ext")]);
        Assert.False(none.Headers.Contains("A2A-Extensions"));
    }

    [Fact]
    public async Task A_required_extension_that_is_not_requested_is_refused()
    {
        var missing = await Rpc.CallAsync(Client, "/strict", "SendMessage", Rpc.UserText("x"));
        Assert.Equal(-32008, missing.ErrorCode);
        Assert.Contains(StrictAgent.RequiredExtension, missing.ErrorMessage, StringComparison.Ordinal);

        var other = await Rpc.CallAsync(Client, "/strict", "SendMessage", Rpc.UserText("x"), [Rpc.Header("A2A-Extensions", StrictAgent.OptionalExtension)]);
        Assert.Equal(-32008, other.ErrorCode);

        var present = await Rpc.CallAsync(Client, "/strict", "SendMessage", Rpc.UserText("x"),
            [Rpc.Header("A2A-Extensions", $"{StrictAgent.OptionalExtension},{StrictAgent.RequiredExtension}")]);
        Assert.False(present.IsError);
        Assert.Equal($"{StrictAgent.RequiredExtension}, {StrictAgent.OptionalExtension}", Assert.Single(present.Headers.GetValues("A2A-Extensions")));

        var legacy = await Rpc.CallAsync(Client, "/strict", "SendMessage", Rpc.UserText("x"), [Rpc.Header("X-A2A-Extensions", StrictAgent.RequiredExtension)]);
        Assert.False(legacy.IsError);
    }

    [Fact]
    public async Task Streaming_methods_on_an_agent_that_does_not_stream_are_unsupported()
    {
        var headers = new[] { Rpc.Header("A2A-Extensions", StrictAgent.RequiredExtension) };
        var reply = await Rpc.CallAsync(Client, "/strict", "SendStreamingMessage", Rpc.UserText("x"), headers);
        Assert.Equal(-32004, reply.ErrorCode);
        var subscribe = await Rpc.CallAsync(Client, "/strict", "SubscribeToTask", "{\"id\":\"abc\"}", headers);
        Assert.Equal(-32004, subscribe.ErrorCode);
    }

    [Theory]
    [InlineData("CreateTaskPushNotificationConfig")]
    [InlineData("GetTaskPushNotificationConfig")]
    [InlineData("ListTaskPushNotificationConfigs")]
    [InlineData("DeleteTaskPushNotificationConfig")]
    public async Task Push_notification_methods_are_not_supported(string method)
    {
        var reply = await Rpc.CallAsync(Client, "/toolbox", method, "{\"taskId\":\"t\",\"url\":\"https://example.com/hook\"}");
        Assert.Equal(-32003, reply.ErrorCode);
        Assert.Equal("PUSH_NOTIFICATION_NOT_SUPPORTED", reply.Reason);
        Assert.Equal("a2a-protocol.org", reply.ErrorInfo.GetProperty("domain").GetString());
    }

    /// <summary>A stream that hides its length, so HttpClient sends the body chunked.</summary>
    private sealed class UnknownLengthStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
