using A2AGen.Security;
using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace A2AGen.Hosting;

/// <summary>
/// Decides which TLS client certificates the host accepts: those in the trust folder, and those whose chain builds to
/// a certificate of the folder (the folder is the only trust anchor; the system store is not consulted, nothing is
/// downloaded), valid now and — when they say what they are for — meant for client authentication. Results are cached
/// per certificate so the handshake's verdict is what a request later sees. Every refusal in a handshake — also a
/// repeated one, also a client that presents no certificate — is counted on the meter
/// (<c>a2agen.hosting.client_certificate.refusals</c>, tagged <c>reason</c>) and logged (event 1003), the log output
/// limited to <see cref="A2AMutualTlsOptions.MaxRefusalLogsPerMinute"/> lines a minute. Thread-safe.
/// </summary>
public sealed class ClientCertificateTrust
{
    /// <summary>The name of the refusal counter.</summary>
    public const string RefusalCounterName = "a2agen.hosting.client_certificate.refusals";

    /// <summary>Refusal reason: the client presented no certificate (or the handshake failed before it did).</summary>
    public const string CertificateMissing = "CLIENT_CERTIFICATE_MISSING";

    /// <summary>Refusal reason: the certificate is not in the trust folder and does not chain to it.</summary>
    public const string CertificateUntrusted = "CLIENT_CERTIFICATE_UNTRUSTED";

    /// <summary>Refusal reason: the certificate is outside its validity period.</summary>
    public const string CertificateExpired = "CLIENT_CERTIFICATE_EXPIRED";

    /// <summary>Refusal reason: the certificate is not valid for client authentication (its extended key usage says so).</summary>
    public const string CertificateNotForClients = "CLIENT_CERTIFICATE_NOT_FOR_CLIENTS";

    /// <summary>Refusal reason: the certificate names no subject to identify the caller by.</summary>
    public const string CertificateNoSubject = "CLIENT_CERTIFICATE_NO_SUBJECT";

    private const int MaxCached = 1024;
    private const string NotForClients = "the certificate is not valid for client authentication (its extended key usage does not include clientAuth)";
    private static readonly Oid ClientAuthentication = new("1.3.6.1.5.5.7.3.2");
    private static readonly object ObservationKey = new();

    // The TLS connection whose handshake is running: the validation callback has no connection of its own.
    private static readonly AsyncLocal<HandshakeObservation?> CurrentHandshake = new();

    private readonly X509Certificate2Collection _anchors;
    private readonly HashSet<string> _pinned;
    private readonly X509RevocationMode _revocation;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<string, Verdict> _verdicts = new(StringComparer.Ordinal);
    private readonly ILogger? _logger;
    private readonly Counter<long>? _refusals;
    private readonly object _logGate = new();
    private DateTimeOffset _logWindowStart = DateTimeOffset.MinValue;
    private int _loggedInWindow;
    private long _notLogged;

