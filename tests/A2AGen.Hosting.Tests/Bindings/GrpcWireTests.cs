using System.Net;
using System.Text.Json;
using A2AGen.Protocol;
using A2AGen.Protocol.Serialization;
using Google.Protobuf;
using Grpc.Core;
using Wire = Lf.A2a.V1;

namespace A2AGen.Hosting.Tests.Bindings;

/// <summary>
/// The gRPC wire: the direct protobuf mapping gives the same records and messages as the ProtoJSON bridge; framing,
/// media type and the message size limit are refused with the gRPC status and reason; structured values (data parts,
/// metadata) take the bridge and work end to end.
/// </summary>
public sealed class GrpcWireTests(ToolboxFixture fixture) : IClassFixture<ToolboxFixture>
{
    public static TheoryData<string> PlainRequests => new()
    {
        """{"message":{"messageId":"m-1","role":"ROLE_USER","parts":[{"text":"hi"}]}}""",
        """{"tenant":"acme","message":{"messageId":"m-2","contextId":"c-1","role":"ROLE_USER","parts":[{"raw":"AAEC","mediaType":"image/png","filename":"a.png"},{"url":"https://example.com/x"}]},"configuration":{"acceptedOutputModes":["text/plain"],"historyLength":2,"returnImmediately":true}}""",
        """{"message":{"messageId":"m-3","taskId":"t-9","role":"ROLE_AGENT","parts":[]}}""",
        """{"configuration":{}}""",
    };

    [Theory]
    [MemberData(nameof(PlainRequests))]
    public void A_plain_request_maps_directly_to_the_record_the_json_reader_makes(string json)
    {
        var wire = GrpcCalls.Parse<Wire.SendMessageRequest>(json);
        Assert.True(ProtoMapping.TryRead(wire, out var direct));
        var viaJson = A2AJson.Deserialize<SendMessageRequest>(JsonFormatter.Default.Format(wire))!;
        Assert.Equal(A2AJson.Serialize(viaJson), A2AJson.Serialize(direct!));
    }

    [Fact]
    public void Structured_values_are_left_to_the_json_reader()
    {
        Assert.False(ProtoMapping.TryRead(GrpcCalls.Parse<Wire.SendMessageRequest>("""{"message":{"messageId":"m","role":"ROLE_USER","parts":[{"data":{"a":1}}]}}"""), out _));
        Assert.False(ProtoMapping.TryRead(GrpcCalls.Parse<Wire.SendMessageRequest>("""{"message":{"messageId":"m","role":"ROLE_USER","parts":[{"text":"x"}],"metadata":{"k":"v"}}}"""), out _));
        Assert.False(ProtoMapping.TryRead(GrpcCalls.Parse<Wire.SendMessageRequest>("""{"message":{"messageId":"m","role":"ROLE_USER","parts":[{"text":"x","metadata":{"k":"v"}}]}}"""), out _));
        Assert.False(ProtoMapping.TryRead(GrpcCalls.Parse<Wire.SendMessageRequest>("""{"metadata":{"k":1}}"""), out _));
    }

    [Fact]
    public void Answers_map_directly_to_the_message_the_protojson_bridge_makes()
    {
        var task = A2AJson.Deserialize<AgentTask>("""
            {"id":"t-1","contextId":"c-1","status":{"state":"TASK_STATE_COMPLETED","timestamp":"2026-11-21T12:00:00.123Z",
             "message":{"messageId":"s","role":"ROLE_AGENT","parts":[{"text":"done"}]}},
             "artifacts":[{"artifactId":"a","name":"n","parts":[{"data":{"x":[1,2.5,"s",true,null,{"y":{}}]}},{"raw":"AAEC"},{"url":"https://e.com","mediaType":"text/html"}],"metadata":{"m":"v"},"extensions":["urn:x"]}],
             "history":[{"messageId":"u","contextId":"c-1","taskId":"t-1","role":"ROLE_USER","parts":[{"text":"go","metadata":{"k":[1]}}],"referenceTaskIds":["t-0"]}],
             "metadata":{"n":1}}
            """)!;
        Assert.Equal(ProtoMessages.FromRecord(task, A2AJson.GetTypeInfo<AgentTask>(), Wire.Task.Descriptor), ProtoMapping.ToProto(task));

        var send = new SendMessageResponse { Task = task };
        Assert.Equal(ProtoMessages.FromRecord(send, A2AJson.GetTypeInfo<SendMessageResponse>(), Wire.SendMessageResponse.Descriptor), ProtoMapping.ToProto(send));

        foreach (var item in new StreamResponse[]
        {
            new() { Task = task },
            new() { Message = task.History![0] },
            new() { StatusUpdate = new TaskStatusUpdateEvent { TaskId = "t-1", ContextId = "c-1", Status = task.Status } },
            new() { ArtifactUpdate = new TaskArtifactUpdateEvent { TaskId = "t-1", ContextId = "c-1", Artifact = task.Artifacts![0], Append = true, LastChunk = true } },
        })
        {
            Assert.Equal(ProtoMessages.FromRecord(item, A2AJson.GetTypeInfo<StreamResponse>(), Wire.StreamResponse.Descriptor), ProtoMapping.ToProto(item));
        }
    }

