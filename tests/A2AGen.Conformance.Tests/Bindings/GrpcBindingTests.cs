using System.Buffers.Binary;
using System.Net;
using System.Net.Http.Headers;
using Google.Protobuf;
using Grpc.Core;
using Wire = Lf.A2a.V1;

namespace A2AGen.Conformance.Tests.Bindings;

/// <summary>TCK gRPC binding requirements (GRPC-*), on the wire: Grpc.Net.Client with the spec's a2a.proto, and raw HTTP/2.</summary>
[Collection(ConformanceCollection.Name)]
public sealed class GrpcBindingTests(ConformanceHost host)
{
    // Signed in: listing needs an authenticated caller.
    private GrpcBinding Grpc => (GrpcBinding)host.Client(Binding.Grpc, "grpc-binding-tests-" + Guid.NewGuid().ToString("N"));

    [Fact, Trait("tck", "GRPC-SVC-001")]
    public async Task GRPC_SVC_001_every_method_of_A2AService_is_served()
    {
        var grpc = Grpc;
        var client = grpc.Client;
        var done = Tck.Id((await grpc.SendAsync(Tck.Send("tck-complete-task"))).Task);
        var waiting = Tck.Id((await grpc.SendAsync(Tck.Send("tck-input-required"))).Task);
        var calls = new Dictionary<string, Func<Task<(StatusCode Status, string? Reason)>>>
        {
            ["SendMessage"] = () => Unary(grpc.SendAsync(Tck.Send("tck-complete-task"))),
            ["SendStreamingMessage"] = () => Stream(grpc.StreamAsync(Tck.Send("tck-stream-001"))),
            ["GetTask"] = () => Unary(grpc.GetTaskAsync(done)),
            ["ListTasks"] = () => Unary(grpc.ListTasksAsync()),
            ["CancelTask"] = () => Unary(grpc.CancelTaskAsync(waiting)),
            ["SubscribeToTask"] = () => Stream(grpc.SubscribeAsync(done)),
            ["CreateTaskPushNotificationConfig"] = () => Unary(GrpcBinding.UnaryAsync(client.CreateTaskPushNotificationConfigAsync(
                new Wire.TaskPushNotificationConfig { TaskId = done, Url = "https://example.com/hook" }, grpc.Metadata()))),
            ["GetTaskPushNotificationConfig"] = () => Unary(GrpcBinding.UnaryAsync(client.GetTaskPushNotificationConfigAsync(
                new Wire.GetTaskPushNotificationConfigRequest { TaskId = done, Id = "config-1" }, grpc.Metadata()))),
            ["ListTaskPushNotificationConfigs"] = () => Unary(GrpcBinding.UnaryAsync(client.ListTaskPushNotificationConfigsAsync(
                new Wire.ListTaskPushNotificationConfigsRequest { TaskId = done }, grpc.Metadata()))),
            ["DeleteTaskPushNotificationConfig"] = () => Unary(GrpcBinding.UnaryAsync(client.DeleteTaskPushNotificationConfigAsync(
                new Wire.DeleteTaskPushNotificationConfigRequest { TaskId = done, Id = "config-1" }, grpc.Metadata()))),
            ["GetExtendedAgentCard"] = () => Unary(GrpcBinding.UnaryAsync(client.GetExtendedAgentCardAsync(new Wire.GetExtendedAgentCardRequest(), grpc.Metadata()))),
        };

        // Every method a2a.proto defines is called here (the list follows the proto), and none is left unimplemented: each
        // answers, or refuses with an A2A error (push configs: this agent declares no push notifications).
        Assert.Equal(Wire.A2AService.Descriptor.Methods.Select(m => m.Name).Order(), calls.Keys.Order());
        Assert.Equal("lf.a2a.v1.A2AService", Wire.A2AService.Descriptor.FullName);
        foreach (var (method, call) in calls)
        {
            var (status, reason) = await call();
            Assert.True(status == StatusCode.OK || (status != StatusCode.Unimplemented && reason is not null), $"{method}: {status} {reason}");
        }

        // A method the service does not define is UNIMPLEMENTED, as gRPC answers one.
        var unknown = new Method<Wire.GetTaskRequest, Wire.Task>(MethodType.Unary, "lf.a2a.v1.A2AService", "NoSuchMethod",
            Marshallers.Create(m => m.ToByteArray(), Wire.GetTaskRequest.Parser.ParseFrom), Marshallers.Create(m => m.ToByteArray(), Wire.Task.Parser.ParseFrom));
        var refused = await GrpcBinding.UnaryAsync(host.Grpc.CreateCallInvoker().AsyncUnaryCall(unknown, null, new CallOptions(grpc.Metadata()), new Wire.GetTaskRequest { Id = done }));
        Assert.Equal(StatusCode.Unimplemented, refused.GrpcStatus);

        static async Task<(StatusCode, string?)> Unary(Task<Reply> reply)
        {
            var r = await reply;
            return (r.GrpcStatus!.Value, r.Reason);
        }

        static async Task<(StatusCode, string?)> Stream(Task<StreamReply> reply)
        {
            var r = await reply;
            return r.Error is null ? (StatusCode.OK, null) : (r.Error.GrpcStatus!.Value, r.Error.Reason);
        }
    }

