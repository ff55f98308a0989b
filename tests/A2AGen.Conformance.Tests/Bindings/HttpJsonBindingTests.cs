using System.Text;
using System.Text.Json;

namespace A2AGen.Conformance.Tests.Bindings;

/// <summary>TCK HTTP+JSON binding requirements (HTTP_JSON-*), on the wire.</summary>
[Collection(ConformanceCollection.Name)]
public sealed class HttpJsonBindingTests(ConformanceHost host)
{
    // Signed in: listing needs an authenticated caller (A2AGen refuses anonymous ListTasks unless configured to allow it).
    private HttpJsonBinding Rest => (HttpJsonBinding)host.Client(Binding.HttpJson, "http-json-binding-tests-" + Guid.NewGuid().ToString("N"));

    [Fact, Trait("tck", "HTTP_JSON-URL-001"), Trait("tck", "HTTP_JSON-URL-002")]
    public async Task HTTP_JSON_URL_001_002_operations_live_at_resource_routes_with_their_HTTP_methods()
    {
        var rest = Rest;
        var task = (await rest.CallAsync(HttpMethod.Post, "/message:send", Tck.Send("tck-input-required"))).Task;
        var id = Tck.Id(task);

        Assert.Equal(200, (await rest.CallAsync(HttpMethod.Get, $"/tasks/{id}")).HttpStatus);
        Assert.Equal(200, (await rest.CallAsync(HttpMethod.Get, "/tasks")).HttpStatus);
        Assert.Equal(200, (await rest.CallAsync(HttpMethod.Post, $"/tasks/{id}:cancel", "{}")).HttpStatus);
        // The wrong method on a resource is refused, never served.
        Assert.True((await rest.CallAsync(HttpMethod.Get, "/message:send")).HttpStatus is 404 or 405);
        Assert.True((await rest.CallAsync(HttpMethod.Post, $"/tasks/{id}", "{}")).HttpStatus is 404 or 405);
    }

    [Fact, Trait("tck", "HTTP_JSON-SVC-001")]
    public async Task HTTP_JSON_SVC_001_answers_are_application_json()
    {
        var ok = await Rest.CallAsync(HttpMethod.Post, "/message:send", Tck.Send("tck-complete-task"));
        var error = await Rest.CallAsync(HttpMethod.Get, "/tasks/tck-nonexistent");

        // The 1.0 specification's HTTP+JSON examples use application/a2a+json, the TCK's text application/json: A2AGen
        // answers with the specification's type, a JSON media type either way (docs/conformance.md).
        Assert.Equal("application/a2a+json", ok.ContentType);
        Assert.Equal("application/a2a+json", error.ContentType);
        Assert.Equal(JsonValueKind.Object, ok.Result.ValueKind);
    }

    [Fact, Trait("tck", "HTTP_JSON-SVC-002")]
    public async Task HTTP_JSON_SVC_002_service_parameters_travel_as_HTTP_headers()
    {
        var unsupported = await Rest.CallAsync(HttpMethod.Get, "/tasks", version: "9.9");

        Assert.Equal("VERSION_NOT_SUPPORTED", unsupported.Reason);
    }

    [Fact, Trait("tck", "HTTP_JSON-QP-001")]
    public async Task HTTP_JSON_QP_001_query_parameters_are_camelCase()
    {
        var rest = Rest;
        var waiting = Tck.Id((await rest.SendAsync(Tck.Send("tck-input-required"))).Task);
        await rest.SendAsync(Tck.Send("tck-input-required", "answer", taskId: waiting));

        var one = await rest.CallAsync(HttpMethod.Get, $"/tasks/{waiting}?historyLength=1");
        await rest.SendAsync(Tck.Send("tck-artifact-text"));
        var paged = await rest.CallAsync(HttpMethod.Get, "/tasks?pageSize=1&includeArtifacts=true");
        var snake = await rest.CallAsync(HttpMethod.Get, "/tasks?page_size=1");

        Assert.Equal(1, one.Result.GetProperty("history").GetArrayLength());
        Assert.Equal(1, Assert.Single(paged.Result.GetProperty("tasks").EnumerateArray()).GetProperty("artifacts").GetArrayLength());
        Assert.True(snake.IsError || snake.Result.GetProperty("tasks").GetArrayLength() == 2, "page_size is not a parameter of this binding: " + snake.Raw);
    }

