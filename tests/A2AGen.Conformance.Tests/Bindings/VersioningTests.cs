namespace A2AGen.Conformance.Tests.Bindings;

/// <summary>TCK versioning requirements (VER-SERVER-*), over every binding.</summary>
[Collection(ConformanceCollection.Name)]
public sealed class VersioningTests(ConformanceHost host)
{
    [Theory, Trait("tck", "VER-SERVER-001")]
    [MemberData(nameof(Binding.Names), MemberType = typeof(Binding))]
    public async Task VER_SERVER_001_a_1_0_request_gets_1_0_semantics(string binding)
    {
        var task = (await host.Client(binding).SendAsync(Tck.Send("tck-complete-task"))).Task;

        // 1.0 shapes: ProtoJSON enum names, no v0.3 "kind" discriminator.
        Assert.Equal("TASK_STATE_COMPLETED", Tck.State(task));
        Assert.False(task.TryGetProperty("kind", out _));
    }

    [Fact, Trait("tck", "VER-SERVER-002")]
    public async Task VER_SERVER_002_an_unsupported_version_is_VersionNotSupported_on_every_binding()
    {
        var rpc = (JsonRpcBinding)host.Client(Binding.JsonRpc);
        var rest = (HttpJsonBinding)host.Client(Binding.HttpJson);
        var grpc = (GrpcBinding)host.Client(Binding.Grpc);

        Assert.Equal("VERSION_NOT_SUPPORTED", (await rpc.CallAsync("GetTask", """{"id":"x"}""", version: "2.0")).Reason);
        Assert.Equal("VERSION_NOT_SUPPORTED", (await rest.CallAsync(HttpMethod.Get, "/tasks/x", version: "2.0")).Reason);
        Assert.Equal("VERSION_NOT_SUPPORTED", (await GrpcBinding.UnaryAsync(grpc.Client.GetTaskAsync(new() { Id = "x" }, grpc.Metadata("2.0")))).Reason);
    }

    [Theory, Trait("tck", "VER-CLIENT-002")]
    [MemberData(nameof(Binding.Names), MemberType = typeof(Binding))]
    public async Task VER_CLIENT_002_a_patch_number_does_not_change_the_negotiated_version(string binding)
    {
        var client = host.Client(binding, "patch-" + binding);
        var reply = client switch
        {
            JsonRpcBinding rpc => await rpc.CallAsync("ListTasks", "{}", version: "1.0.7"),
            GrpcBinding grpc => await GrpcBinding.UnaryAsync(grpc.Client.ListTasksAsync(new(), grpc.Metadata("1.0.7"))),
            _ => await ((HttpJsonBinding)client).CallAsync(HttpMethod.Get, "/tasks", version: "1.0.7"),
        };

        Assert.False(reply.IsError, reply.Raw);
    }

    [Fact, Trait("tck", "VER-SERVER-003")]
    public async Task VER_SERVER_003_no_version_header_means_0_3()
    {
        var rpc = (JsonRpcBinding)host.Client(Binding.JsonRpc);
        var rest = (HttpJsonBinding)host.Client(Binding.HttpJson);
        var grpc = (GrpcBinding)host.Client(Binding.Grpc);
        var v03 = """{"message":{"kind":"message","messageId":"tck-complete-task-v03","role":"user","parts":[{"kind":"text","text":"Hello from TCK"}]}}""";

        // JSON-RPC speaks v0.3 to a caller without the header (method names and shapes of 0.3) …
        var answered = await rpc.CallAsync("message/send", v03, version: null);
        Assert.False(answered.IsError, answered.Raw);
        Assert.Equal("task", answered.Result.GetProperty("kind").GetString());
        Assert.Equal("completed", answered.Result.GetProperty("status").GetProperty("state").GetString());
        // … and HTTP+JSON and gRPC, which serve 1.0 only, refuse it as the unsupported 0.3.
        Assert.Equal("VERSION_NOT_SUPPORTED", (await rest.CallAsync(HttpMethod.Get, "/tasks", version: null)).Reason);
        Assert.Equal("VERSION_NOT_SUPPORTED", (await GrpcBinding.UnaryAsync(grpc.Client.ListTasksAsync(new(), grpc.Metadata(null)))).Reason);
    }
}