    [Fact, Trait("tck", "GRPC-SVC-002")]
    public async Task GRPC_SVC_002_messages_are_protocol_buffers_3_on_the_wire()
    {
        // A raw HTTP/2 call (prior knowledge, as gRPC over cleartext): the body is one length-prefixed protobuf message.
        using var http = new HttpClient { BaseAddress = host.GrpcAddress };
        var request = Wire.SendMessageRequest.Parser.ParseJson(Tck.Send("tck-complete-task"));
        // Proto3 keeps an unknown field as unknown: a field this version of a2a.proto does not define is skipped, not refused.
        var bytes = request.ToByteArray().Concat(new byte[] { 0xB8, 0x3E, 0x01 }).ToArray(); // field 999, varint 1

        using var response = await http.SendAsync(Frame("SendMessage", bytes, "application/grpc+proto"));
        var body = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal("application/grpc", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("0", response.TrailingHeaders.GetValues("grpc-status").Single());
        Assert.Equal(0, body[0]);
        Assert.Equal(body.Length - 5, (int)BinaryPrimitives.ReadUInt32BigEndian(body.AsSpan(1)));
        var answer = Wire.SendMessageResponse.Parser.ParseFrom(body.AsSpan(5));
        Assert.Equal(Wire.TaskState.Completed, answer.Task.Status.State);
        Assert.Equal("Hello from TCK", answer.Task.Artifacts[0].Parts[0].Text);

        // The binding is protobuf: the JSON codec of gRPC is not it.
        using var json = await http.SendAsync(Frame("SendMessage", "{}"u8.ToArray(), "application/grpc+json"));
        Assert.NotEqual("0", Status(json));
    }

    [Fact, Trait("tck", "GRPC-META-001")]
    public async Task GRPC_META_001_service_parameters_travel_as_gRPC_metadata()
    {
        var grpc = Grpc;
        var client = grpc.Client;
        var list = new Wire.ListTasksRequest();

        // a2a-version: read from the metadata (1.0 served; 9.9 refused; none means 0.3, which this binding does not serve).
        Assert.Equal(StatusCode.OK, (await GrpcBinding.UnaryAsync(client.ListTasksAsync(list, grpc.Metadata("1.0")))).GrpcStatus);
        var unsupported = await GrpcBinding.UnaryAsync(client.ListTasksAsync(list, grpc.Metadata("9.9")));
        Assert.Equal((StatusCode.FailedPrecondition, "VERSION_NOT_SUPPORTED"), (unsupported.GrpcStatus, unsupported.Reason));
        Assert.Equal("VERSION_NOT_SUPPORTED", (await GrpcBinding.UnaryAsync(client.ListTasksAsync(list, grpc.Metadata(null)))).Reason);

        // a2a-extensions: read from the metadata too (an extension the agent does not declare is not activated; a list
        // over the limit is refused, which only a server that reads the key can do).
        Assert.Equal(StatusCode.OK, (await GrpcBinding.UnaryAsync(client.ListTasksAsync(list, grpc.Metadata("1.0", ("a2a-extensions", "https://example.com/ext/unknown/v1"))))).GrpcStatus);
        var many = string.Join(",", Enumerable.Range(0, 33).Select(i => $"https://example.com/ext/{i}"));
        var tooMany = await GrpcBinding.UnaryAsync(client.ListTasksAsync(list, grpc.Metadata("1.0", ("a2a-extensions", many))));
        Assert.Equal((StatusCode.InvalidArgument, "TOO_MANY_EXTENSIONS"), (tooMany.GrpcStatus, tooMany.Reason));
    }

    [Fact, Trait("tck", "GRPC-ERR-001"), Trait("tck", "CORE-ERR-001")]
    public async Task GRPC_ERR_001_A2A_errors_carry_ErrorInfo_in_the_status_details()
    {
        var reply = await Grpc.GetTaskAsync("tck-nonexistent-grpc-err");

        Assert.Equal(StatusCode.NotFound, reply.GrpcStatus);
        var status = reply.ErrorObject;
        Assert.Equal((int)StatusCode.NotFound, status.GetProperty("code").GetInt32());
        Assert.Contains("tck-nonexistent-grpc-err", status.GetProperty("message").GetString(), StringComparison.Ordinal);
        var info = status.GetProperty("details").EnumerateArray().Single(d => d.GetProperty("@type").GetString() == "type.googleapis.com/google.rpc.ErrorInfo");
        Assert.Equal("TASK_NOT_FOUND", info.GetProperty("reason").GetString());
        Assert.Equal("a2a-protocol.org", info.GetProperty("domain").GetString());
    }

    [Fact, Trait("tck", "GRPC-ERR-002"), Trait("tck", "CORE-CAP-001"), Trait("tck", "CORE-CAP-003")]
    public async Task GRPC_ERR_002_each_A2A_error_has_its_gRPC_status_code()
    {
        var grpc = Grpc;
        var done = Tck.Id((await grpc.SendAsync(Tck.Send("tck-complete-task"))).Task);
        var media = """{"message":{"messageId":"tck-send-003-g","role":"ROLE_USER","parts":[{"raw":"dGNr","mediaType":"application/x-unsupported-tck-type"}]}}""";

        // The A2A specification's §5.4 table (v1.0.1, as the TCK's requirement text lists it).
        Assert.Equal((StatusCode.NotFound, "TASK_NOT_FOUND"), Code(await grpc.GetTaskAsync("tck-nonexistent")));
        Assert.Equal((StatusCode.FailedPrecondition, "TASK_NOT_CANCELABLE"), Code(await grpc.CancelTaskAsync(done)));
        Assert.Equal((StatusCode.FailedPrecondition, "PUSH_NOTIFICATION_NOT_SUPPORTED"), Code(await GrpcBinding.UnaryAsync(grpc.Client.CreateTaskPushNotificationConfigAsync(
            new Wire.TaskPushNotificationConfig { TaskId = done, Url = "https://example.com/hook" }, grpc.Metadata()))));
        Assert.Equal((StatusCode.FailedPrecondition, "UNSUPPORTED_OPERATION"), Code(await grpc.SendAsync(Tck.Send("tck-complete-task", taskId: done))));
        Assert.Equal((StatusCode.FailedPrecondition, "UNSUPPORTED_OPERATION"), Code((await grpc.SubscribeAsync(done)).Error!));
        Assert.Equal((StatusCode.InvalidArgument, "CONTENT_TYPE_NOT_SUPPORTED"), Code(await grpc.SendAsync(media)));
        Assert.Equal((StatusCode.FailedPrecondition, "UNSUPPORTED_OPERATION"), Code(await GrpcBinding.UnaryAsync(grpc.Client.GetExtendedAgentCardAsync(
            new Wire.GetExtendedAgentCardRequest(), grpc.Metadata()))));
        Assert.Equal((StatusCode.FailedPrecondition, "VERSION_NOT_SUPPORTED"), Code(await GrpcBinding.UnaryAsync(grpc.Client.GetTaskAsync(
            new Wire.GetTaskRequest { Id = done }, grpc.Metadata("9.9")))));
    }

    [Fact, Trait("tck", "GRPC-ERR-003")]
    public async Task GRPC_ERR_003_streams_are_server_streaming_RPCs_of_StreamResponse()
    {
        foreach (var name in new[] { "SendStreamingMessage", "SubscribeToTask" })
        {
            var method = Wire.A2AService.Descriptor.FindMethodByName(name);
            Assert.True(method.IsServerStreaming && !method.IsClientStreaming, name);
            Assert.Equal(Wire.StreamResponse.Descriptor, method.OutputType);
        }

        var stream = await Grpc.StreamAsync(Tck.Send("tck-stream-001"));

        // One StreamResponse per message of the server stream, ending with status OK.
        Assert.Null(stream.Error);
        Assert.Equal(["task", "statusUpdate", "artifactUpdate", "statusUpdate"], stream.Events.Select(Tck.Kind));
        Assert.Equal("application/grpc", stream.ContentType);
    }

    private static (StatusCode?, string?) Code(Reply reply) => (reply.GrpcStatus, reply.Reason);

    private static HttpRequestMessage Frame(string method, byte[] message, string contentType)
    {
        var framed = new byte[5 + message.Length];
        BinaryPrimitives.WriteUInt32BigEndian(framed.AsSpan(1), (uint)message.Length);
        message.CopyTo(framed, 5);
        var request = new HttpRequestMessage(HttpMethod.Post, "/lf.a2a.v1.A2AService/" + method)
        {
            Content = new ByteArrayContent(framed),
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        request.Headers.TE.ParseAdd("trailers");
        request.Headers.Add("a2a-version", "1.0");
        return request;
    }

    private static string? Status(HttpResponseMessage response) =>
        response.Headers.TryGetValues("grpc-status", out var headers) ? headers.Single()
        : response.TrailingHeaders.TryGetValues("grpc-status", out var trailers) ? trailers.Single() : null;
}
