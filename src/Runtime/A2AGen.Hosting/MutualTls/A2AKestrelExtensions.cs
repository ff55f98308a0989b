using A2AGen.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Https;

namespace Microsoft.AspNetCore.Hosting;

/// <summary>Kestrel settings for A2A mutual TLS.</summary>
public static class A2AKestrelExtensions
{
    /// <summary>
    /// Requires (or, per <see cref="A2AMutualTlsOptions.RequireClientCertificate"/>, allows) a client certificate on this
    /// HTTPS endpoint and accepts only those <paramref name="trust"/> trusts: an untrusted client fails the TLS handshake,
    /// before any HTTP or A2A code runs. <c>services.AddA2AMutualTls(…)</c> applies this to every HTTPS endpoint
    /// configured after it; call it yourself inside <c>ListenOptions.UseHttps(https =&gt; …)</c> for endpoints configured
    /// earlier.
    /// </summary>
    /// <param name="https">The endpoint's TLS settings.</param>
    /// <param name="trust">The host's client-certificate trust (a singleton from <c>AddA2AMutualTls</c>).</param>
    public static HttpsConnectionAdapterOptions UseA2AClientCertificates(this HttpsConnectionAdapterOptions https, ClientCertificateTrust trust)
    {
        ArgumentNullException.ThrowIfNull(https);
        ArgumentNullException.ThrowIfNull(trust);
        return https.UseA2AClientCertificates(trust.Options, () => trust);
    }

    /// <summary>
    /// The same with the trust resolved at the first handshake: Kestrel applies HTTPS defaults while the host is built,
    /// before the agents start, and the trust folder is read when they start (a problem there is a startup problem).
    /// </summary>
    internal static HttpsConnectionAdapterOptions UseA2AClientCertificates(this HttpsConnectionAdapterOptions https, A2AMutualTlsOptions options, Func<ClientCertificateTrust> resolve)
    {
        var lazy = new Lazy<ClientCertificateTrust>(resolve, LazyThreadSafetyMode.ExecutionAndPublication);
        https.ClientCertificateMode = options.RequireClientCertificate ? ClientCertificateMode.RequireCertificate : ClientCertificateMode.AllowCertificate;

        // The trust builds the chain itself, against its folder only; Kestrel's default system-store verdict is ignored.
        https.CheckCertificateRevocation = false;
        https.ClientCertificateValidation = (certificate, _, _) => lazy.Value.AcceptHandshake(certificate);

        // A client that presents no certificate never reaches the validation callback: the trust follows each TLS
        // connection from its ClientHello, so that such a refusal is counted and logged too.
        var onClientHello = https.TlsClientHelloBytesCallback;
        https.TlsClientHelloBytesCallback = (connection, clientHello) =>
        {
            onClientHello?.Invoke(connection, clientHello);
            lazy.Value.ObserveClientHello(connection);
        };
        var onAuthenticate = https.OnAuthenticate;
        https.OnAuthenticate = (connection, ssl) =>
        {
            onAuthenticate?.Invoke(connection, ssl);
            lazy.Value.ObserveHandshake(connection);
        };
        return https;
    }
}
