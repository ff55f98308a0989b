using System.Text.Json;

namespace A2AGen.Protocol;

/// <summary>A JWS signature of an Agent Card in flattened form (§4.4.7, §8.4.2).</summary>
public sealed record AgentCardSignature
{
    /// <summary>Base64url of the JWS protected header. Required.</summary>
    public string Protected { get; init => field = value ?? ""; } = "";

    /// <summary>Base64url of the signature. Required.</summary>
    public string Signature { get; init => field = value ?? ""; } = "";

    /// <summary>Unprotected JWS header (not covered by the signature).</summary>
    public IReadOnlyDictionary<string, JsonElement>? Header { get; init; }
}
