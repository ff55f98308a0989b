using System.Text;
using System.Text.Json;

namespace A2AGen.Conformance.Tests.Bindings;

/// <summary>TCK JSON-RPC binding requirements (JSONRPC-*), on the wire.</summary>
[Collection(ConformanceCollection.Name)]
public sealed class JsonRpcBindingTests(ConformanceHost host)
{
    // Signed in: listing needs an authenticated caller (A2AGen refuses anonymous ListTasks unless configured to allow it).
    private JsonRpcBinding Rpc => (JsonRpcBinding)host.Client(Binding.JsonRpc, "jsonrpc-binding-tests");

    [Fact, Trait("tck", "JSONRPC-FMT-001")]
    public async Task JSONRPC_FMT_001_a_2_0_envelope_is_answered_in_kind_and_anything_else_is_InvalidRequest()
    {
        var ok = await Rpc.PostAsync("""{"jsonrpc":"2.0","id":"req-7","method":"GetTask","params":{"id":"tck-nonexistent"}}""");
        var noVersion = await Rpc.PostAsync("""{"id":1,"method":"GetTask","params":{"id":"x"}}""");

        Assert.Equal("2.0", ok.ErrorObject.GetProperty("jsonrpc").GetString());
        Assert.Equal("req-7", ok.ErrorObject.GetProperty("id").GetString());
        Assert.Equal(-32600, noVersion.ErrorObject.GetProperty("error").GetProperty("code").GetInt32());
    }

    [Fact, Trait("tck", "JSONRPC-FMT-002")]
    public async Task JSONRPC_FMT_002_requests_and_answers_are_application_json()
    {
        var reply = await Rpc.SendAsync(Tck.Send("tck-complete-task"));
        using var textPlain = new HttpRequestMessage(HttpMethod.Post, "/") { Content = new StringContent(JsonRpcBinding.Envelope("GetTask", """{"id":"x"}"""), Encoding.UTF8, "text/plain") };
        textPlain.Headers.Add("A2A-Version", "1.0");
        using var refused = await host.Http.SendAsync(textPlain);

        Assert.Equal("application/json", reply.ContentType);
        Assert.Equal(415, (int)refused.StatusCode);
    }

    [Fact, Trait("tck", "JSONRPC-SVC-001")]
    public async Task JSONRPC_SVC_001_methods_are_PascalCase()
    {
        var pascal = await Rpc.CallAsync("ListTasks", "{}");
        var camel = await Rpc.CallAsync("listTasks", "{}");

        Assert.False(pascal.IsError, pascal.Raw);
        Assert.Equal(-32601, camel.ErrorObject.GetProperty("error").GetProperty("code").GetInt32());
    }

    [Fact, Trait("tck", "JSONRPC-SVC-002")]
    public async Task JSONRPC_SVC_002_service_parameters_travel_as_HTTP_headers()
    {
        var unsupported = await Rpc.CallAsync("ListTasks", "{}", version: "9.9");

        Assert.Equal("VERSION_NOT_SUPPORTED", unsupported.Reason);
    }

    [Fact, Trait("tck", "JSONRPC-ERR-001"), Trait("tck", "JSONRPC-ERR-002"), Trait("tck", "JSONRPC-ERR-003"), Trait("tck", "CORE-ERR-001")]
    public async Task JSONRPC_ERR_001_002_003_A2A_errors_are_JSON_RPC_errors_with_an_A2A_code_and_ErrorInfo()
    {
        var reply = await Rpc.GetTaskAsync("tck-nonexistent-err");

        var error = reply.ErrorObject.GetProperty("error");
        var code = error.GetProperty("code").GetInt32();
        Assert.InRange(code, -32099, -32001);
        Assert.False(string.IsNullOrWhiteSpace(error.GetProperty("message").GetString()));
        var info = error.GetProperty("data").EnumerateArray().Single(d => d.GetProperty("@type").GetString() == "type.googleapis.com/google.rpc.ErrorInfo");
        Assert.Equal("TASK_NOT_FOUND", info.GetProperty("reason").GetString());
        Assert.Equal("a2a-protocol.org", info.GetProperty("domain").GetString());
    }

    [Fact, Trait("tck", "JSONRPC-SSE-001")]
    public async Task JSONRPC_SSE_001_streams_are_server_sent_events_of_JSON_RPC_responses()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/") { Content = new StringContent(JsonRpcBinding.Envelope("SendStreamingMessage", Tck.Send("tck-stream-001")), Encoding.UTF8, "application/json") };
        request.Headers.Add("A2A-Version", "1.0");
        using var response = await host.Http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        var events = body.Split('\n').Where(l => l.StartsWith("data:", StringComparison.Ordinal)).Select(l => JsonDocument.Parse(l[5..]).RootElement).ToList();
        Assert.Equal(4, events.Count);
        Assert.All(events, e =>
        {
            Assert.Equal("2.0", e.GetProperty("jsonrpc").GetString());
            Assert.True(e.GetProperty("result").EnumerateObject().Single().Name is "task" or "statusUpdate" or "artifactUpdate");
        });
    }

    [Fact, Trait("tck", "JSONRPC-SSE-002"), Trait("tck", "CORE-CAP-001"), Trait("tck", "CORE-CAP-003")]
    public async Task JSONRPC_SSE_002_each_A2A_error_has_its_JSON_RPC_code()
    {
        var rpc = Rpc;
        var done = Tck.Id((await rpc.SendAsync(Tck.Send("tck-complete-task"))).Task);
        var media = """{"message":{"messageId":"tck-send-003-c","role":"ROLE_USER","parts":[{"raw":"dGNr","mediaType":"application/x-unsupported-tck-type"}]}}""";

        Assert.Equal(-32001, Code(await rpc.GetTaskAsync("tck-nonexistent")));
        Assert.Equal(-32002, Code(await rpc.CancelTaskAsync(done)));
        Assert.Equal(-32003, Code(await rpc.CallAsync("CreateTaskPushNotificationConfig", $$"""{"taskId":"{{done}}","url":"https://example.com/hook"}""")));
        Assert.Equal(-32004, Code(await rpc.SendAsync(Tck.Send("tck-complete-task", taskId: done))));
        Assert.Equal(-32005, Code(await rpc.SendAsync(media)));
        // CORE-CAP-003: the card does not offer an extended card, so asking for one is an unsupported operation.
        Assert.Equal(-32004, Code(await rpc.CallAsync("GetExtendedAgentCard", "{}")));
        Assert.Equal(-32009, Code(await rpc.CallAsync("GetTask", """{"id":"x"}""", version: "9.9")));
    }

    private static int Code(Reply reply) => reply.ErrorObject.GetProperty("error").GetProperty("code").GetInt32();
}