    /// <summary>Loads the trust folder.</summary>
    /// <param name="options">The folder and revocation mode.</param>
    /// <param name="time">The clock for validity periods.</param>
    /// <param name="logger">Where refused certificates are logged (event 1003).</param>
    /// <param name="meterFactory">Where refusals are counted (meter <c>A2AGen.Hosting</c>).</param>
    /// <exception cref="InvalidOperationException">The folder is not set, does not exist, holds no certificate, or a file is not a certificate.</exception>
    public ClientCertificateTrust(IOptions<A2AMutualTlsOptions> options, TimeProvider time, ILogger<ClientCertificateTrust>? logger = null, IMeterFactory? meterFactory = null)
    {
        _logger = logger;
        ArgumentNullException.ThrowIfNull(options);
        var settings = options.Value;
        if (settings.MaxRefusalLogsPerMinute < 0)
        {
            throw new InvalidOperationException($"A2A mutual TLS: A2AMutualTlsOptions.MaxRefusalLogsPerMinute is {settings.MaxRefusalLogsPerMinute}; use 0 (no refusal is logged, all are counted) or more.");
        }

        _refusals = meterFactory?.Create(A2AHostingTelemetry.Name).CreateCounter<long>(RefusalCounterName, "{handshake}",
            "TLS client certificates refused during the handshake, by reason (CLIENT_CERTIFICATE_*).");
        _revocation = settings.RevocationMode;
        _time = time ?? TimeProvider.System;
        Options = settings;
        var folder = settings.TrustedCertificatesDirectory;
        if (string.IsNullOrEmpty(folder))
        {
            throw new InvalidOperationException("A2A mutual TLS: A2AMutualTlsOptions.TrustedCertificatesDirectory is not set; point it at a folder of trusted client or CA certificates (PEM or DER).");
        }

        folder = Path.GetFullPath(folder);
        if (!Directory.Exists(folder))
        {
            throw new InvalidOperationException($"A2A mutual TLS: the trust folder '{folder}' does not exist; create it and put the trusted client or CA certificates in it.");
        }

        _anchors = [];
        foreach (var path in Directory.GetFiles(folder).Order(StringComparer.Ordinal))
        {
            var extension = Path.GetExtension(path).ToLowerInvariant();
            if (extension is not (".pem" or ".crt" or ".cer"))
            {
                continue;
            }

            try
            {
                var text = File.ReadAllText(path);
                if (text.Contains("-----BEGIN", StringComparison.Ordinal))
                {
                    if (text.Contains("PRIVATE KEY-----", StringComparison.Ordinal))
                    {
                        throw new InvalidOperationException($"A2A mutual TLS: '{path}' contains a private key; the trust folder must hold certificates only. Remove the key from the file.");
                    }

                    var certificates = new X509Certificate2Collection();
                    certificates.ImportFromPem(text);
                    _anchors.AddRange(certificates);
                }
                else
                {
                    _anchors.Add(X509CertificateLoader.LoadCertificateFromFile(path));
                }
            }
            catch (CryptographicException e)
            {
                throw new InvalidOperationException($"A2A mutual TLS: '{path}' is not a certificate ({e.Message}). Put only PEM or DER certificates in the trust folder.", e);
            }
        }

        if (_anchors.Count == 0)
        {
            throw new InvalidOperationException($"A2A mutual TLS: the trust folder '{folder}' holds no certificate (*.pem, *.crt, *.cer), so no client could connect.");
        }

        _pinned = _anchors.Select(c => Convert.ToHexString(c.GetCertHash(HashAlgorithmName.SHA256))).ToHashSet(StringComparer.Ordinal);
        Folder = folder;
    }

    /// <summary>The trust folder (full path).</summary>
    public string Folder { get; }

    /// <summary>The settings in force.</summary>
    public A2AMutualTlsOptions Options { get; }

    /// <summary>The certificates of the trust folder.</summary>
    public X509Certificate2Collection Certificates => _anchors;

    /// <summary>Whether <paramref name="certificate"/> is trusted; when it is, its identity (subject CN, else the first SAN).</summary>
    /// <param name="certificate">The client's certificate.</param>
    /// <param name="identity">Its identity when trusted.</param>
    /// <param name="problem">Why not, otherwise.</param>
    public bool IsTrusted(X509Certificate2 certificate, out string? identity, out string? problem)
    {
        var verdict = Judge(certificate);
        identity = verdict.Identity;
        problem = verdict.Problem;
        return verdict.Problem is null;
    }

    private Verdict Judge(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        var thumbprint = Convert.ToHexString(certificate.GetCertHash(HashAlgorithmName.SHA256));
        var now = _time.GetUtcNow();
        if (!_verdicts.TryGetValue(thumbprint, out var verdict) || verdict.Until <= now)
        {
            verdict = Evaluate(certificate, thumbprint, now);
            if (_verdicts.Count >= MaxCached)
            {
                _verdicts.Clear();
            }

            _verdicts[thumbprint] = verdict;
        }

        return verdict;
    }