    [Fact]
    public async Task A_data_part_takes_the_bridge_and_runs_its_skill()
    {
        using var channel = GrpcCalls.Channel(await GrpcCalls.UrlAsync(fixture.Host, "/toolbox"));
        var reply = await GrpcCalls.SendAsync(channel, """{"message":{"messageId":"{{Guid.NewGuid()}}","role":"ROLE_USER","parts":[{"data":{"amount":10,"currency":"EUR"}}],"metadata":{"urn:a2agen:skill":"quote"}}}""".Replace("{{Guid.NewGuid()}}", Guid.NewGuid().ToString(), StringComparison.Ordinal));
        Assert.Equal(StatusCode.OK, reply.Status);
        var quote = reply.Json.GetProperty("task").GetProperty("artifacts")[0].GetProperty("parts")[0].GetProperty("data");
        Assert.Equal(8, quote.GetProperty("amount").GetDouble());

        // A data part that does not fit the skill's input names the field, as on the JSON bindings.
        var wrong = await GrpcCalls.SendAsync(channel, """{"message":{"messageId":"{{Guid.NewGuid()}}","role":"ROLE_USER","parts":[{"data":{"amount":"ten","currency":"EUR"}}],"metadata":{"urn:a2agen:skill":"quote"}}}""".Replace("{{Guid.NewGuid()}}", Guid.NewGuid().ToString(), StringComparison.Ordinal));
        Assert.Equal(StatusCode.InvalidArgument, wrong.Status);
        Assert.Contains("message.parts[0].data.amount", wrong.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_message_over_the_agents_limit_is_resource_exhausted()
    {
        // The toolbox agent's limit is 64 KiB (ToolboxFixture).
        using var channel = GrpcCalls.Channel(await GrpcCalls.UrlAsync(fixture.Host, "/toolbox"));
        var reply = await GrpcCalls.SendAsync(channel, Rpc.UserText(new string('x', 70 * 1024)));
        Assert.Equal(StatusCode.ResourceExhausted, reply.Status);
        Assert.Equal("REQUEST_TOO_LARGE", reply.Reason);
    }

    [Fact]
    public async Task Bad_framing_media_type_and_methods_are_refused_with_grpc_statuses()
    {
        var url = new Uri(await GrpcCalls.UrlAsync(fixture.Host, "/toolbox"));
        var message = GrpcCalls.Parse<Wire.SendMessageRequest>(Rpc.UserText("x")).ToByteArray();
        byte[] Frame(byte flag, int length, byte[] payload) =>
            [flag, (byte)(length >> 24), (byte)(length >> 16), (byte)(length >> 8), (byte)length, .. payload];

        var compressed = await PostAsync(url, "SendMessage", Frame(1, message.Length, message));
        Assert.Equal(("3", "GRPC_COMPRESSION_NOT_SUPPORTED"), compressed);
        var truncated = await PostAsync(url, "SendMessage", Frame(0, message.Length + 10, message));
        Assert.Equal(("3", "GRPC_MESSAGE_MALFORMED"), truncated);
        var garbage = await PostAsync(url, "SendMessage", Frame(0, 3, [0xFF, 0xFF, 0xFF]));
        Assert.Equal(("3", "PARSE_ERROR"), garbage);
        var json = await PostAsync(url, "SendMessage", Frame(0, message.Length, message), "application/grpc+json", HttpStatusCode.UnsupportedMediaType);
        Assert.Equal(("3", "UNSUPPORTED_MEDIA_TYPE"), json);
        var unknown = await PostAsync(url, "Teleport", Frame(0, message.Length, message));
        Assert.Equal(("12", null), unknown);
    }

    [Fact]
    public async Task The_json_endpoint_does_not_serve_grpc()
    {
        // gRPC paths on the host's HTTP/1.1 address (no agent's gRPC endpoint): UNIMPLEMENTED, not another agent.
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(fixture.Host.BaseAddress, "/lf.a2a.v1.A2AService/SendMessage"))
        {
            Content = new ByteArrayContent([0, 0, 0, 0, 0]),
        };
        request.Content.Headers.ContentType = new("application/grpc");
        using var response = await fixture.Client.SendAsync(request);
        Assert.Equal("12", response.Headers.GetValues("grpc-status").Single());
    }

    private static async Task<(string? Status, string? Reason)> PostAsync(Uri grpc, string method, byte[] body, string contentType = "application/grpc", HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(grpc, "/lf.a2a.v1.A2AService/" + method))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new ByteArrayContent(body),
        };
        request.Content.Headers.ContentType = new(contentType);
        request.Headers.Add("a2a-version", "1.0");
        using var response = await http.SendAsync(request);
        await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(expected, response.StatusCode);
        var headers = response.Headers.Concat(response.TrailingHeaders).ToDictionary(h => h.Key, h => h.Value.Single(), StringComparer.OrdinalIgnoreCase);
        string? reason = null;
        if (headers.TryGetValue("grpc-status-details-bin", out var details))
        {
            var status = Google.Rpc.Status.Parser.ParseFrom(Convert.FromBase64String(details.PadRight(details.Length + ((4 - (details.Length % 4)) % 4), '=')));
            reason = status.Details.Single(d => d.Is(Google.Rpc.ErrorInfo.Descriptor)).Unpack<Google.Rpc.ErrorInfo>().Reason;
            Assert.Equal(headers["grpc-status"], status.Code.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        return (headers.GetValueOrDefault("grpc-status"), reason);
    }
}
