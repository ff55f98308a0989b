using System.Text;
using A2AGen.Client;
using A2AGen.Protocol;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace A2AGen.Hosting.Tests.Hostile;

/// <summary>
/// Inputs found by fuzzing (tests/Fuzz, docs/fuzzing.md) that made a hosting-side or client-side parser throw an
/// exception it does not document, each through a real host on 127.0.0.1.
/// </summary>
public sealed class FuzzFindingTests : IAsyncLifetime
{
    private static readonly KeyValuePair<string, string>[] Alice = [Rpc.Header(TestHost.UserHeader, "alice")];

    private TestHost _host = null!;

    public async Task InitializeAsync() => _host = await TestHost.StartAsync(
        s =>
        {
            s.AddSingleton<SkillProbe>();
            s.AddA2AAgent<ToolboxAgent>(o => o.Json.TypeInfoResolverChain.Insert(0, ToolboxJsonContext.Default));
        },
        app =>
        {
            app.MapA2AAgent<ToolboxAgent>("/toolbox");
            // An agent whose event stream the test writes byte for byte (the bytes a fuzzer found).
            app.MapPost("/raw-stream", async (HttpContext context) =>
            {
                context.Response.ContentType = "text/event-stream";
                await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(context.Request.Headers["X-Stream"].ToString().Replace("\\n", "\n", StringComparison.Ordinal)));
            });
        });

    public Task DisposeAsync() => _host.DisposeAsync().AsTask();

    // jsonrpc target: the id scan after an invalid-Unicode refusal compared member names with ValueTextEquals, which
    // throws on a name holding a lone surrogate escape: HTTP 500 for an anonymous one-line body.
    [Theory]
    [InlineData("{\"jsonrpc\":\"2.0\",\"i\\udc00d\":\"r\",\"id\":7,\"method\":\"GetTask\",\"params\":{\"id\":\"t\"}}", "7")]
    [InlineData("{\"\\ud800\":1,\"jsonrpc\":\"2.0\",\"method\":\"SendMessage\",\"params\":{}}", null)]
    public async Task A_member_name_that_is_not_valid_Unicode_before_the_id_is_refused_not_a_500(string body, string? echoedId)
    {
        var reply = await Rpc.SendAsync(_host.Client, "/toolbox", body, headers: Alice);

        Assert.Equal(200, reply.Status);
        Assert.Equal(-32600, reply.ErrorCode);
        Assert.Contains("Unicode", reply.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(echoedId, reply.Json.GetProperty("id").ValueKind == System.Text.Json.JsonValueKind.Null ? null : reply.Json.GetProperty("id").GetRawText());
        HostileText.AssertCleanReply(reply, "invalid Unicode member name");
    }

    // sse target: an agent's event whose JSON holds a lone surrogate escape made the client's normalizer throw
    // InvalidOperationException out of SendStreamingMessageAsync instead of the documented A2AClientException.
    [Theory]
    [InlineData("data: {\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"task\":{\"\\udc00\":1}}}\\n\\n")]
    [InlineData("data: {\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"message\":{\"messageId\":\"\\ud800\"}}}\\n\\n")]
    [InlineData("data: {\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":-32001,\"message\":\"\\udc00\"}}\\n\\n")]
    public async Task A_streamed_event_that_is_not_valid_Unicode_is_an_A2AClientException(string stream)
    {
        using var http = new HttpClient { BaseAddress = _host.BaseAddress };
        http.DefaultRequestHeaders.Add("X-Stream", stream);
        var client = new A2AClient(http, new Uri(_host.BaseAddress, "/raw-stream"));

        var error = await Assert.ThrowsAsync<A2AClientException>(async () =>
        {
            await foreach (var _ in client.SendStreamingMessageAsync(new SendMessageRequest { Message = Message.UserText("hi") }))
            {
            }
        });

        Assert.Equal("INVALID_RESPONSE", error.Reason);
        Assert.Contains("not valid Unicode", error.Message, StringComparison.Ordinal);
    }

    // sse target (the 10-minute run): a "jsonrpc", "error", "code" or field violation of the wrong JSON type made the
    // client's checks throw InvalidOperationException (JsonElement.ValueEquals / TryGetProperty / TryGetInt32).
    [Theory]
    [InlineData("data: {\"jsonrpc\":{},\"id\":1,\"result\":{}}\\n\\n", "INVALID_RESPONSE")]
    [InlineData("data: {\"jsonrpc\":\"2.0\",\"id\":1,\"error\":1}\\n\\n", "INVALID_RESPONSE")]
    [InlineData("data: {\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":\"-32001\",\"message\":\"m\"}}\\n\\n", null)]
    [InlineData("data: {\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":-32602,\"data\":[{\"@type\":\"type.googleapis.com/google.rpc.BadRequest\",\"fieldViolations\":[7]}]}}\\n\\n", null)]
    public async Task A_streamed_answer_of_the_wrong_shape_is_an_A2AClientException(string stream, string? reason)
    {
        using var http = new HttpClient { BaseAddress = _host.BaseAddress };
        http.DefaultRequestHeaders.Add("X-Stream", stream);
        var client = new A2AClient(http, new Uri(_host.BaseAddress, "/raw-stream"));

        var error = await Assert.ThrowsAsync<A2AClientException>(async () =>
        {
            await foreach (var _ in client.SendStreamingMessageAsync(new SendMessageRequest { Message = Message.UserText("hi") }))
            {
            }
        });

        Assert.Equal(reason, error.Reason);
    }
}
