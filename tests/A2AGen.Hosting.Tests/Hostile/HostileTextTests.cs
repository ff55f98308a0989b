using System.Text;
using A2AGen.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace A2AGen.Hosting.Tests.Hostile;

/// <summary>
/// Issue 11 §4, log and response injection: every rejection path that quotes caller text is fed a value with CR, LF,
/// a forged log line, terminal escapes, separators, a bidi override and 1.4 KB of filler. Each answer and every
/// A2AGen log line must stay one clean line of bounded length: the text passes the one sanitizer.
/// </summary>
public sealed class HostileTextTests : IAsyncLifetime
{
    private const string PassportKey = "https://github.com/a2aproject/a2a-samples/tree/main/samples/python/extensions/secure-passport";

    private static readonly string H = HostileText.Json(HostileText.Text);

    // Where a header holds the value twice, the short form keeps it under the 2 KiB header limit.
    private static readonly string Short = HostileText.Json(HostileText.Forgery);

    private readonly TestCaller _desk = new("travel-desk");
    private TestHost _host = null!;

    public async Task InitializeAsync()
    {
        _host = await TestHost.StartAsync(
            s =>
            {
                s.AddSingleton<SkillProbe>();
                s.AddA2AAgent<ToolboxAgent>(o => o.Json.TypeInfoResolverChain.Insert(0, ToolboxJsonContext.Default));
                s.AddA2AAgent<WhoAmIAgent>(o => o.AcceptCapiscioSignatures = true);
            },
            app =>
            {
                app.MapA2AAgent<ToolboxAgent>("/toolbox");
                app.MapA2AAgent<WhoAmIAgent>("/whoami");
            });
        _desk.TrustedBy(_host.Services.GetRequiredService<A2AKeyRing>().TrustStore);
    }

    public async Task DisposeAsync()
    {
        _desk.Dispose();
        await _host.DisposeAsync();
    }

    private Uri Url(string path) => new(_host.BaseAddress, path);

    private static string B64(string json) => StrictBase64Url.Encode(Encoding.UTF8.GetBytes(json));

    private static string Detached(string headerJson) => B64(headerJson) + ".." + StrictBase64Url.Encode(new byte[64]);

    private static string Passported(string skill, string passport) =>
        "{\"message\":{\"messageId\":\"m\",\"role\":\"ROLE_USER\",\"parts\":[{\"text\":\"x\"}],\"metadata\":{\"urn:a2agen:skill\":\"" + skill + "\",\"" + PassportKey + "\":" + passport + "}}}";

    private static string Claims(string issuer = "\"travel-desk\"") =>
        "{\"iss\":" + issuer + ",\"aud\":\"http://x/\",\"iat\":1,\"exp\":2,\"jti\":\"j\",\"htm\":\"POST\",\"htu\":\"http://x/\",\"bh\":\"x\"}";

    private async Task<Reply> SignedAsync(string path, string body, string token, string header = "A2A-Signature") =>
        await Rpc.SendAsync(_host.Client, path, body, headers: [Rpc.Header(header, token)]);

    private void Check(Reply reply, string where, int status, params string[] reasons)
    {
        HostileText.AssertCleanReply(reply, where);
        Assert.True(status == reply.Status, $"{where}: HTTP {reply.Status}, expected {status}: {reply.Raw[..Math.Min(400, reply.Raw.Length)]}");
        Assert.True(reasons.Length == 0 || reasons.Contains(reply.Reason), $"{where}: reason {reply.Reason}, expected {string.Join(" or ", reasons)}");
        HostileText.AssertCleanLogs(_host.Logs, where);
    }

