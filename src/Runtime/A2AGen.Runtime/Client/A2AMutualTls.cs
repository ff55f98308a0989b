using System.Security.Cryptography.X509Certificates;

namespace A2AGen.Client;

/// <summary>
/// HTTP transports that present a client certificate to agents that require mutual TLS (the card declares an
/// <c>mtlsSecurityScheme</c>), and optionally trust only given CA certificates for the agent's own certificate.
/// </summary>
public static class A2AMutualTls
{
    /// <summary>A handler that presents <paramref name="clientCertificate"/> (with its private key) in every TLS handshake.</summary>
    /// <param name="clientCertificate">The client's certificate with its private key.</param>
    /// <param name="serverCertificateAuthorities">
    /// When given, the agent's certificate must chain to one of these (and only these: the system store is not
    /// consulted) and match the host name; when null, the system's usual server validation applies.
    /// </param>
    /// <exception cref="ArgumentException">The certificate has no private key.</exception>
    public static SocketsHttpHandler CreateHandler(X509Certificate2 clientCertificate, X509Certificate2Collection? serverCertificateAuthorities = null)
    {
        ArgumentNullException.ThrowIfNull(clientCertificate);
        if (!clientCertificate.HasPrivateKey)
        {
            throw new ArgumentException("The client certificate needs its private key to be presented in a TLS handshake.", nameof(clientCertificate));
        }

        var handler = new SocketsHttpHandler { AllowAutoRedirect = false };
        handler.SslOptions.ClientCertificates = [clientCertificate];
        handler.SslOptions.LocalCertificateSelectionCallback = (_, _, _, _, _) => clientCertificate;
        if (serverCertificateAuthorities is { Count: > 0 } authorities)
        {
            handler.SslOptions.CertificateChainPolicy = new X509ChainPolicy
            {
                TrustMode = X509ChainTrustMode.CustomRootTrust,
                RevocationMode = X509RevocationMode.NoCheck,
                DisableCertificateDownloads = true,
            };
            handler.SslOptions.CertificateChainPolicy.CustomTrustStore.AddRange(authorities);
        }

        return handler;
    }

    /// <summary>An <see cref="HttpClient"/> over <see cref="CreateHandler"/>, for <see cref="A2AClient"/>.</summary>
    /// <param name="clientCertificate">The client's certificate with its private key.</param>
    /// <param name="serverCertificateAuthorities">CA certificates the agent's certificate must chain to; null for the system's validation.</param>
    public static HttpClient CreateHttpClient(X509Certificate2 clientCertificate, X509Certificate2Collection? serverCertificateAuthorities = null) =>
        new(CreateHandler(clientCertificate, serverCertificateAuthorities));
}
