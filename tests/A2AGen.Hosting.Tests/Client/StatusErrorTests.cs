using System.Net;
using A2AGen.Client;
using A2AGen.Protocol;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace A2AGen.Hosting.Tests.Client;

/// <summary>
/// Errors a binding reports as a <c>google.rpc.Status</c> (HTTP+JSON, gRPC) get the JSON-RPC code the same error has, and
/// an HTTP+JSON peer that answers outside the protocol is reported as such (a real Kestrel peer answering by hand).
/// </summary>
public sealed class StatusErrorTests
{
    [Theory]
    [InlineData("NOT_FOUND", "TASK_NOT_FOUND", null, -32001)]
    [InlineData("FAILED_PRECONDITION", "TASK_NOT_CANCELABLE", null, -32002)]
    [InlineData("FAILED_PRECONDITION", "PUSH_NOTIFICATION_NOT_SUPPORTED", null, -32003)]
    [InlineData("FAILED_PRECONDITION", "UNSUPPORTED_OPERATION", null, -32004)]
    [InlineData("INVALID_ARGUMENT", "CONTENT_TYPE_NOT_SUPPORTED", "message.parts[0]", -32005)]
    [InlineData("INTERNAL", "INVALID_AGENT_RESPONSE", null, -32006)]
    [InlineData("FAILED_PRECONDITION", "EXTENDED_AGENT_CARD_NOT_CONFIGURED", null, -32007)]
    [InlineData("FAILED_PRECONDITION", "EXTENSION_SUPPORT_REQUIRED", null, -32008)]
    [InlineData("FAILED_PRECONDITION", "VERSION_NOT_SUPPORTED", null, -32009)]
    [InlineData("INVALID_ARGUMENT", "PARSE_ERROR", null, -32700)]
    [InlineData("INVALID_ARGUMENT", "INVALID_PARAMS", "message", -32602)]
    [InlineData("INVALID_ARGUMENT", "SKILL_NOT_FOUND", "message.metadata", -32602)]
    [InlineData("INVALID_ARGUMENT", "JSON_TOO_DEEP", null, -32600)]
    [InlineData("UNAUTHENTICATED", "REQUEST_SIGNATURE_MISSING", null, -32000)]
    [InlineData("PERMISSION_DENIED", "PASSPORT_REQUIRED", null, -32000)]
    [InlineData("INTERNAL", "INTERNAL_ERROR", null, -32603)]
    [InlineData("RESOURCE_EXHAUSTED", "TASK_QUOTA_EXCEEDED", null, -32603)]
    [InlineData("UNAVAILABLE", "REPLAY_CACHE_UNAVAILABLE", null, -32603)]
    [InlineData("NOT_FOUND", null, null, null)]
    [InlineData("UNIMPLEMENTED", null, null, null)]
    public void A_status_gets_the_json_rpc_code_of_its_reason_else_of_its_status(string status, string? reason, string? field, int? code)
    {
        var error = A2AClientException.FromStatus("SendMessage", status, "what failed", reason, reason is null ? null : "a2a-protocol.org", null, field);
        Assert.Equal(code, error.Code);
        Assert.Equal(reason, error.Reason);
        Assert.Equal(status, error.Status);
        Assert.Equal(field, error.Field);
        Assert.Equal($"SendMessage failed: what failed ({status}{(reason is null ? "" : ", " + reason)})", error.Message);
    }

    [Fact]
    public void The_field_at_fault_may_come_from_the_error_info_metadata()
    {
        var error = A2AClientException.FromStatus("SendMessage", "INVALID_ARGUMENT", "bad", "INVALID_UNICODE", "a2agen.dev", new Dictionary<string, string> { ["field"] = "message.parts[0].text" }, null, HttpStatusCode.BadRequest);
        Assert.Equal(-32602, error.Code);
        Assert.Equal("message.parts[0].text", error.Field);
        Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
    }

    [Fact]
    public async Task An_http_json_peer_outside_the_protocol_is_reported_as_such()
    {
        await using var host = await TestHost.StartAsync(
            _ => { },
            app =>
            {
                app.MapGet("/html/tasks/{id}", () => Results.Text("<html>bad gateway</html>", "text/html", statusCode: 502));
                app.MapGet("/array/tasks/{id}", () => Results.Text("[1,2]", "application/a2a+json"));
                app.MapGet("/bare/tasks/{id}", () => Results.Text("{\"error\":{\"code\":404,\"message\":\"gone\"}}", "application/a2a+json", statusCode: 404));
                app.MapPost("/sse/message:stream", async (HttpContext context) =>
                {
                    context.Response.ContentType = "text/event-stream";
                    await context.Response.WriteAsync("data: {\"statusUpdate\":{\"taskId\":\"t\",\"contextId\":\"c\",\"status\":{\"state\":\"TASK_STATE_WORKING\"}}}\n\n");
                    await context.Response.WriteAsync("event: error\ndata: {\"error\":{\"code\":403,\"status\":\"PERMISSION_DENIED\",\"message\":\"no\",\"details\":[{\"@type\":\"type.googleapis.com/google.rpc.ErrorInfo\",\"reason\":\"POLICY_DENIED\",\"domain\":\"a2agen.dev\"}]}}\n\n");
                });
            });
        A2AClient At(string path) => A2AClient.Create(host.Client, new AgentInterface { Url = new Uri(host.BaseAddress, path).AbsoluteUri, ProtocolBinding = AgentInterface.HttpJsonBinding });

        var html = await Assert.ThrowsAsync<A2AClientException>(() => At("/html").GetTaskAsync("t"));
        Assert.Equal(("HTTP_ERROR", HttpStatusCode.BadGateway), (html.Reason, html.StatusCode));

        var array = await Assert.ThrowsAsync<A2AClientException>(() => At("/array").GetTaskAsync("t"));
        Assert.Equal("INVALID_RESPONSE", array.Reason);

        // A status without a name or details: named after the HTTP status.
        var bare = await Assert.ThrowsAsync<A2AClientException>(() => At("/bare").GetTaskAsync("t"));
        Assert.Equal(("NOT_FOUND", HttpStatusCode.NotFound, (int?)null), (bare.Status, bare.StatusCode, bare.Code));

        // An error event ends the stream after the events before it, with the status's HTTP code.
        var events = new List<StreamResponse>();
        var stream = await Assert.ThrowsAsync<A2AClientException>(async () =>
        {
            await foreach (var item in At("/sse").SendStreamingMessageAsync(new SendMessageRequest { Message = Message.UserText("x") }))
            {
                events.Add(item);
            }
        });
        Assert.Single(events);
        Assert.Equal(("POLICY_DENIED", "PERMISSION_DENIED", -32000, HttpStatusCode.Forbidden), (stream.Reason, stream.Status, stream.Code, stream.StatusCode));
    }
}
