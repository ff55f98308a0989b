namespace A2AGen.Security;

/// <summary>Checks registered claims (RFC 7519 §4.1) against <see cref="JwtValidationParameters"/>.</summary>
public static class JwtClaimsValidator
{
    /// <summary>Validates <paramref name="claims"/>; returns <see cref="VerificationFailure.None"/> or the first failed check.</summary>
    /// <param name="claims">The claims (from a verified token).</param>
    /// <param name="parameters">The requirements.</param>
    /// <param name="detail">A message naming the failed check (no secrets).</param>
    public static VerificationFailure Validate(JwtClaims claims, JwtValidationParameters parameters, out string? detail)
    {
        ArgumentNullException.ThrowIfNull(claims);
        ArgumentNullException.ThrowIfNull(parameters);

        if (parameters.ExpectedIssuer is { } issuer)
        {
            if (claims.Issuer is null)
            {
                detail = "the token has no 'iss'";
                return VerificationFailure.ClaimMissing;
            }

            if (!string.Equals(claims.Issuer, issuer, StringComparison.Ordinal))
            {
                detail = $"'iss' is '{CallerText.Sanitize(claims.Issuer)}', expected '{issuer}'";
                return VerificationFailure.IssuerMismatch;
            }
        }

        if (parameters.ExpectedAudiences is { } audiences)
        {
            if (claims.Audiences.Count == 0)
            {
                detail = "the token has no 'aud'";
                return VerificationFailure.ClaimMissing;
            }

            if (!claims.Audiences.Any(a => audiences.Contains(a, StringComparer.Ordinal)))
            {
                detail = "'aud' does not name this recipient";
                return VerificationFailure.AudienceMismatch;
            }
        }

        var now = parameters.TimeProvider.GetUtcNow();
        var skew = parameters.ClockSkew;
        if (claims.ExpiresAt is { } expires)
        {
            if (now >= expires + skew)
            {
                detail = $"the token expired at {expires:O}";
                return VerificationFailure.Expired;
            }
        }
        else if (parameters.RequireExpiration)
        {
            detail = "the token has no 'exp'";
            return VerificationFailure.ClaimMissing;
        }

        if (claims.NotBefore is { } notBefore && now < notBefore - skew)
        {
            detail = $"the token is not valid before {notBefore:O}";
            return VerificationFailure.NotYetValid;
        }

        if (claims.IssuedAt is { } issuedAt)
        {
            if (issuedAt > now + skew)
            {
                detail = $"the token was issued in the future ({issuedAt:O})";
                return VerificationFailure.IssuedInFuture;
            }
        }
        else if (parameters.RequireIssuedAt)
        {
            detail = "the token has no 'iat'";
            return VerificationFailure.ClaimMissing;
        }

        if (parameters.MaxLifetime is { } maxLifetime && claims.ExpiresAt is { } exp && claims.IssuedAt is { } iat && exp - iat > maxLifetime)
        {
            detail = $"the token lives {(exp - iat).TotalSeconds:0} s, more than the allowed {maxLifetime.TotalSeconds:0} s";
            return VerificationFailure.LifetimeTooLong;
        }

        if (claims.JwtId is null && parameters.RequireJwtId)
        {
            detail = "the token has no 'jti'";
            return VerificationFailure.ClaimMissing;
        }

        if (parameters.JwtIdValidator is { } validator && !validator(claims))
        {
            detail = "the token id ('jti') was already used";
            return VerificationFailure.JwtIdReplayed;
        }

        detail = null;
        return VerificationFailure.None;
    }
}
