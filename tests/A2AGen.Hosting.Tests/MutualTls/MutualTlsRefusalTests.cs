using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace A2AGen.Hosting.Tests.MutualTls;

/// <summary>
/// Issue 11 §4, mutual TLS refusals: every refusal is counted on the meter and logged — also a client that presents
/// no certificate, also the same certificate again within a minute — with the log output (not the count) rate-limited;
/// a certificate made for servers is reported as not valid for client authentication; and the plain-HTTP
/// <c>CLIENT_CERTIFICATE_REQUIRED</c> answer carries the request's id. Certificates are made with the BCL
/// <see cref="System.Security.Cryptography.X509Certificates.CertificateRequest"/>, valid relative to now.
/// </summary>
public sealed class MutualTlsRefusalTests : IDisposable
{
    private const string RefusalCounter = "a2agen.hosting.client_certificate.refusals";

    private readonly X509Certificate2 _authority = TestCertificates.CreateAuthority();
    private readonly X509Certificate2 _server = TestCertificates.CreateServer();
    private readonly string _trust = TestKeys.NewDirectory("mtls-refusals");
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private readonly ConcurrentQueue<string> _refusals = new();
    private MeterListener? _listener;

    public MutualTlsRefusalTests()
    {
        TestCertificates.WritePem(_authority, _trust, "agents-ca.pem");
    }

    public void Dispose()
    {
        _listener?.Dispose();
        _authority.Dispose();
        _server.Dispose();
    }

