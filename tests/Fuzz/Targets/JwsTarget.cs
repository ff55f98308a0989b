using System.Text;
using A2AGen.Security;

namespace A2AGen.Fuzz.Targets;

/// <summary>
/// Compact JWS: the verifier on any token text, and the protected header and JWT claims parsers on any JSON. The first
/// byte picks the mode: 0 the rest is a token; 1 and 2 the rest is <c>header JSON \0 claims JSON</c>, signed here with
/// the trusted Ed25519 (1) or P-256 (2) key so that claims validation runs; 3 the raw header and claims parsers.
/// Nothing here may throw: every refusal is a result with a reason.
/// </summary>
internal static class JwsTarget
{
    private static readonly JwsVerifier Verifier = new(FuzzKeys.Trust);
    private static readonly JwsVerifier TypedVerifier = new(FuzzKeys.Trust, new JwsVerificationOptions { ExpectedType = "JWT", RequireKeyId = false });
    private static readonly JwtValidationParameters Jwt = new() { ExpectedAudiences = ["http://127.0.0.1/a2a"], RequireJwtId = true, MaxLifetime = TimeSpan.FromMinutes(5) };
    private static readonly string[] Members = ["htm", "htu", "bh", "iss", "aud", "jti", "cnf", "iat"];

    public static void Run(byte[] data)
    {
        if (data.Length == 0)
        {
            return;
        }

        var rest = data.AsSpan(1);
        switch (data[0] % 4)
        {
            case 0:
                VerifyAll(Encoding.UTF8.GetString(rest), signedWith: null);
                break;
            case 1:
            case 2:
                var split = rest.IndexOf((byte)0);
                var header = split < 0 ? rest : rest[..split];
                var claims = split < 0 ? "{}"u8 : rest[(split + 1)..];
                var key = data[0] % 4 == 1 ? FuzzKeys.Ed25519 : FuzzKeys.EcdsaP256;
                var encodedHeader = StrictBase64Url.Encode(header);
                var token = $"{encodedHeader}.{StrictBase64Url.Encode(claims)}.{Jws.SignEncoded(key, encodedHeader, claims)}";
                VerifyAll(token, key);
                break;
            default:
                ParseRaw(rest.ToArray());
                break;
        }
    }

    private static void VerifyAll(string token, SigningKey? signedWith)
    {
        Check(Verifier.Verify(token), signedWith);
        Check(Verifier.Verify(token, FuzzKeys.ClientId), signedWith);
        Check(Verifier.VerifyJwt(token, Jwt), signedWith);
        Check(TypedVerifier.VerifyJwt(token, Jwt with { ExpectedIssuer = FuzzKeys.ClientId }), signedWith);
        Check(Verifier.VerifyDetached(token, "{}"u8), signedWith: null); // another payload than the one signed
    }

    private static void Check(JwsVerificationResult result, SigningKey? signedWith)
    {
        FuzzInvariant.SafeText(result.Detail, "a JWS refusal");
        FuzzInvariant.Check(result.IsValid == (result.Key is not null), "a valid JWS names its key, an invalid one none");
        if (signedWith is not null && result.Header?.Algorithm == signedWith.Algorithm.JwsAlgorithm && result.Header.KeyId is null or "ed" or "ec")
        {
            // The token was signed correctly with a trusted key of the header's algorithm: whatever else is refused, not the signature.
            var wrongKey = result.Header.KeyId is { } kid && kid != (signedWith == FuzzKeys.Ed25519 ? "ed" : "ec");
            FuzzInvariant.Check(wrongKey || result.Failure != VerificationFailure.SignatureInvalid, "a correct signature was refused as invalid");
        }

        if (result.Header is { } header)
        {
            ReadHeader(header);
        }

        if (result.Claims is { } claims)
        {
            ReadClaims(claims);
        }
    }

    private static void ParseRaw(byte[] json)
    {
        if (JwsHeader.TryParse(json, out var header, out var headerProblem))
        {
            ReadHeader(header);
        }
        else
        {
            FuzzInvariant.SafeText(headerProblem, "a JWS header refusal");
        }

        if (JwtClaims.TryParse(json, out var claims, out var claimsProblem))
        {
            ReadClaims(claims);
            JwtClaimsValidator.Validate(claims, Jwt, out var detail);
            FuzzInvariant.SafeText(detail, "a JWT claims refusal");
        }
        else
        {
            FuzzInvariant.SafeText(claimsProblem, "a JWT claims refusal");
        }
    }

    private static void ReadHeader(JwsHeader header)
    {
        foreach (var name in Members)
        {
            header.TryGetParameter(name, out _);
        }
    }

    private static void ReadClaims(JwtClaims claims)
    {
        foreach (var name in Members)
        {
            claims.TryGetString(name, out _);
            claims.TryGetElement(name, out _);
        }
    }
}