    [Fact]
    public async Task Request_signature_rejections_quote_hostile_header_and_claim_values_cleanly()
    {
        var body = Rpc.Request("SendMessage", Rpc.UserText("x"));
        var typed = "\"typ\":\"a2a-request+jwt\"";

        Check(await SignedAsync("/toolbox", body, TestCaller.Forged("{\"alg\":\"EdDSA\",\"kid\":\"k\",\"typ\":" + H + "}", Claims())), "typ", 401, RequestSignatureReasons.TypeMismatch);
        Check(await SignedAsync("/toolbox", body, TestCaller.Forged("{\"alg\":" + H + ",\"kid\":\"k\"," + typed + "}", Claims())), "alg", 401, RequestSignatureReasons.AlgorithmNotAllowed);
        Check(await SignedAsync("/toolbox", body, TestCaller.Forged("{\"alg\":\"EdDSA\",\"kid\":" + H + "," + typed + "}", Claims())), "kid", 401);
        Check(await SignedAsync("/toolbox", body, TestCaller.Forged("{\"alg\":\"EdDSA\",\"kid\":\"k\"," + typed + "}", Claims(H))), "iss", 401);
        Check(await SignedAsync("/toolbox", body, TestCaller.Forged("{\"alg\":\"EdDSA\",\"kid\":\"k\"," + typed + ",\"crit\":[" + H + "]}", Claims())), "crit", 401, RequestSignatureReasons.Malformed);
        Check(await SignedAsync("/toolbox", body, TestCaller.Forged("{\"alg\":\"EdDSA\"," + Short + ":1," + Short + ":2}", Claims())), "duplicate member", 401, RequestSignatureReasons.Malformed);
        Check(await SignedAsync("/toolbox", body, TestCaller.Forged("{\"alg\":\"EdDSA\",\"kid\":\"k\"," + typed + "}", "{" + H + ":1," + H + ":2}")), "duplicate claim", 401);

        // Lone surrogates in the protected header and the claims.
        Check(await SignedAsync("/toolbox", body, TestCaller.Forged("{\"alg\":\"EdDSA\",\"kid\":\"k\",\"typ\":\"x\\udc00\"}", Claims())), "typ lone surrogate", 401, RequestSignatureReasons.Malformed);
        Check(await SignedAsync("/toolbox", body, TestCaller.Forged("{\"alg\":\"\\ud800\",\"kid\":\"k\"," + typed + "}", Claims())), "alg lone surrogate", 401, RequestSignatureReasons.Malformed);
        Check(await SignedAsync("/toolbox", body, TestCaller.Forged("{\"alg\":\"EdDSA\",\"kid\":\"k\"," + typed + "}", Claims("\"\\udc00\""))), "iss lone surrogate", 401);

        // Signed by a trusted caller, so the checks after the signature quote the claims.
        Check(await SignedAsync("/toolbox", body, _desk.Token(Url("/toolbox"), body, c => c["htm"] = HostileText.Text)), "htm", 401, RequestSignatureReasons.MethodMismatch);
        Check(await SignedAsync("/toolbox", body, _desk.Token(Url("/toolbox"), body, c => c["htu"] = HostileText.Text)), "htu", 401, RequestSignatureReasons.UrlMismatch);
        Check(await SignedAsync("/toolbox", body, _desk.Token(Url("/toolbox"), body, c => c["iss"] = HostileText.Text)), "iss of a trusted key", 401);

        // CapiscIO compatibility reads typ after the signature.
        Check(await SignedAsync("/whoami", body, _desk.Token(Url("/whoami"), body, type: HostileText.Text), "X-Capiscio-JWS"), "capiscio typ", 401, RequestSignatureReasons.TypeMismatch);
    }

