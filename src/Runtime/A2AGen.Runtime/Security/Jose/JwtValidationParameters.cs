namespace A2AGen.Security;

/// <summary>What <see cref="JwtClaimsValidator"/> requires of the claims.</summary>
public sealed record JwtValidationParameters
{
    /// <summary>The required <c>iss</c>; null accepts any issuer whose key is trusted.</summary>
    public string? ExpectedIssuer { get; init; }

    /// <summary>Acceptable audiences; <c>aud</c> must name one of them. Null skips the audience check.</summary>
    public IReadOnlyCollection<string>? ExpectedAudiences { get; init; }

    /// <summary>Tolerance for clocks that differ (DESIGN §6.4: 5 seconds).</summary>
    public TimeSpan ClockSkew { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Whether <c>exp</c> must be present (default true).</summary>
    public bool RequireExpiration { get; init; } = true;

    /// <summary>Whether <c>iat</c> must be present (default true).</summary>
    public bool RequireIssuedAt { get; init; } = true;

    /// <summary>Whether <c>jti</c> must be present (default false).</summary>
    public bool RequireJwtId { get; init; }

    /// <summary>The longest acceptable <c>exp</c> − <c>iat</c>; null for no limit.</summary>
    public TimeSpan? MaxLifetime { get; init; }

    /// <summary>The clock.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>
    /// Called last, only for tokens whose signature and times are valid: return false when the <c>jti</c> was seen
    /// before (a replay cache keeps it until <c>exp</c> + skew). Null skips the check.
    /// </summary>
    public Func<JwtClaims, bool>? JwtIdValidator { get; init; }
}
