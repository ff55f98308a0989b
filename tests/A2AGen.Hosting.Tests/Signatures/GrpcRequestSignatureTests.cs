using A2AGen.Security;
using Google.Protobuf;
using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Wire = Lf.A2a.V1;

namespace A2AGen.Hosting.Tests.Signatures;

/// <summary>
/// Request signatures on gRPC (docs/hosting.md, "On gRPC"): metadata <c>a2a-signature</c>, <c>htm</c> POST, <c>htu</c> the
/// gRPC interface URL with the method's path, <c>aud</c> the interface URL (or the method URL), <c>bh</c> over the
/// serialized request message as sent. Signed here with the runtime's <see cref="RequestSigner"/> over the bytes
/// Grpc.Net.Client sends, against a real Kestrel HTTP/2 endpoint; the same replay cache as the other bindings.
/// </summary>
public sealed class GrpcRequestSignatureTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 21, 12, 0, 0, TimeSpan.Zero));
    private TestCaller _caller = null!;
    private TestHost _host = null!;
    private string _grpcUrl = null!;
    private Grpc.Net.Client.GrpcChannel _channel = null!;

    public async Task InitializeAsync()
    {
        _caller = new TestCaller("travel-desk", clock: _clock);
        _host = await TestHost.StartAsync(
            s =>
            {
                s.AddSingleton<TimeProvider>(_clock);
                s.AddA2AAgent<WhoAmIAgent>();
            },
            app => app.MapA2AAgent<WhoAmIAgent>("/whoami"));
        _caller.TrustedBy(_host.Services.GetRequiredService<A2AKeyRing>().TrustStore);
        _grpcUrl = await GrpcCalls.UrlAsync(_host, "/whoami");
        _channel = GrpcCalls.Channel(_grpcUrl);
    }

    public async Task DisposeAsync()
    {
        _channel.Dispose();
        await _host.DisposeAsync();
        _caller.Dispose();
    }

    private static Wire.SendMessageRequest Request(string text, string? skill = null) => GrpcCalls.Parse<Wire.SendMessageRequest>(Rpc.UserText(text, skill));

    private Uri SendMessageUrl => GrpcCalls.MethodUrl(_grpcUrl, "SendMessage");

    private Task<GrpcReply> SendAsync(Wire.SendMessageRequest request, string token) =>
        GrpcCalls.SendAsync(_channel, request, [Rpc.Header("a2a-signature", token)]);

    private static string Text(GrpcReply reply) =>
        reply.Json.GetProperty("task").GetProperty("artifacts")[0].GetProperty("parts")[0].GetProperty("text").GetString()!;

    [Fact]
    public async Task A_call_signed_over_its_serialized_message_for_the_method_url_is_accepted_and_names_the_caller()
    {
        var request = Request("who", "secure");
        var reply = await SendAsync(request, _caller.Signer.Sign("POST", SendMessageUrl, request.ToByteArray()));
        Assert.Equal(StatusCode.OK, reply.Status);
        Assert.StartsWith("secure caller=travel-desk;iss=travel-desk", Text(reply), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Aud_may_name_the_grpc_interface_url_of_the_card()
    {
        var request = Request("who", "secure");
        var bytes = request.ToByteArray();
        var token = _caller.Token(SendMessageUrl, "", claims =>
        {
            claims["aud"] = _grpcUrl;
            claims["bh"] = RequestSigner.ComputeBodyHash(bytes);
        });
        var reply = await SendAsync(request, token);
        Assert.Equal(StatusCode.OK, reply.Status);
        Assert.Contains("iss=travel-desk", Text(reply), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_signature_over_another_message_is_refused()
    {
        var signed = Request("pay 10", "secure");
        var sent = Request("pay 1000", "secure");
        var reply = await SendAsync(sent, _caller.Signer.Sign("POST", SendMessageUrl, signed.ToByteArray()));
        Assert.Equal(StatusCode.Unauthenticated, reply.Status);
        Assert.Equal(RequestSignatureReasons.BodyHashMismatch, reply.Reason);
    }

    [Fact]
    public async Task A_replayed_signature_is_refused_even_through_another_binding()
    {
        var request = Request("once", "secure");
        var token = _caller.Signer.Sign("POST", SendMessageUrl, request.ToByteArray());
        Assert.Equal(StatusCode.OK, (await SendAsync(request, token)).Status);

        var again = await SendAsync(request, token);
        Assert.Equal(StatusCode.Unauthenticated, again.Status);
        Assert.Equal(RequestSignatureReasons.Replayed, again.Reason);
    }

    [Fact]
    public async Task A_token_for_another_method_url_or_http_method_is_refused()
    {
        var request = Request("who", "secure");
        var bytes = request.ToByteArray();

        // htu names GetTask (aud names this agent): the token covers another method.
        var otherMethod = _caller.Token(GrpcCalls.MethodUrl(_grpcUrl, "GetTask"), "", claims =>
        {
            claims["aud"] = _grpcUrl;
            claims["bh"] = RequestSigner.ComputeBodyHash(bytes);
        });
        var wrongHtu = await SendAsync(request, otherMethod);
        Assert.Equal(StatusCode.Unauthenticated, wrongHtu.Status);
        Assert.Equal(RequestSignatureReasons.UrlMismatch, wrongHtu.Reason);

        // Signed for the agent's JSON-RPC URL: neither aud nor htu name the gRPC endpoint.
        var forJsonRpc = await SendAsync(request, _caller.Signer.Sign("POST", new Uri(_host.BaseAddress, "/whoami"), bytes));
        Assert.Equal(RequestSignatureReasons.AudienceMismatch, forJsonRpc.Reason);

        // htm must be POST, as every gRPC call is.
        var get = await SendAsync(request, _caller.Signer.Sign("GET", SendMessageUrl, bytes));
        Assert.Equal(RequestSignatureReasons.MethodMismatch, get.Reason);
    }

    [Fact]
    public async Task An_unsigned_call_to_a_skill_that_requires_a_signature_is_refused_with_details()
    {
        var reply = await GrpcCalls.SendAsync(_channel, Request("who", "secure"));
        Assert.Equal(StatusCode.Unauthenticated, reply.Status);
        Assert.Equal(RequestSignatureReasons.Missing, reply.Reason);
        Assert.Contains("requires a signed request", reply.Message, StringComparison.Ordinal);
    }
}
