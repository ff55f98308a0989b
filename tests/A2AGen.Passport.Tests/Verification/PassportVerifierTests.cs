using System.Buffers.Text;
using System.Diagnostics.Metrics;
using System.Text;

namespace A2AGen.Passport.Tests.Verification;

/// <summary>
/// Every check of <see cref="PassportVerifier"/>, each with its own reason, with real keys (Ed25519 and ES256) in a
/// real trust store. "A signature field is present" never counts as verified.
/// </summary>
public sealed class PassportVerifierTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);
    private static readonly RequestTarget Endpoint = RequestTarget.Create("https://currency.example.com/a2a");

    private readonly TrustStore _trust = new();
    private readonly FakeTimeProvider _time;
    private readonly TestClient _orchestrator;
    private readonly TestClient _portal;
    private readonly TestClient _marketing;
    private readonly TestClient _stranger;

    public PassportVerifierTests()
    {
        // Signers, crafted signatures and the verifier all read one fake clock: no outcome depends on today's date.
        _time = new FakeTimeProvider(Start);
        _orchestrator = new("travel-orchestrator.com", clientId: "a2a://travel-orchestrator.com", clock: _time);
        _portal = new("travel-portal.com", SigningAlgorithm.EcdsaP256Sha256, clock: _time);
        _marketing = new("marketing-agent.com", clock: _time);
        _stranger = new("stranger-agent", clock: _time);
        _orchestrator.TrustedBy(_trust);
        _portal.TrustedBy(_trust);
        _marketing.TrustedBy(_trust);
    }

    private PassportVerifier Verifier(PassportVerifierOptions? options = null) =>
        new(_trust, (options ?? new PassportVerifierOptions()) with { TimeProvider = _time });

    private static PassportVerificationContext Context(string? issuer = null) => new() { AgentId = "currency-agent", Endpoint = Endpoint, RequestIssuer = issuer };

    private static IReadOnlyDictionary<string, JsonElement> Currency => State.Of("""{"user_preferred_currency":"GBP","user_id":"U001"}""");

    private CallerContext Signed(TestClient client, string? audience = null, PassportSigningOptions? options = null) =>
        client.Signer((options ?? new PassportSigningOptions()) with { TimeProvider = _time }).Create(Currency, audience: audience);

    private static void Refused(PassportVerificationResult result, PassportStatus status, string reason)
    {
        Assert.False(result.IsVerified);
        Assert.Equal(status, result.Status);
        Assert.Equal(reason, result.Reason);
        Assert.False(string.IsNullOrEmpty(result.Detail));
    }

    [Fact]
    public void A_passport_signed_by_a_trusted_key_of_its_client_is_verified()
    {
        var result = Verifier().Verify(Signed(_orchestrator, "https://currency.example.com/a2a"), Context());
        Assert.Equal(PassportStatus.Verified, result.Status);
        Assert.Null(result.Reason);
        Assert.Equal("travel-orchestrator.com", result.ClientAgentId);
        Assert.Equal(_orchestrator.KeyId, result.KeyId);
        Assert.Equal("EdDSA", result.Algorithm);
        Assert.Equal(Start.ToUnixTimeSeconds(), result.IssuedAt!.Value.ToUnixTimeSeconds());
        Assert.Equal(["https://currency.example.com/a2a"], result.Audiences);
        Assert.NotNull(result.TokenId);
        Assert.False(result.FromCache);

        var context = result.ToContext(Signed(_orchestrator));
        Assert.True(context.IsSignatureVerified);
        Assert.Equal(_orchestrator.KeyId, context.KeyId);
    }

    [Fact]
    public void An_es256_passport_is_verified_too() =>
        Assert.True(Verifier().Verify(Signed(_portal), Context()).IsVerified);

    [Fact]
    public void An_unsigned_passport_is_unsigned_never_verified()
    {
        var result = Verifier().Verify(_orchestrator.Unsigned(Currency), Context());
        Assert.Equal(PassportStatus.Unsigned, result.Status);
        Assert.False(result.IsVerified);
        Assert.False(result.ToContext(_orchestrator.Unsigned(Currency)).IsSignatureVerified);
    }

    [Theory]
    [InlineData("MOCK-SIG-123456...")]
    [InlineData("sig-currency-1")]
    [InlineData("eyJhbGciOiJFZERTQSJ9.e30.c2ln")]
    [InlineData("a.b")]
    public void A_signature_field_that_is_merely_present_is_never_verified(string signature)
    {
        var result = Verifier().Verify(_orchestrator.Unsigned(Currency) with { Signature = signature }, Context());
        Assert.False(result.IsVerified);
        Assert.Equal(PassportStatus.Invalid, result.Status);
        Assert.Equal(PassportReasons.SignatureMalformed, result.Reason);
    }

    [Fact]
    public void Tampered_state_is_refused_as_an_invalid_signature()
    {
        var signed = Signed(_orchestrator);
        var tampered = signed with { State = State.Of("""{"user_preferred_currency":"USD","user_id":"U001"}""") };
        Refused(Verifier().Verify(tampered, Context()), PassportStatus.Invalid, PassportReasons.SignatureInvalid);

        var added = signed with { State = State.Of("""{"user_preferred_currency":"GBP","user_id":"U001","loyalty_tier":"Platinum"}""") };
        Refused(Verifier().Verify(added, Context()), PassportStatus.Invalid, PassportReasons.SignatureInvalid);

        var session = signed with { SessionId = "hijacked-session" };
        Refused(Verifier().Verify(session, Context()), PassportStatus.Invalid, PassportReasons.SignatureInvalid);
    }

    [Fact]
    public void Equivalent_json_spellings_of_the_same_state_verify()
    {
        var signed = _marketing.Signer(new PassportSigningOptions { TimeProvider = _time }).Create(State.Of("""{"b":1.0,"a":"\u00e9"}"""));
        var respelled = signed with { State = State.Of("""{"a":"é","b":1}""") };
        Assert.True(Verifier().Verify(respelled, Context()).IsVerified);
    }

    [Fact]
    public void A_clientId_swapped_after_signing_is_refused()
    {
        var signed = Signed(_orchestrator);

        // The kid still names the orchestrator's key, which is not a key of the client now named.
        var swapped = signed with { ClientId = "marketing-agent.com" };
        Refused(Verifier().Verify(swapped, Context()), PassportStatus.Invalid, PassportReasons.KeyNotOwnedByClient);

        // Re-labelled with the new client's kid as well, the signature no longer holds.
        var relabelled = _orchestrator.Craft(swapped, keyId: _marketing.KeyId);
        Refused(Verifier().Verify(relabelled, Context()), PassportStatus.Invalid, PassportReasons.SignatureInvalid);
    }

    [Fact]
    public void A_kid_of_another_client_is_refused_without_naming_its_owner()
    {
        // The marketing agent makes a passport in the orchestrator's name and signs it with its own (trusted) key.
        var impersonation = _marketing.Craft(new CallerContext { ClientId = "travel-orchestrator.com", State = Currency });
        var result = Verifier().Verify(impersonation, Context());
        Refused(result, PassportStatus.Invalid, PassportReasons.KeyNotOwnedByClient);
        Assert.DoesNotContain("marketing", result.Detail!, StringComparison.Ordinal);
    }

    [Fact]
    public void Untrusted_signers_and_unknown_keys_are_untrusted_signers()
    {
        Refused(Verifier().Verify(Signed(_stranger), Context()), PassportStatus.UntrustedSigner, PassportReasons.SignerUntrusted);

        using var rotated = new TestClient("travel-orchestrator.com");
        Refused(Verifier().Verify(Signed(rotated), Context()), PassportStatus.UntrustedSigner, PassportReasons.SigningKeyUnknown);

        var notAnAgentId = _orchestrator.Craft(new CallerContext { ClientId = "a2a://Travel Orchestrator", State = Currency });
        Refused(Verifier().Verify(notAnAgentId, Context()), PassportStatus.UntrustedSigner, PassportReasons.SignerUntrusted);
    }

    [Theory]
    [InlineData("JOSE")]
    [InlineData("a2a-request+jwt")]
    [InlineData(null)]
    public void A_signature_made_for_something_else_is_a_type_mismatch(string? type) =>
        Refused(Verifier().Verify(_orchestrator.Craft(_orchestrator.Unsigned(Currency), type: type), Context()), PassportStatus.Invalid, PassportReasons.SignatureTypeMismatch);

    [Theory]
    [InlineData("none")]
    [InlineData("HS256")]
    [InlineData("RS256")]
    public void Algorithms_other_than_eddsa_and_es256_are_refused(string algorithm)
    {
        var header = Base64Url.EncodeToString(Encoding.UTF8.GetBytes($$"""{"alg":"{{algorithm}}","kid":"{{_orchestrator.KeyId}}","typ":"a2a-passport+jws","iat":1,"exp":9999999999}"""));
        var forged = _orchestrator.Unsigned(Currency) with { Signature = header + ".." + Base64Url.EncodeToString(new byte[64]) };
        Refused(Verifier().Verify(forged, Context()), PassportStatus.Invalid, PassportReasons.SignatureAlgorithmNotAllowed);
    }

    [Fact]
    public void An_attached_payload_is_malformed()
    {
        var payload = PassportFormat.GetSigningPayload(_orchestrator.Unsigned(Currency));
        var attached = Jws.Sign(_orchestrator.Key, payload, new JwsSigningOptions { Type = PassportFormat.SignatureType });
        Refused(Verifier().Verify(_orchestrator.Unsigned(Currency) with { Signature = attached }, Context()), PassportStatus.Invalid, PassportReasons.SignatureMalformed);
    }

    [Fact]
    public void Times_are_required_and_checked()
    {
        var now = Start.ToUnixTimeSeconds();
        var unsigned = _orchestrator.Unsigned(Currency);
        var verifier = Verifier();
        Refused(verifier.Verify(_orchestrator.Craft(unsigned, omitTimes: true), Context()), PassportStatus.Invalid, PassportReasons.ClaimMissing);
        Refused(verifier.Verify(_orchestrator.Craft(unsigned, issuedAt: now - 600, expiresAt: now - 60), Context()), PassportStatus.Invalid, PassportReasons.Expired);
        Refused(verifier.Verify(_orchestrator.Craft(unsigned, issuedAt: now + 120, expiresAt: now + 600), Context()), PassportStatus.Invalid, PassportReasons.IssuedInFuture);
        Refused(verifier.Verify(_orchestrator.Craft(unsigned, issuedAt: now, expiresAt: now + 7200), Context()), PassportStatus.Invalid, PassportReasons.LifetimeTooLong);

        // Within the clock skew both ways.
        Assert.True(verifier.Verify(_orchestrator.Craft(unsigned, issuedAt: now - 600, expiresAt: now - 3), Context()).IsVerified);
        Assert.True(verifier.Verify(_orchestrator.Craft(unsigned, issuedAt: now + 3, expiresAt: now + 600), Context()).IsVerified);
    }

    [Fact]
    public void A_passport_expires()
    {
        var passport = Signed(_orchestrator, options: new PassportSigningOptions { Lifetime = TimeSpan.FromMinutes(2) });
        var verifier = Verifier();
        Assert.True(verifier.Verify(passport, Context()).IsVerified);
        _time.Advance(TimeSpan.FromMinutes(2) + TimeSpan.FromSeconds(6));
        Refused(verifier.Verify(passport, Context()), PassportStatus.Invalid, PassportReasons.Expired);
    }

    [Theory]
    [InlineData("currency-agent", true)]
    [InlineData("https://currency.example.com/a2a", true)]
    [InlineData("HTTPS://Currency.Example.com:443/a2a", true)]
    [InlineData("https://currency.example.com/a2a/", false)]
    [InlineData("https://travel.example.com/a2a", false)]
    [InlineData("travel-agent", false)]
    public void The_audience_must_name_this_agent_or_its_endpoint(string audience, bool accepted)
    {
        var result = Verifier().Verify(Signed(_orchestrator, audience), Context());
        if (accepted)
        {
            Assert.True(result.IsVerified, result.ToString());
        }
        else
        {
            Refused(result, PassportStatus.Invalid, PassportReasons.AudienceMismatch);
        }
    }

    [Fact]
    public void A_verifier_that_requires_an_audience_refuses_passports_without_one()
    {
        Refused(Verifier(new PassportVerifierOptions { RequireAudience = true }).Verify(Signed(_orchestrator), Context()), PassportStatus.Invalid, PassportReasons.ClaimMissing);
        Refused(Verifier().Verify(Signed(_orchestrator, "currency-agent"), context: null), PassportStatus.Invalid, PassportReasons.AudienceMismatch);
    }

    [Fact]
    public void A_signed_request_must_come_from_the_passports_client()
    {
        var signed = Signed(_orchestrator);
        Assert.True(Verifier().Verify(signed, Context(issuer: "travel-orchestrator.com")).IsVerified);
        Refused(Verifier().Verify(signed, Context(issuer: "marketing-agent.com")), PassportStatus.Invalid, PassportReasons.ClientMismatch);

        // One caller, one identity, for unsigned passports too.
        Assert.Equal(PassportStatus.Unsigned, Verifier().Verify(_marketing.Unsigned(Currency), Context(issuer: "marketing-agent.com")).Status);
        Refused(Verifier().Verify(_orchestrator.Unsigned(Currency), Context(issuer: "marketing-agent.com")), PassportStatus.Invalid, PassportReasons.ClientMismatch);
    }

    [Fact]
    public void State_without_a_canonical_form_is_malformed()
    {
        var result = Verifier().Verify(_orchestrator.Unsigned(State.Of("""{"n":1e400}""")) with { Signature = "h..s" }, Context());
        Assert.Equal(PassportStatus.Malformed, result.Status);
        Assert.Equal(PassportReasons.Malformed, result.Reason);
        Assert.Equal("state", result.Field);
    }

    [Fact]
    public void Options_out_of_range_are_refused()
    {
        Assert.Throws<ArgumentException>(() => new PassportVerifier(_trust, new PassportVerifierOptions { ClockSkew = TimeSpan.FromMinutes(10) }));
        Assert.Throws<ArgumentException>(() => new PassportVerifier(_trust, new PassportVerifierOptions { MaxLifetime = TimeSpan.FromDays(2) }));
        Assert.Throws<ArgumentException>(() => new PassportVerifier(_trust, new PassportVerifierOptions { CacheCapacity = -1 }));
        Assert.Throws<ArgumentException>(() => new PassportVerifier(_trust, new PassportVerifierOptions { AllowedAlgorithms = ["HS256"] }));
    }

    public void Dispose()
    {
        _orchestrator.Dispose();
        _portal.Dispose();
        _marketing.Dispose();
        _stranger.Dispose();
    }
}
