namespace A2AGen.Security;

/// <summary>How a <see cref="RequestSigner"/> makes request signatures.</summary>
public sealed record RequestSigningOptions
{
    /// <summary>How long each signature is valid (<c>exp</c> − <c>iat</c>; default 60 seconds, at most 5 minutes).</summary>
    public TimeSpan Lifetime { get; init; } = RequestSignatureFormat.DefaultLifetime;

    /// <summary><c>kid</c>; by default the key's RFC 7638 thumbprint (what A2AGen verifiers and JWKS use).</summary>
    public string? KeyId { get; init; }

    /// <summary>The clock for <c>iat</c> and <c>exp</c>.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
