using System.Text.Json;
using A2AGen.Passport;
using Google.Protobuf;
using Grpc.Core;
using A2AGen.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace A2AGen.Hosting.Tests.Bindings;

/// <summary>
/// The bindings cannot skip a stage: JSON-RPC, HTTP+JSON and gRPC run one pipeline, so the same call is refused by each
/// with the same <c>ErrorInfo</c> reason (and the matching HTTP status or gRPC status code), logged at the same stage. Each case runs on a fresh host
/// (toolbox agent, one trusted caller, one <see cref="FakeTimeProvider"/> for host and caller).
/// </summary>
public sealed class BindingRefusalTests
{
    private const string PassportKey = "https://github.com/a2aproject/a2a-samples/tree/main/samples/python/extensions/secure-passport";

    public static TheoryData<string, int, string, string> Refusals => new()
    {
        { "unsigned call to a high-privilege skill", 401, RequestSignatureReasons.Missing, "signature" },
        { "signature over another body", 401, RequestSignatureReasons.BodyHashMismatch, "signature" },
        { "signature of an untrusted key", 401, RequestSignatureReasons.IssuerUntrusted, "signature" },
        { "replayed signature", 401, RequestSignatureReasons.Replayed, "replay" },
        { "passport without a required key", 403, PassportReasons.KeyMissing, "policy" },
        { "content type the skill does not take", 200, "CONTENT_TYPE_NOT_SUPPORTED", "params" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task Json_rpc_http_json_and_grpc_refuse_the_same_call_with_the_same_reason_at_the_same_stage(string call, int jsonRpcStatus, string reason, string stage)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 21, 12, 0, 0, TimeSpan.Zero));
        using var caller = new TestCaller("travel-desk", clock: clock);
        using var stranger = new TestCaller("stranger", clock: clock);
        await using var host = await TestHost.StartAsync(
            s =>
            {
                s.AddSingleton<TimeProvider>(clock);
                s.AddSingleton<SkillProbe>();
                s.AddA2AAgent<ToolboxAgent>(o => o.Json.TypeInfoResolverChain.Insert(0, ToolboxJsonContext.Default));
            },
            app => app.MapA2AAgent<ToolboxAgent>("/toolbox"));
        caller.TrustedBy(host.Services.GetRequiredService<A2AKeyRing>().TrustStore);

        var send = call switch
        {
            "unsigned call to a high-privilege skill" => Rpc.UserText("x", "refund"),
            "passport without a required key" => "{\"message\":{\"messageId\":\"m\",\"role\":\"ROLE_USER\",\"parts\":[{\"text\":\"x\"}],\"metadata\":{\"urn:a2agen:skill\":\"vip\",\"" + PassportKey + "\":{\"clientId\":\"desk\",\"state\":{\"other\":\"x\"}}}}}",
            "content type the skill does not take" => "{\"message\":{\"messageId\":\"" + Guid.NewGuid() + "\",\"role\":\"ROLE_USER\",\"parts\":[{\"raw\":\"AAEC\",\"mediaType\":\"image/png\"}]}}",
            _ => Rpc.UserText("x"),
        };

        // JSON-RPC: POST {agent} with an envelope; HTTP+JSON: POST {agent}/message:send with the bare request.
        var rpcBody = Rpc.Request("SendMessage", send);
        var rpcUrl = new Uri(host.BaseAddress, "/toolbox");
        var restUrl = new Uri(host.BaseAddress, "/toolbox/message:send");
        var rpcHeaders = Headers(call, caller, stranger, rpcUrl, rpcBody);
        var restHeaders = Headers(call, caller, stranger, restUrl, send);
        if (call == "replayed signature")
        {
            Assert.False((await Rpc.SendAsync(host.Client, "/toolbox", rpcBody, headers: rpcHeaders)).IsError);
            Assert.False((await Rest.PostAsync(host.Client, "/toolbox/message:send", send, restHeaders)).IsError);
        }

        // gRPC: the same request as a protobuf message; a signature covers its serialized bytes and names the method.
        var grpcUrl = await GrpcCalls.UrlAsync(host, "/toolbox");
        using var channel = GrpcCalls.Channel(grpcUrl);
        var grpcRequest = GrpcCalls.Parse<Lf.A2a.V1.SendMessageRequest>(send);
        var grpcHeaders = GrpcHeaders(call, caller, stranger, GrpcCalls.MethodUrl(grpcUrl, "SendMessage"), grpcRequest.ToByteArray());
        if (call == "replayed signature")
        {
            Assert.False((await GrpcCalls.SendAsync(channel, grpcRequest, grpcHeaders)).IsError);
        }