    /// <summary>
    /// The handshake's check (Kestrel's client-certificate validation): <see cref="IsTrusted"/>, and a refusal is
    /// counted and logged — every time, also for a certificate refused a moment ago.
    /// </summary>
    /// <param name="certificate">The client's certificate.</param>
    internal bool AcceptHandshake(X509Certificate2 certificate)
    {
        if (CurrentHandshake.Value is { } handshake)
        {
            handshake.CertificatePresented = true;
        }

        var verdict = Judge(certificate);
        if (verdict.Problem is null)
        {
            return true;
        }

        RecordRefusal(verdict.Reason!, certificate.Subject, verdict.Problem);
        return false;
    }

    /// <summary>A TLS ClientHello arrived on <paramref name="connection"/>: its handshake is followed until the connection closes.</summary>
    internal void ObserveClientHello(ConnectionContext connection) => connection.Items[ObservationKey] = new HandshakeObservation();

    /// <summary>
    /// The handshake of <paramref name="connection"/> starts: the validation callback will see it, and when the
    /// connection closes without a certificate having been presented, that is a refusal too.
    /// </summary>
    internal void ObserveHandshake(ConnectionContext connection)
    {
        if (!connection.Items.TryGetValue(ObservationKey, out var value) || value is not HandshakeObservation handshake)
        {
            return; // no ClientHello: a port probe or a client that is not speaking TLS, not a refused certificate
        }

        CurrentHandshake.Value = handshake;
        if (Options.RequireClientCertificate)
        {
            connection.ConnectionClosed.Register(static state =>
            {
                var (trust, observed) = ((ClientCertificateTrust, HandshakeObservation))state!;
                if (!observed.CertificatePresented)
                {
                    trust.RecordRefusal(CertificateMissing, "(none)", "no client certificate was presented");
                }
            }, (this, handshake));
        }
    }

    private void RecordRefusal(string reason, string subject, string problem)
    {
        _refusals?.Add(1, new KeyValuePair<string, object?>("reason", reason));
        if (_logger is null)
        {
            return;
        }

        // The record is the counter; the log is limited per minute, and what it left out is summed up when it resumes.
        var now = _time.GetUtcNow();
        long skipped = 0;
        bool write;
        lock (_logGate)
        {
            if (now - _logWindowStart >= TimeSpan.FromMinutes(1))
            {
                skipped = _notLogged;
                _notLogged = 0;
                _loggedInWindow = 0;
                _logWindowStart = now;
            }

            write = _loggedInWindow < Options.MaxRefusalLogsPerMinute;
            if (write)
            {
                _loggedInWindow++;
            }
            else
            {
                _notLogged++;
            }
        }

        if (skipped > 0)
        {
            HostingLog.ClientCertificateRefusalsNotLogged(_logger, skipped, Options.MaxRefusalLogsPerMinute);
        }

        if (write)
        {
            HostingLog.ClientCertificateRefused(_logger, CallerText.Sanitize(subject, 200), reason, problem);
        }
    }

    /// <summary>The identity of a certificate: its subject common name, else its first subject alternative name (DNS, URI, e-mail or IP), else null.</summary>
    /// <param name="certificate">The certificate.</param>
    public static string? IdentityOf(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        foreach (var name in certificate.SubjectName.EnumerateRelativeDistinguishedNames())
        {
            if (name.GetSingleElementType().Value == "2.5.4.3" && name.GetSingleElementValue() is { Length: > 0 } commonName)
            {
                return commonName;
            }
        }

        foreach (var extension in certificate.Extensions)
        {
            if (extension.Oid?.Value == "2.5.29.17")
            {
                return FirstAlternativeName(extension.RawData);
            }
        }

        return null;
    }

