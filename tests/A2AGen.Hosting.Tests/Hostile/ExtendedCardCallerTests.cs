using System.Net;
using A2AGen.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace A2AGen.Hosting.Tests.Hostile;

/// <summary>
/// Issue 11 §4, extended card for signed peers: the extended-card provider sees the verified A2A caller — the request
/// signer, the mTLS peer, the ASP.NET Core user — so an agent can keep its extended card for signed peers only.
/// </summary>
public sealed class ExtendedCardCallerTests
{
    [Fact]
    public async Task The_provider_can_serve_the_extended_card_to_signed_peers_only()
    {
        var seen = new List<VerifiedCaller>();
        await using var host = await TestHost.StartAsync(
            s => s.AddA2AAgent<EchoAgent>(o => o.ExtendedAgentCard = caller =>
            {
                lock (seen)
                {
                    seen.Add(caller);
                }

                return caller.RequestSignature is { Issuer: "travel-desk" } signature
                    ? EchoAgent.Card with { Description = $"Extended for {signature.Issuer} ({caller.Id})" }
                    : null;
            }),
            app => app.MapA2AAgent<EchoAgent>("/echo"));
        using var desk = new TestCaller("travel-desk").TrustedBy(host.Services.GetRequiredService<A2AKeyRing>().TrustStore);

        var anonymous = await Rpc.CallAsync(host.Client, "/echo", "GetExtendedAgentCard", null);
        Assert.Equal(-32007, anonymous.ErrorCode);

        var userOnly = await Rpc.CallAsync(host.Client, "/echo", "GetExtendedAgentCard", null, [Rpc.Header(TestHost.UserHeader, "alice")]);
        Assert.Equal(-32007, userOnly.ErrorCode);

        var body = Rpc.Request("GetExtendedAgentCard", null);
        var signed = await Rpc.SendAsync(host.Client, "/echo", body, headers: [Rpc.Header("A2A-Signature", desk.Sign(new Uri(host.BaseAddress, "/echo"), body))]);
        Assert.Equal(200, signed.Status);
        Assert.Equal("Extended for travel-desk (agent:travel-desk)", signed.Result.GetProperty("description").GetString());

        Assert.Collection(seen,
            caller => Assert.True(caller.IsAnonymous),
            caller =>
            {
                Assert.Equal("user:alice", caller.Id);
                Assert.Equal("alice", caller.User.Identity!.Name);
                Assert.Null(caller.RequestSignature);
            },
            caller =>
            {
                Assert.Equal("agent:travel-desk", caller.Id);
                Assert.Equal(desk.Key.PublicKey.Thumbprint, caller.RequestSignature!.KeyId);
                Assert.Null(caller.PeerIdentity);
            });
    }

    [Fact]
    public async Task The_provider_sees_the_mutual_tls_peer()
    {
        using var authority = TestCertificates.CreateAuthority();
        using var server = TestCertificates.CreateServer();
        using var client = TestCertificates.CreateClient("CN=billing", authority);
        var trust = TestKeys.NewDirectory("extended-card-mtls");
        TestCertificates.WritePem(authority, trust, "ca.pem");
        await using var host = await TestHost.StartAsync(
            s =>
            {
                s.AddA2AMutualTls(o => o.TrustedCertificatesDirectory = trust);
                s.AddA2AAgent<EchoAgent>(o => o.ExtendedAgentCard = caller =>
                    caller.PeerIdentity is { } peer ? EchoAgent.Card with { Description = $"Extended for {peer} ({caller.Id}, {caller.PeerCertificate?.Subject})" } : null);
            },
            app => app.MapA2AAgent<EchoAgent>("/echo"),
            kestrel: k => k.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(server)));

        using var http = A2AMutualTls.CreateHttpClient(client, [server]);
        var reply = await Rpc.SendAsync(http, new Uri(host.BaseAddress, "/echo").ToString(), Rpc.Request("GetExtendedAgentCard", null));
        Assert.Equal(200, reply.Status);
        Assert.Equal("Extended for billing (mtls:billing, CN=billing)", reply.Result.GetProperty("description").GetString());
    }
}
