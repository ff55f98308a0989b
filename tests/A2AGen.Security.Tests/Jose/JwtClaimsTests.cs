using System.Text;
using A2AGen.Security.Tests.Support;

namespace A2AGen.Security.Tests.Jose;

/// <summary>Claims validation: iss, aud, exp, nbf, iat with skew, lifetime, and the jti hook.</summary>
public sealed class JwtClaimsTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);
    private readonly SigningKey _key = SigningKey.Create(SigningAlgorithm.Ed25519);
    private readonly TrustStore _trust = new();
    private readonly FakeTimeProvider _clock = new(Now);

    public JwtClaimsTests() => _trust.Add("caller", _key.PublicKey);

    public void Dispose() => _key.Dispose();

    private JwtValidationParameters Parameters => new()
    {
        ExpectedAudiences = ["https://agent.example/a2a"],
        TimeProvider = _clock,
    };

    private string Token(string claims) => Jws.Sign(_key, Encoding.UTF8.GetBytes(claims), new JwsSigningOptions { Type = "a2a-request+jwt" });

    private static long At(int secondsFromNow) => Now.ToUnixTimeSeconds() + secondsFromNow;

    private string Claims(int iat = 0, int exp = 60, string iss = "caller", string aud = "\"https://agent.example/a2a\"", string extra = "") =>
        $$"""{"iss":"{{iss}}","aud":{{aud}},"iat":{{At(iat)}},"exp":{{At(exp)}},"jti":"j-1"{{extra}}}""";

    private JwsVerificationResult Verify(string claims, JwtValidationParameters? parameters = null) =>
        new JwsVerifier(_trust).VerifyJwt(Token(claims), parameters ?? Parameters);

    [Fact]
    public void Valid_token_yields_claims_and_the_callers_key()
    {
        var result = Verify(Claims(extra: ",\"htm\":\"POST\""));
        Assert.True(result.IsValid, result.ToString());
        Assert.Equal("caller", result.Claims!.Issuer);
        Assert.Equal("caller", result.Key!.AgentId);
        Assert.Equal("j-1", result.Claims.JwtId);
        Assert.Equal(Now.AddSeconds(60), result.Claims.ExpiresAt);
        Assert.True(result.Claims.TryGetString("htm", out string? method));
        Assert.Equal("POST", method);
    }

    [Fact]
    public void Expired_after_exp_plus_skew()
    {
        Assert.True(Verify(Claims(iat: -60, exp: -4)).IsValid); // within 5 s skew
        Assert.Equal(VerificationFailure.Expired, Verify(Claims(iat: -60, exp: -5)).Failure);
        Assert.Equal("EXPIRED", Verify(Claims(iat: -120, exp: -60)).ReasonCode);
    }

    [Fact]
    public void Not_yet_valid_and_issued_in_future()
    {
        Assert.Equal(VerificationFailure.NotYetValid, Verify(Claims(extra: $",\"nbf\":{At(30)}")).Failure);
        Assert.True(Verify(Claims(extra: $",\"nbf\":{At(5)}")).IsValid);
        Assert.Equal(VerificationFailure.IssuedInFuture, Verify(Claims(iat: 30, exp: 90)).Failure);
        Assert.True(Verify(Claims(iat: 5, exp: 60)).IsValid);
    }

    [Fact]
    public void Skew_is_configurable()
    {
        var strict = Parameters with { ClockSkew = TimeSpan.Zero };
        Assert.Equal(VerificationFailure.Expired, Verify(Claims(iat: -60, exp: 0), strict).Failure);
        Assert.Equal(VerificationFailure.IssuedInFuture, Verify(Claims(iat: 1, exp: 60), strict).Failure);
    }

    [Fact]
    public void Issuer_and_audience_are_checked_and_the_issuer_picks_the_keys()
    {
        Assert.Equal(VerificationFailure.AudienceMismatch, Verify(Claims(aud: "\"https://other.example/\"")).Failure);
        Assert.True(Verify(Claims(aud: "[\"x\",\"https://agent.example/a2a\"]")).IsValid);
        Assert.Equal(VerificationFailure.ClaimMissing, Verify($$"""{"iss":"caller","iat":{{At(0)}},"exp":{{At(60)}}}""").Failure);

        // iss names another agent: the caller's key is not that agent's key.
        Assert.Equal(VerificationFailure.KeyNotFound, Verify(Claims(iss: "someone-else")).Failure);
    }

    [Fact]
    public void Expected_issuer_must_match_iss()
    {
        using var other = SigningKey.Create(SigningAlgorithm.Ed25519);
        _trust.Add("other", other.PublicKey);
        var result = Verify(Claims(), Parameters with { ExpectedIssuer = "caller" });
        Assert.True(result.IsValid, result.ToString());

        // The expected issuer selects the keys; a token claiming another iss is refused after the signature check.
        var mismatch = Verify(Claims(iss: "impostor"), Parameters with { ExpectedIssuer = "caller" });
        Assert.Equal(VerificationFailure.IssuerMismatch, mismatch.Failure);
    }

    [Fact]
    public void Required_claims_and_lifetime()
    {
        Assert.Equal(VerificationFailure.ClaimMissing, Verify($$"""{"iss":"caller","aud":"https://agent.example/a2a","iat":{{At(0)}}}""").Failure);
        Assert.Equal(VerificationFailure.ClaimMissing, Verify($$"""{"iss":"caller","aud":"https://agent.example/a2a","exp":{{At(60)}}}""").Failure);
        Assert.Equal(VerificationFailure.ClaimMissing, Verify($$"""{"iss":"caller","aud":"https://agent.example/a2a","iat":{{At(0)}},"exp":{{At(60)}}}""", Parameters with { RequireJwtId = true }).Failure);
        Assert.Equal(VerificationFailure.LifetimeTooLong, Verify(Claims(exp: 3600), Parameters with { MaxLifetime = TimeSpan.FromMinutes(5) }).Failure);
    }

    [Theory]
    [InlineData("""{"iss":5}""")]
    [InlineData("""{"exp":"tomorrow"}""")]
    [InlineData("""{"exp":-1}""")]
    [InlineData("""{"aud":[1]}""")]
    [InlineData("""{"iss":"a","iss":"b"}""")]
    [InlineData("""[]""")]
    [InlineData("""not json""")]
    public void Malformed_claims_are_refused(string claims) =>
        Assert.Equal(VerificationFailure.MalformedClaims, Verify(claims).Failure);

    [Fact]
    public void Jti_hook_runs_only_for_otherwise_valid_tokens_and_can_refuse_replays()
    {
        var seen = new HashSet<string>();
        var parameters = Parameters with { JwtIdValidator = claims => seen.Add(claims.JwtId!) };
        string token = Token(Claims());
        var verifier = new JwsVerifier(_trust);

        Assert.True(verifier.VerifyJwt(token, parameters).IsValid);
        var replay = verifier.VerifyJwt(token, parameters);
        Assert.Equal(VerificationFailure.JwtIdReplayed, replay.Failure);
        Assert.Equal("JTI_REPLAYED", replay.ReasonCode);

        // A forged or expired token never reaches the hook.
        Assert.Equal(VerificationFailure.Expired, verifier.VerifyJwt(Token(Claims(iat: -100, exp: -50).Replace("j-1", "j-2")), parameters).Failure);
        Assert.DoesNotContain("j-2", seen);
    }
}
