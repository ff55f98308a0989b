namespace A2AGen.Security;

/// <summary>Protected-header options for Agent Card signatures.</summary>
public sealed record AgentCardSigningOptions
{
    /// <summary>The <c>kid</c> when signing with a single key; by default (and always with several keys) each key's RFC 7638 thumbprint.</summary>
    public string? KeyId { get; init; }

    /// <summary><c>jku</c>: the agent's <c>/.well-known/jwks.json</c> URL, a hint verifiers follow only for allow-listed origins.</summary>
    public string? JwkSetUrl { get; init; }
}