    private async Task<TestHost> StartAsync(int logsPerMinute = 20)
    {
        var host = await TestHost.StartAsync(
            s =>
            {
                s.AddSingleton<TimeProvider>(_time);
                s.AddA2AMutualTls(o =>
                {
                    o.TrustedCertificatesDirectory = _trust;
                    o.MaxRefusalLogsPerMinute = logsPerMinute;
                });
                s.AddA2AAgent<WhoAmIAgent>();
            },
            app => app.MapA2AAgent<WhoAmIAgent>("/whoami"),
            kestrel: k => k.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(_server)));
        var meterFactory = host.Services.GetRequiredService<IMeterFactory>();
        _listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Name == RefusalCounter && ReferenceEquals(instrument.Meter.Scope, meterFactory))
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "reason")
                {
                    for (var i = 0; i < value; i++)
                    {
                        _refusals.Enqueue((string)tag.Value!);
                    }
                }
            }
        });
        _listener.Start();
        return host;
    }

    // One TLS handshake per call (an HttpClient would retry a failed connection), presenting the certificate or none.
    private async Task ConnectAsync(TestHost host, X509Certificate2? certificate)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(host.BaseAddress.Host, host.BaseAddress.Port);
        await using var tls = new SslStream(tcp.GetStream(), leaveInnerStreamOpen: false);
        var options = new SslClientAuthenticationOptions
        {
            TargetHost = "localhost",
            RemoteCertificateValidationCallback = (_, server, _, _) => server is not null && server.GetCertHashString() == _server.GetCertHashString(),
            LocalCertificateSelectionCallback = (_, _, _, _, _) => certificate!,
            ClientCertificates = certificate is null ? null : [certificate],
        };
        if (certificate is null)
        {
            options.LocalCertificateSelectionCallback = null;
        }

        try
        {
            await tls.AuthenticateAsClientAsync(options);
            // TLS 1.3: the server checks the client's certificate after the client's side of the handshake is done.
            await tls.WriteAsync("GET /whoami/.well-known/agent-card.json HTTP/1.1\r\nHost: localhost\r\n\r\n"u8.ToArray());
            var read = await tls.ReadAsync(new byte[256]);
            Assert.Equal(0, read);
        }
        catch (Exception e) when (e is IOException or AuthenticationException)
        {
            // Refused: the handshake failed or the connection was closed without an answer.
        }
    }

    private async Task<int> CountEventuallyAsync(string reason, int expected)
    {
        // Connection-closed notifications arrive on Kestrel's own schedule: wait for them, bounded.
        for (var i = 0; i < 200 && _refusals.Count(r => r == reason) < expected; i++)
        {
            await Task.Delay(25);
        }

        return _refusals.Count(r => r == reason);
    }

    [Fact]
    public async Task Every_refusal_is_counted_and_logged_also_repeats_and_clients_without_a_certificate()
    {
        await using var host = await StartAsync();
        using var stranger = TestCertificates.CreateClient("CN=stranger");
        for (var i = 0; i < 3; i++)
        {
            await ConnectAsync(host, stranger);
            await ConnectAsync(host, null);
        }

        Assert.Equal(3, await CountEventuallyAsync("CLIENT_CERTIFICATE_UNTRUSTED", 3));
        Assert.Equal(3, await CountEventuallyAsync("CLIENT_CERTIFICATE_MISSING", 3));
        Assert.Equal(3, host.Logs.WithId(1003).Count(e => e.Message.Contains("CN=stranger", StringComparison.Ordinal)));
        Assert.Equal(3, host.Logs.WithId(1003).Count(e => e.Message.Contains("no client certificate", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task The_log_output_is_rate_limited_but_the_count_is_not()
    {
        await using var host = await StartAsync(logsPerMinute: 2);
        using var stranger = TestCertificates.CreateClient("CN=flooder");
        for (var i = 0; i < 5; i++)
        {
            await ConnectAsync(host, stranger);
        }

        Assert.Equal(5, await CountEventuallyAsync("CLIENT_CERTIFICATE_UNTRUSTED", 5));
        Assert.Equal(2, host.Logs.WithId(1003).Count);

        _time.Advance(TimeSpan.FromMinutes(1.5));
        await ConnectAsync(host, stranger);
        Assert.Equal(6, await CountEventuallyAsync("CLIENT_CERTIFICATE_UNTRUSTED", 6));
        Assert.Equal(3, host.Logs.WithId(1003).Count);
        var summary = Assert.Single(host.Logs.WithId(1005));
        Assert.Contains("3 ", summary.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_certificate_made_for_servers_is_reported_as_not_valid_for_client_authentication()
    {
        await using var host = await StartAsync();
        using var serverOnly = TestCertificates.CreateClient("CN=server-only", _authority, clientAuth: false);
        await ConnectAsync(host, serverOnly);
        Assert.Equal(1, await CountEventuallyAsync("CLIENT_CERTIFICATE_NOT_FOR_CLIENTS", 1));
        var entry = Assert.Single(host.Logs.WithId(1003), e => e.Message.Contains("CN=server-only", StringComparison.Ordinal));
        Assert.Contains("not valid for client authentication", entry.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("does not chain", entry.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Expired_certificates_are_counted_with_their_own_reason()
    {
        await using var host = await StartAsync();
        using var expired = TestCertificates.CreateClient("CN=late", _authority, notAfter: _time.GetUtcNow().AddHours(-1));
        await ConnectAsync(host, expired);
        Assert.Equal(1, await CountEventuallyAsync("CLIENT_CERTIFICATE_EXPIRED", 1));
    }

    [Fact]
    public async Task The_plain_http_refusal_echoes_the_request_id()
    {
        await using var host = await TestHost.StartAsync(
            s =>
            {
                s.AddA2AMutualTls(o => o.TrustedCertificatesDirectory = _trust);
                s.AddA2AAgent<WhoAmIAgent>();
            },
            app => app.MapA2AAgent<WhoAmIAgent>("/whoami"));
        var reply = await Rpc.SendAsync(host.Client, "/whoami", Rpc.Request("SendMessage", Rpc.UserText("x"), "\"req-42\""));
        Assert.Equal(401, reply.Status);
        Assert.Equal("CLIENT_CERTIFICATE_REQUIRED", reply.Reason);
        Assert.Equal("req-42", reply.Json.GetProperty("id").GetString());
    }
}
