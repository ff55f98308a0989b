using A2AGen.Security;

namespace A2AGen.Hosting.Payloads;

/// <summary>The checked claims of a payload URL's JWS.</summary>
internal sealed record PayloadToken(string Issuer, string Audience, string Id, string Sha256, long Size, DateTimeOffset ExpiresAt)
{
    /// <summary>
    /// Verifies a payload JWS with keys from <paramref name="keys"/>: <c>typ</c>, the signature of a key of
    /// <paramref name="issuer"/>, <c>aud</c> = <paramref name="audience"/> when given, the times, and the id, digest and
    /// size claims. Returns the token, or the reason and the check that failed.
    /// </summary>
    public static (PayloadToken? Token, string? Reason, string? Problem) Verify(IJwsKeyResolver keys, string? jws, string? issuer, string? audience, TimeProvider time)
    {
        if (string.IsNullOrEmpty(jws))
        {
            return (null, PayloadFormat.UrlInvalid, "the URL carries no token");
        }

        var verifier = new JwsVerifier(keys, new JwsVerificationOptions { ExpectedType = PayloadFormat.TokenType, MaxTokenLength = 4 * 1024 });
        var result = verifier.VerifyJwt(jws, new JwtValidationParameters
        {
            ExpectedIssuer = issuer,
            RequireJwtId = true,
            ClockSkew = PayloadFormat.ClockSkew,
            TimeProvider = time,
        });
        if (!result.IsValid)
        {
            return result.Failure == VerificationFailure.Expired
                ? (null, PayloadFormat.UrlExpired, "the URL has expired")
                : (null, PayloadFormat.UrlInvalid, "the URL's token was refused (" + result.ReasonCode + ")");
        }

        var claims = result.Claims!;
        if (issuer is not null && !string.Equals(result.Key!.AgentId, issuer, StringComparison.Ordinal))
        {
            return (null, PayloadFormat.UrlInvalid, "the URL is not signed by the sender of the message");
        }

        if (claims.Audiences.Count != 1 || (audience is not null && !string.Equals(claims.Audiences[0], audience, StringComparison.Ordinal)))
        {
            return (null, PayloadFormat.WrongRecipient, "the URL is bound to another recipient");
        }

        if (!PayloadFormat.IsId(claims.JwtId) || !claims.TryGetString(PayloadFormat.DigestClaim, out var digest) || digest.Length != 43 ||
            !claims.TryGetElement(PayloadFormat.SizeClaim, out var sizeElement) || !sizeElement.TryGetInt64(out var size) || size < 0)
        {
            return (null, PayloadFormat.UrlInvalid, "the URL's token lacks its id, digest or size");
        }

        return (new PayloadToken(result.Key!.AgentId, claims.Audiences[0], claims.JwtId!, digest, size, claims.ExpiresAt!.Value), null, null);
    }
}
