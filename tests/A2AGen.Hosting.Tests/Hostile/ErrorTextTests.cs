using System.Net.Http.Headers;

namespace A2AGen.Hosting.Tests.Hostile;

/// <summary>
/// Issue 11 §4, exception text in errors: parse errors and invalid parameters answer in A2AGen's own words with the
/// JSON path at fault — never System.Text.Json's messages (<c>LineNumber: 0 | BytePositionInLine: 0</c>) or .NET type
/// names (<c>IReadOnlyList`1[A2AGen.Protocol.Part]</c>).
/// </summary>
public sealed class ErrorTextTests(ToolboxFixture fixture) : IClassFixture<ToolboxFixture>
{
    private static readonly string[] Leaks = ["LineNumber", "BytePosition", "Path:", "System.", "A2AGen.", "`1", "Int32", "Decimal", "QuoteRequest", "IReadOnly", "could not be converted", "invalid start of a value"];

    private static void AssertOwnWords(Reply reply)
    {
        foreach (var leak in Leaks)
        {
            Assert.DoesNotContain(leak, reply.ErrorMessage, StringComparison.Ordinal);
        }

        HostileText.AssertCleanReply(reply, "error text");
    }

    private async Task<Reply> SendRawAsync(byte[] body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/toolbox") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/json");
        request.Headers.Add("A2A-Version", "1.0");
        using var response = await fixture.Client.SendAsync(request);
        return await Reply.ReadAsync(response);
    }

    [Theory]
    [InlineData(new byte[] { 0xEF }, "0xEF", "line 1")]
    [InlineData(new byte[] { (byte)'{', (byte)'"', (byte)'a', (byte)'"', (byte)':' }, "end of the body", "line 1")]
    [InlineData(new byte[] { (byte)'{', (byte)'\n', (byte)'x' }, "'x'", "line 2")]
    [InlineData(new byte[] { }, "empty", "")]
    public async Task Parse_errors_say_where_in_their_own_words(byte[] body, string what, string where)
    {
        var reply = await SendRawAsync(body);
        Assert.Equal(-32700, reply.ErrorCode);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, reply.Json.GetProperty("id").ValueKind);
        Assert.Contains(what, reply.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains(where, reply.ErrorMessage, StringComparison.Ordinal);
        AssertOwnWords(reply);
    }

    [Fact]
    public async Task A_parse_error_inside_params_names_the_path_it_reached()
    {
        var reply = await SendRawAsync("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"SendMessage\",\"params\":{\"message\":{\"parts\":[{\"text\":\"x\"},]}}}"u8.ToArray());
        Assert.Equal(-32700, reply.ErrorCode);
        Assert.Contains("params.message.parts", reply.ErrorMessage, StringComparison.Ordinal);
        AssertOwnWords(reply);
    }

    [Theory]
    [InlineData("SendMessage", "{\"message\":{\"messageId\":\"m\",\"role\":\"ROLE_USER\",\"parts\":\"nope\"}}", "params.message.parts", "expected an array")]
    [InlineData("SendMessage", "{\"message\":{\"messageId\":\"m\",\"role\":\"ROLE_USER\",\"parts\":[5]}}", "params.message.parts[0]", "expected an object")]
    [InlineData("SendMessage", "{\"message\":{\"messageId\":\"m\",\"role\":\"ROLE_NOPE\",\"parts\":[{\"text\":\"x\"}]}}", "params.message.role", "expected")]
    [InlineData("SendMessage", "{\"message\":{\"messageId\":7,\"role\":\"ROLE_USER\",\"parts\":[{\"text\":\"x\"}]}}", "params.message.messageId", "expected a string")]
    [InlineData("SendMessage", "{\"message\":[]}", "params.message", "expected an object")]
    [InlineData("GetTask", "{\"id\":\"t\",\"historyLength\":\"ten\"}", "params.historyLength", "expected a number")]
    [InlineData("ListTasks", "{\"includeArtifacts\":\"yes\"}", "params.includeArtifacts", "expected true or false")]
    [InlineData("SendMessage", "{\"message\":{\"messageId\":\"m\",\"role\":\"ROLE_USER\",\"parts\":[{\"data\":{\"amount\":\"lots\",\"currency\":\"EUR\"}}],\"metadata\":{\"urn:a2agen:skill\":\"quote\"}}}", "params.message.parts[0].data.amount", "expected a number")]
    [InlineData("SendMessage", "{\"message\":{\"messageId\":\"m\",\"role\":\"ROLE_USER\",\"parts\":[{\"data\":[1]}],\"metadata\":{\"urn:a2agen:skill\":\"quote\"}}}", "params.message.parts[0].data", "expected an object")]
    public async Task Invalid_params_name_the_path_and_what_was_expected_without_type_names(string method, string parameters, string field, string expected)
    {
        var reply = await Rpc.CallAsync(fixture.Client, "/toolbox", method, parameters, [Rpc.Header(TestHost.UserHeader, "alice")]);
        Assert.Equal(-32602, reply.ErrorCode);
        Assert.Equal(field, reply.Field);
        Assert.Contains(field + ": " + expected, reply.ErrorMessage, StringComparison.Ordinal);
        AssertOwnWords(reply);
    }
}
