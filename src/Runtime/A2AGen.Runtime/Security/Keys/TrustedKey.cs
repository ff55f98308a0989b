namespace A2AGen.Security;

/// <summary>A public key trusted for one agent id, under a <c>kid</c>.</summary>
/// <param name="AgentId">The agent the key belongs to (a valid <see cref="AgentId"/>).</param>
/// <param name="KeyId">The <c>kid</c> signatures name.</param>
/// <param name="PublicKey">The key.</param>
public sealed record TrustedKey(string AgentId, string KeyId, VerificationKey PublicKey)
{
    /// <summary>The JWS algorithm the key verifies (<c>EdDSA</c> or <c>ES256</c>).</summary>
    public string Algorithm => PublicKey.Algorithm.JwsAlgorithm;
}