    [Fact]
    public async Task Passport_rejections_quote_hostile_values_cleanly()
    {
        var state = "\"state\":{\"loyalty_tier\":\"Gold\"}";
        string Passport(string headerJson, string clientId = "\"travel-desk\"") =>
            Rpc.Request("SendMessage", Passported("vip", "{\"clientId\":" + clientId + "," + state + ",\"signature\":\"" + Detached(headerJson) + "\"}"));

        Check(await Rpc.SendAsync(_host.Client, "/toolbox", Passport("{\"alg\":\"EdDSA\",\"kid\":\"k\",\"typ\":" + H + "}")), "passport typ", 401, "PASSPORT_SIGNATURE_TYPE_MISMATCH");
        Check(await Rpc.SendAsync(_host.Client, "/toolbox", Passport("{\"alg\":" + H + ",\"kid\":\"k\",\"typ\":\"a2a-passport+jws\"}")), "passport alg", 401, "PASSPORT_SIGNATURE_ALGORITHM_NOT_ALLOWED");
        Check(await Rpc.SendAsync(_host.Client, "/toolbox", Passport("{\"alg\":\"EdDSA\",\"kid\":" + H + ",\"typ\":\"a2a-passport+jws\"}")), "passport kid", 401);
        Check(await Rpc.SendAsync(_host.Client, "/toolbox", Passport("{\"alg\":\"EdDSA\",\"kid\":\"k\",\"typ\":\"a2a-passport+jws\"}", H)), "passport clientId", 401, "PASSPORT_SIGNER_UNTRUSTED");
        Check(await Rpc.SendAsync(_host.Client, "/toolbox", Passport("{\"alg\":\"EdDSA\"," + Short + ":1," + Short + ":2}")), "passport header member", 401, "PASSPORT_SIGNATURE_MALFORMED");

        // A lone surrogate in a passport is refused with the rest of the request, naming the path.
        Check(await Rpc.SendAsync(_host.Client, "/toolbox", Passport("{\"alg\":\"EdDSA\",\"kid\":\"k\",\"typ\":\"a2a-passport+jws\"}", "\"desk\\udc00\"")), "passport clientId lone surrogate", 200, "INVALID_UNICODE");

        var unknownMember = "{\"clientId\":\"travel-desk\"," + state + "," + H + ":1}";
        Check(await Rpc.SendAsync(_host.Client, "/toolbox", Rpc.Request("SendMessage", Passported("vip", unknownMember))), "passport member", 403, "PASSPORT_MALFORMED");

        // A skill that does not need the passport ignores the malformed one and logs it (event 1004).
        var ignored = await Rpc.SendAsync(_host.Client, "/toolbox", Rpc.Request("SendMessage", Passported("echo", unknownMember)));
        Assert.Equal(200, ignored.Status);
        Assert.NotEmpty(_host.Logs.WithId(1004));
        HostileText.AssertCleanLogs(_host.Logs, "ignored passport");
    }

    [Fact]
    public async Task Protocol_rejections_quote_hostile_methods_headers_and_media_types_cleanly()
    {
        Check(await Rpc.SendAsync(_host.Client, "/toolbox", "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":" + HostileText.Json(HostileText.Text[..100]) + ",\"params\":{}}"), "method", 200, "METHOD_NOT_FOUND");
        Check(await Rpc.SendAsync(_host.Client, "/toolbox", Rpc.Request("GetTask", "{\"id\":\"t\"}"), version: "1." + HostileText.Filler), "A2A-Version", 200, "VERSION_NOT_SUPPORTED");

        using (var request = Rpc.Post("/toolbox", Rpc.Request("GetTask", "{\"id\":\"t\"}"), contentType: "application/x-" + HostileText.Filler.ToLowerInvariant()))
        using (var response = await _host.Client.SendAsync(request))
        {
            Check(await Reply.ReadAsync(response), "Content-Type", 415, "UNSUPPORTED_MEDIA_TYPE");
        }

        var mediaType = "{\"message\":{\"messageId\":\"m\",\"role\":\"ROLE_USER\",\"parts\":[{\"text\":\"x\",\"mediaType\":" + H + "}]}}";
        Check(await Rpc.CallAsync(_host.Client, "/toolbox", "SendMessage", mediaType), "part media type", 200, "CONTENT_TYPE_NOT_SUPPORTED");

        var skill = "{\"message\":{\"messageId\":\"m\",\"role\":\"ROLE_USER\",\"parts\":[{\"text\":\"x\"}],\"metadata\":{\"urn:a2agen:skill\":" + H + "}}}";
        Check(await Rpc.CallAsync(_host.Client, "/toolbox", "SendMessage", skill), "skill id", 200, "SKILL_NOT_FOUND");

        var data = "{\"message\":{\"messageId\":\"m\",\"role\":\"ROLE_USER\",\"parts\":[{\"data\":{\"amount\":{" + H + ":1},\"currency\":\"EUR\"}}],\"metadata\":{\"urn:a2agen:skill\":\"quote\"}}}";
        Check(await Rpc.CallAsync(_host.Client, "/toolbox", "SendMessage", data), "data binding", 200, "INVALID_PARAMS");
    }
}