    private Verdict Evaluate(X509Certificate2 certificate, string thumbprint, DateTimeOffset now)
    {
        var identity = IdentityOf(certificate);
        if (identity is null)
        {
            return Verdict.Refused(CertificateNoSubject, "the certificate names no subject (no common name, no subject alternative name)", now);
        }

        if (now < certificate.NotBefore || now > certificate.NotAfter)
        {
            return Verdict.Refused(CertificateExpired, $"the certificate is valid from {certificate.NotBefore.ToUniversalTime():u} to {certificate.NotAfter.ToUniversalTime():u} only", now);
        }

        // Made for servers (or anything but clients): say so, whether or not it chains — pinned ones included.
        if (certificate.Extensions.OfType<X509EnhancedKeyUsageExtension>().FirstOrDefault() is { } usages
            && !usages.EnhancedKeyUsages.Cast<Oid>().Any(u => u.Value == ClientAuthentication.Value))
        {
            return Verdict.Refused(CertificateNotForClients, NotForClients, now);
        }

        if (_pinned.Contains(thumbprint))
        {
            return new Verdict(identity, null, null, Min(certificate.NotAfter, now.AddMinutes(10)));
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(_anchors);
        chain.ChainPolicy.RevocationMode = _revocation;
        chain.ChainPolicy.DisableCertificateDownloads = true;
        chain.ChainPolicy.VerificationTime = now.UtcDateTime;
        chain.ChainPolicy.VerificationTimeIgnored = false;
        chain.ChainPolicy.ApplicationPolicy.Add(ClientAuthentication);
        if (!chain.Build(certificate))
        {
            // An issuer in the chain can restrict usage too: a chain that only fails for usage is not "untrusted".
            if (chain.ChainStatus.All(s => s.Status == X509ChainStatusFlags.NotValidForUsage))
            {
                return Verdict.Refused(CertificateNotForClients, NotForClients + " in its chain", now);
            }

            var statuses = chain.ChainStatus.Select(s => s.Status.ToString()).Distinct();
            return Verdict.Refused(CertificateUntrusted, $"the certificate does not chain to the trust folder ({string.Join(", ", statuses)})", now);
        }

        var until = chain.ChainElements.Min(e => e.Certificate.NotAfter);
        return new Verdict(identity, null, null, Min(until, now.AddMinutes(10)));
    }

    private static DateTimeOffset Min(DateTime a, DateTimeOffset b) => new DateTimeOffset(a.ToUniversalTime()) < b ? new DateTimeOffset(a.ToUniversalTime()) : b;

    // GeneralNames ::= SEQUENCE OF GeneralName; the first rfc822Name [1], dNSName [2], URI [6] or iPAddress [7].
    private static string? FirstAlternativeName(byte[] der)
    {
        try
        {
            var names = new AsnReader(der, AsnEncodingRules.DER).ReadSequence();
            while (names.HasData)
            {
                var tag = names.PeekTag();
                if (tag.TagClass == TagClass.ContextSpecific && tag.TagValue is 1 or 2 or 6)
                {
                    return names.ReadCharacterString(UniversalTagNumber.IA5String, tag);
                }

                if (tag.TagClass == TagClass.ContextSpecific && tag.TagValue == 7)
                {
                    return new System.Net.IPAddress(names.ReadOctetString(tag)).ToString();
                }

                names.ReadEncodedValue();
            }
        }
        catch (AsnContentException)
        {
            return null;
        }

        return null;
    }

    private sealed record Verdict(string? Identity, string? Reason, string? Problem, DateTimeOffset Until)
    {
        // A refusal is re-examined after a minute (the certificate may have become valid meanwhile).
        public static Verdict Refused(string reason, string problem, DateTimeOffset now) => new(null, reason, problem, now.AddMinutes(1));
    }

    // One TLS connection's handshake, from its ClientHello.
    private sealed class HandshakeObservation
    {
        public volatile bool CertificatePresented;
    }
}
