using System.Text.Json.Nodes;
using A2AGen.Security;

namespace A2AGen.Cli.Output;

/// <summary>How keys are shown: kid (RFC 7638 thumbprint), algorithm and the public JWK — never anything secret.</summary>
internal static class KeyViews
{
    /// <summary>A readable algorithm name: "Ed25519 (EdDSA)", "P-256 (ES256)".</summary>
    public static string Describe(VerificationKey key) => $"{key.Algorithm.JwkCurve} ({key.Algorithm.JwsAlgorithm})";

    /// <summary>The published JWK (<c>kty, crv, x[, y], kid, alg, use</c>) as a JSON node.</summary>
    public static JsonObject Jwk(JsonWebKey jwk) => (JsonObject)JsonNode.Parse(jwk.ToJson())!;

    /// <summary>The JSON summary of one public key.</summary>
    public static JsonObject ToJson(JsonWebKey jwk) => new()
    {
        ["kid"] = jwk.KeyId,
        ["thumbprint"] = jwk.Thumbprint,
        ["algorithm"] = jwk.PublicKey.Algorithm.JwsAlgorithm,
        ["curve"] = jwk.Curve,
        ["jwk"] = Jwk(jwk),
    };
}
