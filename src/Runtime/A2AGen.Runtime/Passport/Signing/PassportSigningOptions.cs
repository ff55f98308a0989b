namespace A2AGen.Passport;

/// <summary>Settings of a <see cref="PassportSigner"/>.</summary>
public sealed record PassportSigningOptions
{
    /// <summary>The longest lifetime a signer accepts (verifiers refuse more than their own maximum, 1 hour by default).</summary>
    public static readonly TimeSpan MaxLifetime = TimeSpan.FromHours(24);

    /// <summary>How long a signed passport is valid: <c>exp</c> = <c>iat</c> + this (default 10 minutes; 1 second to 24 hours).</summary>
    public TimeSpan Lifetime { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary><c>kid</c>; by default the key's RFC 7638 thumbprint (what A2AGen trust stores hold keys under).</summary>
    public string? KeyId { get; init; }

    /// <summary>Whether to add a random <c>jti</c> (default true): it names one signed passport in the verifier's logs.</summary>
    public bool IncludeTokenId { get; init; } = true;

    /// <summary>The clock.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
