using A2AGen.Security;
using Microsoft.AspNetCore.Http;

namespace A2AGen.Hosting;

/// <summary>
/// Serves <c>{path}/.well-known/jwks.json</c> (DESIGN §6.3): the agent's public keys — the signing key and the retired
/// keys still accepted — as a JWK Set (<c>kty, crv, x[, y], kid, alg, use:"sig"</c>), then its encryption key
/// (<c>use:"enc"</c>, <c>alg:"ECDH-ES+A256KW"</c>), never a private member. The
/// bytes are computed once; <c>ETag</c>, <c>Cache-Control</c> and 304 as for the card.
/// </summary>
internal sealed class JwksEndpoint
{
    /// <summary>The media type of a JWK Set (RFC 7517 §8.5.1).</summary>
    public const string ContentType = "application/jwk-set+json";

    private readonly byte[] _json;
    private readonly string _etag;

    public JwksEndpoint(IReadOnlyList<VerificationKey> keys, IReadOnlyList<JweEncryptionKey>? encryptionKeys = null)
    {
        _json = JsonWebKeySet.Create(keys.Select(k => JsonWebKey.FromPublicKey(k)), encryptionKeys ?? []).ToUtf8Json();
        _etag = WellKnownResponse.EntityTagOf(_json);
    }

    /// <summary>The served bytes.</summary>
    public ReadOnlyMemory<byte> Json => _json;

    public Task HandleAsync(HttpContext context, TimeSpan maxAge) =>
        WellKnownResponse.ServeAsync(context, _json, _etag, ContentType, maxAge, varyHost: false);
}
