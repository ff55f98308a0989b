using System.Net.Http.Headers;
using System.Text;
using A2AGen.Hosting.Tasks;
using A2AGen.Protocol;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace A2AGen.Hosting.Tests.Hostile;

/// <summary>
/// Issue 11 §4, poisoned metadata: a lone surrogate escape (<c>"\udc00"</c>) or invalid UTF-8 anywhere in a request
/// is refused when the request is parsed (-32602 naming the JSON path) before any skill runs, so no task ever holds
/// text that cannot be written back out; and a skill whose output cannot be written ends its task cleanly, so
/// <c>GetTask</c>, <c>ListTasks</c> and streams never answer 500 because of what a store holds.
/// </summary>
public sealed class InvalidUnicodeTests : IAsyncLifetime
{
    private const string PassportKey = "https://github.com/a2aproject/a2a-samples/tree/main/samples/python/extensions/secure-passport";
    private static readonly KeyValuePair<string, string>[] Alice = [Rpc.Header(TestHost.UserHeader, "alice")];

    private TestHost _host = null!;

    public async Task InitializeAsync() => _host = await TestHost.StartAsync(
        s =>
        {
            s.AddSingleton<SkillProbe>();
            s.AddA2AAgent<ToolboxAgent>(o => o.Json.TypeInfoResolverChain.Insert(0, ToolboxJsonContext.Default));
        },
        app => app.MapA2AAgent<ToolboxAgent>("/toolbox"));

    public Task DisposeAsync() => _host.DisposeAsync().AsTask();

    private static string Message(string metadata, string part = "{\"text\":\"x\"}") =>
        "{\"message\":{\"messageId\":\"m\",\"role\":\"ROLE_USER\",\"parts\":[" + part + "],\"metadata\":{" + metadata + "}}}";

    private async Task<Reply> SendBytesAsync(byte[] body, string? accept = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/toolbox") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/json");
        request.Headers.Add("A2A-Version", "1.0");
        request.Headers.Add(TestHost.UserHeader, "alice");
        if (accept is not null)
        {
            request.Headers.Accept.ParseAdd(accept);
        }

