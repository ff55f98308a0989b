using System;

// Also compiled into the generator (linked, internal there, in its own namespace): the card's request-signing
// extension announces this format.
#if A2AGEN_GENERATOR
namespace A2AGen.Generators.Wire;
#else
namespace A2AGen.Security;
#endif

/// <summary>The wire format of an <c>A2A-Signature</c> request signature (DESIGN §6.4): header type, claim names, defaults.</summary>
#if A2AGEN_GENERATOR
internal
#else
public
#endif
static class RequestSignatureFormat
{
    /// <summary>The protected header's <c>typ</c>.</summary>
    public const string Type = "a2a-request+jwt";

    /// <summary>The HTTP method claim (as in RFC 9449 DPoP).</summary>
    public const string MethodClaim = "htm";

    /// <summary>The request URL claim, without query and fragment (as in RFC 9449 DPoP).</summary>
    public const string UrlClaim = "htu";

    /// <summary>The body hash claim: base64url SHA-256 of the exact body bytes.</summary>
    public const string BodyHashClaim = "bh";

    /// <summary>How long a signature is valid by default (60 seconds).</summary>
    public static readonly TimeSpan DefaultLifetime = TimeSpan.FromSeconds(60);

    /// <summary>The clock skew a verifier tolerates by default (5 seconds).</summary>
    public static readonly TimeSpan DefaultClockSkew = TimeSpan.FromSeconds(5);

    /// <summary>The longest <c>exp</c> − <c>iat</c> a verifier accepts by default (5 minutes): it bounds how long a <c>jti</c> stays in the replay cache.</summary>
    public static readonly TimeSpan DefaultMaxLifetime = TimeSpan.FromMinutes(5);

    /// <summary>The longest accepted <c>jti</c>, in characters.</summary>
    public const int MaxTokenIdLength = 256;
}