        var rpc = await Rpc.SendAsync(host.Client, "/toolbox", rpcBody, headers: rpcHeaders);
        var rpcStage = LastRejectionStage(host);
        var rest = await Rest.PostAsync(host.Client, "/toolbox/message:send", send, restHeaders);
        var restStage = LastRejectionStage(host);
        var grpc = await GrpcCalls.SendAsync(channel, grpcRequest, grpcHeaders);
        var grpcStage = LastRejectionStage(host);

        Assert.Equal(jsonRpcStatus, rpc.Status);
        Assert.Equal(reason, rpc.Reason);
        Assert.Equal(reason, rest.Reason);
        // HTTP+JSON gives an A2A error the status of the spec's §5.4 table (ContentTypeNotSupported: 400 INVALID_ARGUMENT), others 400.
        Assert.Equal(jsonRpcStatus != 200 ? jsonRpcStatus : 400, rest.Status);
        Assert.Equal(stage, rpcStage);
        Assert.Equal(stage, restStage);
        Assert.Equal(reason, grpc.Reason);
        Assert.Equal(jsonRpcStatus switch { 401 => StatusCode.Unauthenticated, 403 => StatusCode.PermissionDenied, _ => StatusCode.InvalidArgument }, grpc.Status);
        Assert.Equal(stage, grpcStage);
    }

    [Fact]
    public async Task A_rest_signature_names_the_route_so_a_token_for_another_url_is_refused()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 21, 12, 0, 0, TimeSpan.Zero));
        using var caller = new TestCaller("travel-desk", clock: clock);
        await using var host = await TestHost.StartAsync(
            s =>
            {
                s.AddSingleton<TimeProvider>(clock);
                s.AddA2AAgent<WhoAmIAgent>();
            },
            app => app.MapA2AAgent<WhoAmIAgent>("/whoami"));
        caller.TrustedBy(host.Services.GetRequiredService<A2AKeyRing>().TrustStore);
        var send = Rpc.UserText("who");

        var signed = await Rest.PostAsync(host.Client, "/whoami/message:send", send,
            [Rpc.Header("A2A-Signature", caller.Sign(new Uri(host.BaseAddress, "/whoami/message:send"), send))]);
        Assert.Equal(200, signed.Status);
        Assert.Contains("travel-desk", signed.Raw, StringComparison.Ordinal);

        // The same body signed for the JSON-RPC endpoint URL: htu names another URL than this request's.
        var elsewhere = await Rest.PostAsync(host.Client, "/whoami/message:send", send,
            [Rpc.Header("A2A-Signature", caller.Sign(new Uri(host.BaseAddress, "/whoami"), send))]);
        Assert.Equal(401, elsewhere.Status);
        Assert.Equal(RequestSignatureReasons.UrlMismatch, elsewhere.Reason);

        // A GET carries no body: htm and htu still bind the token to this request.
        var id = signed.Json.GetProperty("task").GetProperty("id").GetString();
        var getUrl = new Uri(host.BaseAddress, $"/whoami/tasks/{id}");
        var got = await Rest.GetAsync(host.Client, $"/whoami/tasks/{id}", [Rpc.Header("A2A-Signature", caller.Sign(getUrl, "", "GET"))]);
        Assert.Equal(200, got.Status);
        var wrongMethod = await Rest.GetAsync(host.Client, $"/whoami/tasks/{id}", [Rpc.Header("A2A-Signature", caller.Sign(getUrl, "", "POST"))]);
        Assert.Equal(RequestSignatureReasons.MethodMismatch, wrongMethod.Reason);
    }

    private static KeyValuePair<string, string>[] Headers(string call, TestCaller caller, TestCaller stranger, Uri url, string body) => call switch
    {
        "signature over another body" => [Rpc.Header("A2A-Signature", caller.Sign(url, body + " "))],
        "signature of an untrusted key" => [Rpc.Header("A2A-Signature", stranger.Sign(url, body))],
        "replayed signature" => [Rpc.Header("A2A-Signature", caller.Sign(url, body))],
        _ => [],
    };

    private static KeyValuePair<string, string>[] GrpcHeaders(string call, TestCaller caller, TestCaller stranger, Uri methodUrl, byte[] message) => call switch
    {
        "signature over another body" => [Rpc.Header("a2a-signature", caller.Signer.Sign("POST", methodUrl, [.. message, 0]))],
        "signature of an untrusted key" => [Rpc.Header("a2a-signature", stranger.Signer.Sign("POST", methodUrl, message))],
        "replayed signature" => [Rpc.Header("a2a-signature", caller.Signer.Sign("POST", methodUrl, message))],
        _ => [],
    };

    private static string LastRejectionStage(TestHost host)
    {
        var entry = host.Logs.Entries.Last(e => e.EventId.Id is 1001 or 1002);
        var at = entry.Message.IndexOf(" at ", StringComparison.Ordinal) + 4;
        return entry.Message[at..entry.Message.IndexOf(':', at)];
    }
}
