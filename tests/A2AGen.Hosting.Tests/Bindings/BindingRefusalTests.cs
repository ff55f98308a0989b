using System.Text.Json;
using A2AGen.Passport;
using A2AGen.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace A2AGen.Hosting.Tests.Bindings;

/// <summary>
/// The bindings cannot skip a stage: JSON-RPC and HTTP+JSON run one pipeline, so the same call is refused by both with
/// the same HTTP status, the same <c>ErrorInfo</c> reason, logged at the same stage. Each case runs on a fresh host
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
    public async Task Json_rpc_and_http_json_refuse_the_same_call_with_the_same_reason_at_the_same_stage(string call, int jsonRpcStatus, string reason, string stage)
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

        var rpc = await Rpc.SendAsync(host.Client, "/toolbox", rpcBody, headers: rpcHeaders);
        var rpcStage = LastRejectionStage(host);
        var rest = await Rest.PostAsync(host.Client, "/toolbox/message:send", send, restHeaders);
        var restStage = LastRejectionStage(host);

        Assert.Equal(jsonRpcStatus, rpc.Status);
        Assert.Equal(reason, rpc.Reason);
        Assert.Equal(reason, rest.Reason);
        // HTTP+JSON gives an A2A error the status of the spec's §5.4 table (ContentTypeNotSupported: 415), others 400.
        Assert.Equal(jsonRpcStatus != 200 ? jsonRpcStatus : reason == "CONTENT_TYPE_NOT_SUPPORTED" ? 415 : 400, rest.Status);
        Assert.Equal(stage, rpcStage);
        Assert.Equal(stage, restStage);
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

    private static string LastRejectionStage(TestHost host)
    {
        var entry = host.Logs.Entries.Last(e => e.EventId.Id is 1001 or 1002);
        var at = entry.Message.IndexOf(" at ", StringComparison.Ordinal) + 4;
        return entry.Message[at..entry.Message.IndexOf(':', at)];
    }
}
