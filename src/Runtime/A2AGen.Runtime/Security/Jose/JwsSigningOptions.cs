using System.Text.Json;

namespace A2AGen.Security;

/// <summary>What goes into the protected header of a JWS that <see cref="Jws"/> signs (besides <c>alg</c>, taken from the key).</summary>
public sealed record JwsSigningOptions
{
    /// <summary><c>kid</c>; by default the key's RFC 7638 thumbprint.</summary>
    public string? KeyId { get; init; }

    /// <summary>Leave <c>kid</c> out (only for reproducing fixed examples; verifiers here require a <c>kid</c>).</summary>
    public bool OmitKeyId { get; init; }

    /// <summary><c>typ</c>, e.g. <c>JOSE</c> or <c>a2a-request+jwt</c>.</summary>
    public string? Type { get; init; }

    /// <summary><c>jku</c>: where verifiers may find the signer's JWK Set (a hint).</summary>
    public string? JwkSetUrl { get; init; }

    /// <summary>Writes further protected-header members (after <c>alg</c>, <c>kid</c>, <c>typ</c>, <c>jku</c>); must not repeat those.</summary>
    public Action<Utf8JsonWriter>? WriteAdditionalParameters { get; init; }
}