        using var response = await _host.Client.SendAsync(request);
        return await Reply.ReadAsync(response);
    }

    private async Task AssertNoTaskAsync()
    {
        var list = await Rpc.CallAsync(_host.Client, "/toolbox", "ListTasks", "{}", Alice);
        Assert.Equal(200, list.Status);
        Assert.Equal(0, list.Result.GetProperty("tasks").GetArrayLength());
    }

    private static void Refused(Reply reply, string field)
    {
        Assert.Equal(200, reply.Status);
        Assert.Equal(-32602, reply.ErrorCode);
        Assert.Equal(field, reply.Field);
        Assert.Contains("Unicode", reply.ErrorMessage, StringComparison.Ordinal);
        HostileText.AssertCleanReply(reply, field);
    }

    [Theory]
    [InlineData("\"p\":\"\\udc00\"", "params.message.metadata.p")]
    [InlineData("\"p\":\"ok \\ud83d\"", "params.message.metadata.p")]
    [InlineData("\"p\":\"\\ud83d\\u0041\"", "params.message.metadata.p")]
    [InlineData("\"p\":{\"deep\":[1,\"\\udfff\"]}", "params.message.metadata.p.deep[1]")]
    [InlineData("\"odd key\":\"\\udc00\"", "params.message.metadata[\"odd key\"]")]
    [InlineData("\"\\ud800\":1", "params.message.metadata[\"\\ud800\"]")]
    [InlineData("\"" + PassportKey + "\":{\"clientId\":\"desk\",\"state\":{\"loyalty_tier\":\"\\udc00\"}}", "params.message.metadata[\"" + PassportKey + "\"].state.loyalty_tier")]
    public async Task A_lone_surrogate_escape_anywhere_is_refused_before_the_skill_runs(string metadata, string field)
    {
        var reply = await Rpc.SendAsync(_host.Client, "/toolbox", Rpc.Request("SendMessage", Message(metadata)), headers: Alice);
        Refused(reply, field);
        await AssertNoTaskAsync();
    }

    [Fact]
    public async Task Invalid_utf8_bytes_are_refused_naming_the_field()
    {
        var body = Encoding.UTF8.GetBytes(Rpc.Request("SendMessage", Message("\"p\":\"ok\"", "{\"text\":\"@@\"}")));
        var at = Array.IndexOf(body, (byte)'@');
        body[at] = 0xC3;       // a lead byte without its continuation
        body[at + 1] = 0x28;
        Refused(await SendBytesAsync(body), "params.message.parts[0].text");

        var overlong = Encoding.UTF8.GetBytes(Rpc.Request("SendMessage", Message("\"@@\":1")));
        at = Array.IndexOf(overlong, (byte)'@');
        overlong[at] = 0xC0;   // an overlong encoding of '/'
        overlong[at + 1] = 0xAF;
        var reply = await SendBytesAsync(overlong);
        Assert.Equal(-32602, reply.ErrorCode);
        Assert.StartsWith("params.message.metadata[", reply.Field, StringComparison.Ordinal);
        await AssertNoTaskAsync();
    }

    [Fact]
    public async Task A_poisoned_stream_request_is_refused_with_a_json_error_not_an_empty_stream()
    {
        var reply = await SendBytesAsync(Encoding.UTF8.GetBytes(Rpc.Request("SendStreamingMessage", Message("\"p\":\"\\udc00\""))), "text/event-stream");
        Assert.Equal("application/json", reply.ContentHeaders!.ContentType!.MediaType);
        Refused(reply, "params.message.metadata.p");
    }

    [Fact]
    public async Task Valid_surrogate_pairs_and_other_methods_are_unaffected()
    {
        var ok = await Rpc.SendAsync(_host.Client, "/toolbox", Rpc.Request("SendMessage", Message("\"p\":\"\\ud83d\\ude00 \U0001F600\"")), headers: Alice);
        Assert.Equal(200, ok.Status);
        Assert.Equal("\U0001F600 \U0001F600", ok.Result.GetProperty("task").GetProperty("history")[0].GetProperty("metadata").GetProperty("p").GetString());

        var get = await Rpc.SendAsync(_host.Client, "/toolbox", Rpc.Request("GetTask", "{\"id\":\"t\",\"x\":\"\\udc00\"}"), headers: Alice);
        Assert.Equal(-32602, get.ErrorCode);
        Assert.Equal("params.x", get.Field);

        var id = await Rpc.SendAsync(_host.Client, "/toolbox", "{\"jsonrpc\":\"2.0\",\"id\":\"\\udc00\",\"method\":\"GetTask\",\"params\":{\"id\":\"t\"}}");
        Assert.Equal(-32600, id.ErrorCode);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, id.Json.GetProperty("id").ValueKind);
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    public async Task A_skill_whose_output_cannot_be_written_fails_cleanly_and_listing_keeps_working(bool returnImmediately, bool streaming)
    {
        var send = "{\"message\":{\"messageId\":\"m\",\"role\":\"ROLE_USER\",\"parts\":[{\"text\":\"x\"}],\"metadata\":{\"urn:a2agen:skill\":\"poison\"}}" +
            (returnImmediately ? ",\"configuration\":{\"returnImmediately\":true}}" : "}");
        if (streaming)
        {
            var events = await Rpc.StreamAsync(_host.Client, "/toolbox", "SendStreamingMessage", send, headers: Alice);
            var last = events[^1].GetProperty("result").GetProperty("statusUpdate").GetProperty("status");
            Assert.Equal("TASK_STATE_FAILED", last.GetProperty("state").GetString());
        }
        else
        {
            var reply = await Rpc.CallAsync(_host.Client, "/toolbox", "SendMessage", send, Alice);
            if (returnImmediately)
            {
                Assert.Equal(200, reply.Status);
                var taskId = reply.Result.GetProperty("task").GetProperty("id").GetString();
                for (var i = 0; i < 200; i++)
                {
                    var get = await Rpc.CallAsync(_host.Client, "/toolbox", "GetTask", "{\"id\":\"" + taskId + "\"}", Alice);
                    Assert.Equal(200, get.Status);
                    if (get.Result.GetProperty("status").GetProperty("state").GetString() == "TASK_STATE_FAILED")
                    {
                        break;
                    }

                    await Task.Delay(25);
                }
            }
            else
            {
                Assert.Equal(500, reply.Status);
                Assert.Equal("INVALID_AGENT_RESPONSE", reply.Reason);
                Assert.DoesNotContain("udc00", reply.Raw, StringComparison.OrdinalIgnoreCase);
            }
        }

        var list = await Rpc.CallAsync(_host.Client, "/toolbox", "ListTasks", "{\"includeArtifacts\":true}", Alice);
        Assert.Equal(200, list.Status);
        foreach (var task in list.Result.GetProperty("tasks").EnumerateArray())
        {
            Assert.Equal("TASK_STATE_FAILED", task.GetProperty("status").GetProperty("state").GetString());
        }
    }

    [Fact]
    public async Task A_shared_store_entry_that_cannot_be_written_back_reads_as_absent()
    {
        var cache = new MemoryDistributedCache(Options.Create(new MemoryDistributedCacheOptions()));
        var store = new DistributedCacheTaskStore(cache, Options.Create(new DistributedCacheTaskStoreOptions { KeyPrefix = "t:" }), new FakeTimeProvider(DateTimeOffset.UtcNow));
        var good = new AgentTask { Id = "good", ContextId = "c", Status = new A2AGen.Protocol.TaskStatus { State = TaskState.Completed } };
        await store.SaveAsync(new TaskRecord { AgentId = "a", OwnerId = "user:alice", Task = good }, TimeSpan.FromHours(1), default);

        // Written by something else than this store (an older version, another tool): an escaped lone surrogate inside.
        await cache.SetAsync("t:task:a:bad", """{"v":1,"owner":"user:alice","task":{"id":"bad","contextId":"c","status":{"state":"TASK_STATE_COMPLETED"},"metadata":{"p":"\udc00"}}}"""u8.ToArray());
        Assert.Null(await store.GetAsync("a", "bad", default));
        Assert.NotNull(await store.GetAsync("a", "good", default));
    }
}
