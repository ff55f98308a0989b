using System.Net;
using System.Security.Cryptography.X509Certificates;
using A2AGen.Client;
using A2AGen.Protocol;
using A2AGen.Protocol.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;

namespace A2AGen.Hosting.Tests.MutualTls;

/// <summary>
/// Mutual TLS on Kestrel (127.0.0.1, port 0) with a trust folder of client and CA certificates made in the test: a
/// trusted client's identity reaches the skill; an untrusted one is refused during the handshake, before any HTTP or
/// A2A code runs; the card declares the scheme.
/// </summary>
public sealed class MutualTlsTests : IDisposable
{
    private readonly X509Certificate2 _authority = TestCertificates.CreateAuthority();
    private readonly X509Certificate2 _server = TestCertificates.CreateServer();
    private readonly string _trust = TestKeys.NewDirectory("mtls-trust");
    private int _requestsSeen;

    public MutualTlsTests()
    {
        TestCertificates.WritePem(_authority, _trust, "agents-ca.pem");
    }

    public void Dispose()
    {
        _authority.Dispose();
        _server.Dispose();
    }

    private Task<TestHost> StartAsync(Action<A2AMutualTlsOptions>? configure = null) => TestHost.StartAsync(
        s =>
        {
            s.AddA2AMutualTls(o =>
            {
                o.TrustedCertificatesDirectory = _trust;
                configure?.Invoke(o);
            });
            s.AddA2AAgent<WhoAmIAgent>();
        },
        app =>
        {
            app.Use((context, next) =>
            {
                Interlocked.Increment(ref _requestsSeen);
                return next(context);
            });
            app.MapA2AAgent<WhoAmIAgent>("/whoami");
        },
        kestrel: k => k.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(_server)));

    private HttpClient ClientWith(X509Certificate2? certificate)
    {
        var handler = certificate is null ? new SocketsHttpHandler() : A2AMutualTls.CreateHandler(certificate, [_server]);
        if (certificate is null)
        {
            handler.SslOptions.CertificateChainPolicy = new X509ChainPolicy { TrustMode = X509ChainTrustMode.CustomRootTrust, CustomTrustStore = { _server } };
        }

        return new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(30) };
    }

    // TLS 1.3 finishes the client's side of the handshake before the server checks its certificate, so a refusal shows
    // as a connection closed without an answer: the client cannot reach the agent.
    private static async Task RefusedAsync(HttpClient http, TestHost host)
    {
        var error = await Assert.ThrowsAsync<A2AClientException>(() => WhoAmIAsync(http, host));
        Assert.Equal("AGENT_UNREACHABLE", error.Reason);
        Assert.IsType<HttpRequestException>(error.InnerException);
    }

    private static async Task<string> WhoAmIAsync(HttpClient http, TestHost host)
    {
        var client = new A2AClient(http, new Uri(host.BaseAddress, "/whoami"));
        var reply = await client.SendMessageAsync(Message.UserText("who"));
        return reply.Task!.Artifacts![0].Parts[0].Text!;
    }

    [Fact]
    public async Task A_client_with_a_certificate_from_a_trusted_ca_is_identified_in_the_skill()
    {
        await using var host = await StartAsync();
        Assert.Equal("https", host.BaseAddress.Scheme);
        using var certificate = TestCertificates.CreateClient("CN=travel-desk, O=Example", _authority);
        using var http = ClientWith(certificate);
        Assert.Equal("caller=travel-desk;iss=-;kid=-;peer=travel-desk;cert=CN=travel-desk, O=Example", await WhoAmIAsync(http, host));
    }

    [Fact]
    public async Task An_untrusted_client_is_refused_in_the_handshake_before_any_a2a_code_runs()
    {
        await using var host = await StartAsync();
        using var stranger = TestCertificates.CreateClient("CN=stranger");
        using var http = ClientWith(stranger);
        await RefusedAsync(http, host);
        Assert.Equal(0, _requestsSeen);
        Assert.Contains(host.Logs.WithId(1003), e => e.Message.Contains("CN=stranger", StringComparison.Ordinal) && e.Message.Contains("does not chain to the trust folder", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_client_without_a_certificate_is_refused_in_the_handshake()
    {
        await using var host = await StartAsync();
        using var http = ClientWith(null);
        await Assert.ThrowsAsync<HttpRequestException>(() => http.GetAsync(new Uri(host.BaseAddress, "/whoami/.well-known/agent-card.json")));
        Assert.Equal(0, _requestsSeen);
    }

    [Fact]
    public async Task Expired_certificates_and_certificates_not_meant_for_clients_are_refused()
    {
        await using var host = await StartAsync();
        using var expired = TestCertificates.CreateClient("CN=late", _authority, notAfter: DateTimeOffset.UtcNow.AddHours(-1));
        using var serverOnly = TestCertificates.CreateClient("CN=server-only", _authority, clientAuth: false);
        using (var http = ClientWith(expired))
        {
            await RefusedAsync(http, host);
        }

        using (var http = ClientWith(serverOnly))
        {
            await RefusedAsync(http, host);
        }

        Assert.Equal(0, _requestsSeen);
        Assert.Contains(host.Logs.WithId(1003), e => e.Message.Contains("CN=late", StringComparison.Ordinal) && e.Message.Contains("valid from", StringComparison.Ordinal));
        Assert.Contains(host.Logs.WithId(1003), e => e.Message.Contains("CN=server-only", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_certificate_placed_in_the_folder_is_trusted_itself_and_a_san_names_a_caller_without_cn()
    {
        using var pinned = TestCertificates.CreateClient("O=No Common Name", dnsName: "billing.agents.example");
        TestCertificates.WritePem(pinned, _trust, "billing.crt");
        using var pinnedServerOnly = TestCertificates.CreateClient("CN=pinned-server-only", clientAuth: false);
        TestCertificates.WritePem(pinnedServerOnly, _trust, "server-only.crt");
        await using var host = await StartAsync();
        using (var http = ClientWith(pinned))
        {
            Assert.StartsWith("caller=billing.agents.example;", await WhoAmIAsync(http, host), StringComparison.Ordinal);
        }

        // Pinned, but made for servers: still refused.
        using (var http = ClientWith(pinnedServerOnly))
        {
            await RefusedAsync(http, host);
        }
    }

    [Fact]
    public async Task A_certificate_made_with_the_openssl_cli_is_accepted()
    {
        var folder = TestKeys.NewDirectory("openssl-client");
        var certificatePath = Path.Combine(folder, "client.pem");
        var keyPath = Path.Combine(folder, "client.key");
        OpenSslCli.Run("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", keyPath, "-out", certificatePath,
            "-days", "2", "-subj", "/CN=openssl-client", "-addext", "extendedKeyUsage=clientAuth");
        File.Copy(certificatePath, Path.Combine(_trust, "openssl-client.pem"));
        await using var host = await StartAsync();
        using var certificate = X509Certificate2.CreateFromPemFile(certificatePath, keyPath);
        using var http = ClientWith(certificate);
        Assert.StartsWith("caller=openssl-client;", await WhoAmIAsync(http, host), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_card_declares_mutual_tls_and_a_signature_still_names_the_caller_first()
    {
        await using var host = await StartAsync(o => o.SchemeDescription = "Certificates from the Example CA.");
        using var certificate = TestCertificates.CreateClient("CN=travel-desk", _authority);
        using var caller = new TestCaller("travel-desk-signer").TrustedBy(host.Services.GetRequiredService<A2AKeyRing>().TrustStore);
        using var http = A2ASigningHandler.CreateHttpClient(caller.Signer, A2AMutualTls.CreateHandler(certificate, [_server]));

        var client = await A2AClient.ConnectAsync(http, new Uri(host.BaseAddress, "/whoami"), new A2AClientOptions { CardTrust = host.Services.GetRequiredService<A2AKeyRing>().TrustStore });
        var scheme = client.Card!.Card.SecuritySchemes!["mtls"].MtlsSecurityScheme;
        Assert.Equal("Certificates from the Example CA.", scheme!.Description);

        var reply = await client.SendMessageAsync(Message.UserText("who"));
        Assert.StartsWith("caller=travel-desk-signer;iss=travel-desk-signer;", reply.Task!.Artifacts![0].Parts[0].Text, StringComparison.Ordinal);
        Assert.Contains(";peer=travel-desk;", reply.Task.Artifacts[0].Parts[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_plain_http_endpoint_of_a_mutual_tls_host_refuses_a2a_requests()
    {
        await using var host = await TestHost.StartAsync(
            s =>
            {
                s.AddA2AMutualTls(o => o.TrustedCertificatesDirectory = _trust);
                s.AddA2AAgent<WhoAmIAgent>();
            },
            app => app.MapA2AAgent<WhoAmIAgent>("/whoami"));
        var reply = await Rpc.CallAsync(host.Client, "/whoami", "SendMessage", Rpc.UserText("x"));
        Assert.Equal(401, reply.Status);
        Assert.Equal("CLIENT_CERTIFICATE_REQUIRED", reply.Reason);

        var card = A2AJson.Deserialize<AgentCard>(await host.Client.GetByteArrayAsync("/whoami/.well-known/agent-card.json"))!;
        Assert.NotNull(card.SecuritySchemes!["mtls"].MtlsSecurityScheme);
    }

    [Theory]
    [InlineData("missing")]
    [InlineData("empty")]
    [InlineData("private-key")]
    [InlineData("unset")]
    public async Task A_bad_trust_folder_is_a_startup_error(string problem)
    {
        var folder = TestKeys.NewDirectory("bad-mtls");
        string? configured = folder;
        string expected;
        switch (problem)
        {
            case "missing":
                configured = Path.Combine(folder, "nope");
                expected = "does not exist";
                break;
            case "empty":
                expected = "holds no certificate";
                break;
            case "private-key":
                OpenSslCli.Run("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", Path.Combine(folder, "both.pem"),
                    "-out", Path.Combine(folder, "cert.tmp"), "-days", "1", "-subj", "/CN=x");
                File.AppendAllText(Path.Combine(folder, "both.pem"), File.ReadAllText(Path.Combine(folder, "cert.tmp")));
                expected = "contains a private key";
                break;
            default:
                configured = null;
                expected = "TrustedCertificatesDirectory is not set";
                break;
        }

        // Read when the agents start (not while the host is built), so RunA2AAsync reports it in one line.
        var error = await Assert.ThrowsAsync<A2AStartupException>(() => TestHost.StartAsync(
            s =>
            {
                s.AddA2AMutualTls(o => o.TrustedCertificatesDirectory = configured);
                s.AddA2AAgent<WhoAmIAgent>();
            },
            app => app.MapA2AAgent<WhoAmIAgent>("/whoami")));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
