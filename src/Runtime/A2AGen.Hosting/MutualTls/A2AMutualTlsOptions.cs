using System.Security.Cryptography.X509Certificates;

namespace A2AGen.Hosting;

/// <summary>Mutual TLS for every agent of the host (<c>services.AddA2AMutualTls(…)</c>).</summary>
public sealed class A2AMutualTlsOptions
{
    /// <summary>
    /// The trust folder: client certificates and CA certificates (PEM, possibly several per file, or DER; files ending
    /// in <c>.pem</c>, <c>.crt</c> or <c>.cer</c>). A client is accepted when its certificate is one of them, or chains
    /// to one of them — against this folder only, never the system store. Required.
    /// </summary>
    public string? TrustedCertificatesDirectory { get; set; }

    /// <summary>
    /// Whether a client without a certificate is refused during the handshake (default true). False lets such clients
    /// in without an identity (a presented certificate is still verified; an untrusted one is still refused).
    /// </summary>
    public bool RequireClientCertificate { get; set; } = true;

    /// <summary>Revocation checking of client chains (default <see cref="X509RevocationMode.NoCheck"/>: a private trust folder rarely publishes CRLs; remove a certificate from the folder to revoke it).</summary>
    public X509RevocationMode RevocationMode { get; set; } = X509RevocationMode.NoCheck;

    /// <summary>
    /// The most client-certificate refusals written to the log per minute (default 20; 0 logs none). Every refusal is
    /// counted on the meter (<c>a2agen.hosting.client_certificate.refusals</c>) whatever this says; refusals beyond it
    /// are summed up in one line (event 1005) when logging resumes, so a flood of bad handshakes cannot flood the log.
    /// </summary>
    public int MaxRefusalLogsPerMinute { get; set; } = 20;

    /// <summary>The description of the <c>mtlsSecurityScheme</c> added to every served card.</summary>
    public string SchemeDescription { get; set; } = "Clients present a TLS client certificate that this agent trusts.";
}