    [Fact, Trait("tck", "HTTP_JSON-ERR-001"), Trait("tck", "HTTP_JSON-ERR-002"), Trait("tck", "CORE-ERR-001")]
    public async Task HTTP_JSON_ERR_001_002_errors_are_AIP_193_with_ErrorInfo()
    {
        var reply = await Rest.CallAsync(HttpMethod.Get, "/tasks/tck-nonexistent-err");

        Assert.Equal("application/a2a+json", reply.ContentType);
        var error = reply.ErrorObject.GetProperty("error");
        Assert.Equal(404, error.GetProperty("code").GetInt32());
        Assert.Equal("NOT_FOUND", error.GetProperty("status").GetString());
        Assert.Contains("tck-nonexistent-err", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        var info = error.GetProperty("details").EnumerateArray().Single(d => d.GetProperty("@type").GetString() == "type.googleapis.com/google.rpc.ErrorInfo");
        Assert.Equal("TASK_NOT_FOUND", info.GetProperty("reason").GetString());
        Assert.Equal("a2a-protocol.org", info.GetProperty("domain").GetString());
    }

    [Fact, Trait("tck", "HTTP_JSON-STATUS-001"), Trait("tck", "CORE-CAP-001"), Trait("tck", "CORE-CAP-003")]
    public async Task HTTP_JSON_STATUS_001_each_A2A_error_has_its_HTTP_status()
    {
        var rest = Rest;
        var done = Tck.Id((await rest.SendAsync(Tck.Send("tck-complete-task"))).Task);
        var media = """{"message":{"messageId":"tck-send-003-s","role":"ROLE_USER","parts":[{"raw":"dGNr","mediaType":"application/x-unsupported-tck-type"}]}}""";

        Assert.Equal((404, "TASK_NOT_FOUND"), Status(await rest.GetTaskAsync("tck-nonexistent")));
        // The A2A specification's §5.4 table (v1.0.1; see docs/conformance.md, "Error mapping").
        Assert.Equal((400, "TASK_NOT_CANCELABLE"), Status(await rest.CancelTaskAsync(done)));
        Assert.Equal((400, "PUSH_NOTIFICATION_NOT_SUPPORTED"), Status(await rest.CallAsync(HttpMethod.Post, $"/tasks/{done}/pushNotificationConfigs", """{"url":"https://example.com/hook"}""")));
        Assert.Equal((400, "UNSUPPORTED_OPERATION"), Status(await rest.SendAsync(Tck.Send("tck-complete-task", taskId: done))));
        Assert.Equal((400, "CONTENT_TYPE_NOT_SUPPORTED"), Status(await rest.SendAsync(media)));
        Assert.Equal((400, "UNSUPPORTED_OPERATION"), Status(await rest.CallAsync(HttpMethod.Get, "/extendedAgentCard")));
        Assert.Equal((400, "VERSION_NOT_SUPPORTED"), Status(await rest.CallAsync(HttpMethod.Get, "/tasks", version: "9.9")));
    }

    [Fact, Trait("tck", "HTTP_JSON-SSE-001")]
    public async Task HTTP_JSON_SSE_001_streams_are_server_sent_events_of_StreamResponse_objects()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/message:stream") { Content = new StringContent(Tck.Send("tck-stream-001"), Encoding.UTF8, "application/json") };
        request.Headers.Add("A2A-Version", "1.0");
        using var response = await host.Http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        var events = body.Split('\n').Where(l => l.StartsWith("data:", StringComparison.Ordinal)).Select(l => JsonDocument.Parse(l[5..]).RootElement).ToList();
        Assert.Equal(["task", "statusUpdate", "artifactUpdate", "statusUpdate"], events.Select(Tck.Kind));
    }

    private static (int, string?) Status(Reply reply) => (reply.HttpStatus, reply.Reason);
}
