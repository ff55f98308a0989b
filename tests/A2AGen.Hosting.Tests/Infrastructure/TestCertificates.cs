using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace A2AGen.Hosting.Tests.Infrastructure;

/// <summary>
/// Certificates made for a test with <see cref="CertificateRequest"/> (P-256 keys that live in memory only): a CA,
/// client certificates it issues or that sign themselves, and a server certificate for 127.0.0.1.
/// </summary>
public static class TestCertificates
{
    private static readonly Oid ClientAuth = new("1.3.6.1.5.5.7.3.2");
    private static readonly Oid ServerAuth = new("1.3.6.1.5.5.7.3.1");

    public static X509Certificate2 CreateAuthority(string name = "A2AGen Test CA")
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
    }

    /// <summary>A client certificate: issued by <paramref name="issuer"/>, or self-signed when it is null.</summary>
    public static X509Certificate2 CreateClient(string subject, X509Certificate2? issuer = null, bool clientAuth = true, DateTimeOffset? notAfter = null, string? dnsName = null)
    {
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([clientAuth ? ClientAuth : ServerAuth], false));
        if (dnsName is not null)
        {
            var names = new SubjectAlternativeNameBuilder();
            names.AddDnsName(dnsName);
            request.CertificateExtensions.Add(names.Build());
        }

        var notBefore = DateTimeOffset.UtcNow.AddHours(-1);
        var until = notAfter ?? DateTimeOffset.UtcNow.AddDays(10);
        if (until <= notBefore)
        {
            notBefore = until.AddHours(-1);
        }

        if (issuer is null)
        {
            return request.CreateSelfSigned(notBefore, until);
        }

        using var issued = request.Create(issuer, notBefore, until, RandomNumberGenerator.GetBytes(12));
        return issued.CopyWithPrivateKey(key);
    }

    public static X509Certificate2 CreateServer()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([ServerAuth], false));
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
    }

    /// <summary>Writes the certificate (never its key) as PEM into <paramref name="folder"/>.</summary>
    public static void WritePem(X509Certificate2 certificate, string folder, string name) =>
        File.WriteAllText(Path.Combine(folder, name), certificate.ExportCertificatePem());
}
