using System.Security.Claims;
using System.Security.Cryptography.X509Certificates;
using A2AGen.Security;

namespace A2AGen.Hosting;

/// <summary>
/// Who is calling, as far as the pipeline verified it: the request signature (its <c>iss</c> is the caller), the
/// mutual-TLS peer, and the ASP.NET Core user. <see cref="Id"/> is the identity tasks belong to — the signer, else the
/// mTLS peer, else the user — or null for an anonymous caller.
/// </summary>
public sealed class VerifiedCaller
{
    internal VerifiedCaller(VerifiedRequestSignature? requestSignature, string? peerIdentity, X509Certificate2? peerCertificate, ClaimsPrincipal user)
    {
        RequestSignature = requestSignature;
        PeerIdentity = peerIdentity;
        PeerCertificate = peerCertificate;
        User = user;
        Id = CallerIdentity.Of(requestSignature, peerIdentity, user);
    }

    /// <summary>The caller's identity (<c>agent:travel-desk</c>, <c>mtls:billing</c>, <c>user:alice</c>), or null when anonymous.</summary>
    public string? Id { get; }

    /// <summary>Whether nothing about the caller was verified.</summary>
    public bool IsAnonymous => Id is null;

    /// <summary>The verified request signature (its <c>Issuer</c> is the calling agent's id), or null for an unsigned request.</summary>
    public VerifiedRequestSignature? RequestSignature { get; }

    /// <summary>The verified mutual-TLS peer's identity (subject CN, else first SAN), or null.</summary>
    public string? PeerIdentity { get; }

    /// <summary>The client certificate the host's trust verified, or null.</summary>
    public X509Certificate2? PeerCertificate { get; }

    /// <summary>The ASP.NET Core user (unauthenticated when nobody signed in).</summary>
    public ClaimsPrincipal User { get; }
}
