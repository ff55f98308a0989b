using System.Net;
using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;

namespace A2AGen.Conformance.Tests.Infrastructure;

/// <summary>
/// The conformance agent with its gRPC endpoint on TLS (<c>A2A:Grpc:Url</c> <c>https://127.0.0.1:0</c>), as a deployment
/// serves it (GRPC-SVC-003): Kestrel's default certificate is one made here for 127.0.0.1 (a throwaway ECDSA P-256
/// key, self-signed, test only), and the suite's channel trusts exactly that certificate.
/// </summary>
public sealed class TlsConformanceHost : ConformanceHost
{
    public TlsConformanceHost()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        // Valid around whatever the clock says (the suite also runs with the clock a year ahead); trust is by pinning.
        var now = DateTimeOffset.UtcNow;
        using var created = request.CreateSelfSigned(now.AddDays(-1), now.AddDays(30));
        Certificate = X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pkcs12), null);
    }

    /// <summary>The server's certificate.</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>The TLS version of the last handshake the suite's channel made.</summary>
    public SslProtocols? NegotiatedProtocol { get; private set; }

    protected override IEnumerable<string> Arguments => ["--A2A:Grpc:Url", "https://127.0.0.1:0"];

    protected override void ConfigureServices(IServiceCollection services) =>
        services.Configure<KestrelServerOptions>(o => o.ConfigureHttpsDefaults(https => https.ServerCertificate = Certificate));

    protected override GrpcChannel CreateChannel(Uri address) => GrpcChannel.ForAddress(address, new GrpcChannelOptions { HttpHandler = Handler(pin: true) });

    /// <summary>An HTTP handler that trusts the server's certificate (or, unpinned, only what the system trusts).</summary>
    public SocketsHttpHandler Handler(bool pin) => new()
    {
        SslOptions = new SslClientAuthenticationOptions
        {
            RemoteCertificateValidationCallback = pin
                ? (sender, certificate, _, _) =>
                {
                    NegotiatedProtocol = (sender as SslStream)?.SslProtocol;
                    return certificate is not null && certificate.GetCertHashString(HashAlgorithmName.SHA256) == Certificate.GetCertHashString(HashAlgorithmName.SHA256);
                }
                : null,
        },
    };
}
