namespace A2AGen.Security;

/// <summary>The claims of an <c>A2A-Signature</c> request signature that passed every check (DESIGN §6.4).</summary>
public sealed record VerifiedRequestSignature
{
    /// <summary>The caller's agent id (<c>iss</c>), matched to a trusted key.</summary>
    public required string Issuer { get; init; }

    /// <summary>The key that verified the signature (<c>kid</c>).</summary>
    public required string KeyId { get; init; }

    /// <summary>The JWS algorithm (<c>EdDSA</c> or <c>ES256</c>).</summary>
    public required string Algorithm { get; init; }

    /// <summary>The unique token id (<c>jti</c>), now in the replay cache.</summary>
    public required string JwtId { get; init; }

    /// <summary>The audience (<c>aud</c>): the URL called.</summary>
    public required string Audience { get; init; }

    /// <summary>When the caller signed (<c>iat</c>).</summary>
    public required DateTimeOffset IssuedAt { get; init; }

    /// <summary>When the signature expires (<c>exp</c>).</summary>
    public required DateTimeOffset ExpiresAt { get; init; }
}
