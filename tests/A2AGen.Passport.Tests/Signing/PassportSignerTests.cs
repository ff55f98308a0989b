using System.Buffers.Text;
using System.Text;

namespace A2AGen.Passport.Tests.Signing;

/// <summary>
/// The signature profile (DESIGN §6.5): a compact JWS with a detached payload, the payload being the RFC 8785 JSON of
/// the passport without <c>signature</c>, protected header <c>{alg, kid, typ:"a2a-passport+jws", iat, exp[, aud][, jti]}</c>.
/// </summary>
public sealed class PassportSignerTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);

    private static JsonElement Header(string signature)
    {
        var encoded = signature[..signature.IndexOf('.', StringComparison.Ordinal)];
        return JsonDocument.Parse(Base64Url.DecodeFromChars(encoded)).RootElement;
    }

    [Theory]
    [InlineData("EdDSA")]
    [InlineData("ES256")]
    public void The_protected_header_carries_the_profile(string algorithm)
    {
        using var client = new TestClient("travel-orchestrator.com", algorithm == "EdDSA" ? SigningAlgorithm.Ed25519 : SigningAlgorithm.EcdsaP256Sha256);
        var signer = client.Signer(new PassportSigningOptions { Lifetime = TimeSpan.FromMinutes(3), TimeProvider = new FakeTimeProvider(Now) });

        var passport = signer.Create(State.Of("""{"user_preferred_currency":"GBP","user_id":"U001"}"""), audience: "https://currency.example.com/a2a");

        Assert.Matches("^[A-Za-z0-9_-]+\\.\\.[A-Za-z0-9_-]+$", passport.Signature!);
        var header = Header(passport.Signature!);
        Assert.Equal(["alg", "kid", "typ", "iat", "exp", "aud", "jti"], header.EnumerateObject().Select(p => p.Name));
        Assert.Equal(algorithm, header.GetProperty("alg").GetString());
        Assert.Equal(client.Key.PublicKey.Thumbprint, header.GetProperty("kid").GetString());
        Assert.Equal("a2a-passport+jws", header.GetProperty("typ").GetString());
        Assert.Equal(Now.ToUnixTimeSeconds(), header.GetProperty("iat").GetInt64());
        Assert.Equal(Now.ToUnixTimeSeconds() + 180, header.GetProperty("exp").GetInt64());
        Assert.Equal("https://currency.example.com/a2a", header.GetProperty("aud").GetString());
        Assert.Equal(22, header.GetProperty("jti").GetString()!.Length);
    }

    [Fact]
    public void Without_audience_or_token_id_the_header_leaves_them_out()
    {
        using var client = new TestClient("travel-orchestrator.com");
        var passport = client.Signer(new PassportSigningOptions { IncludeTokenId = false }).Create(State.Of("{}"));
        Assert.Equal(["alg", "kid", "typ", "iat", "exp"], Header(passport.Signature!).EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public void The_signature_covers_the_canonical_json_of_the_passport_without_its_signature()
    {
        using var client = new TestClient("travel-portal.com");
        var passport = client.Signer().Create(State.Of("""{"loyalty_tier":"Platinum","destination":"Bali, Indonesia","n":1.50,"u":"\u00e9\u2028"}"""), sessionId: "travel-booking-session-999");

        // Written by hand in RFC 8785 form: members sorted, 1.50 as 1.5, no escapes beyond the mandatory ones.
        var expected = Encoding.UTF8.GetBytes("{\"clientId\":\"travel-portal.com\",\"sessionId\":\"travel-booking-session-999\",\"state\":{\"destination\":\"Bali, Indonesia\",\"loyalty_tier\":\"Platinum\",\"n\":1.5,\"u\":\"é\u2028\"}}");
        Assert.Equal(expected, PassportFormat.GetSigningPayload(passport));

        var trust = new TrustStore();
        client.TrustedBy(trust);
        var verified = new JwsVerifier(trust, new JwsVerificationOptions { ExpectedType = "a2a-passport+jws" }).VerifyDetached(passport.Signature!, expected, "travel-portal.com");
        Assert.True(verified.IsValid, verified.ToString());
    }

    [Fact]
    public void The_published_samples_a2a_prefix_names_the_same_client()
    {
        using var client = new TestClient("travel-orchestrator.com", clientId: "a2a://travel-orchestrator.com");
        var passport = client.Signer().Create(State.Of("""{"user_preferred_currency":"GBP"}"""));
        Assert.Equal("a2a://travel-orchestrator.com", passport.ClientId);
        Assert.True(PassportFormat.TryGetAgentId(passport.ClientId, out var agentId));
        Assert.Equal("travel-orchestrator.com", agentId);

        // The signer for the bare id signs passports naming the prefixed form too (one client, two spellings).
        var again = new PassportSigner(client.Key, "travel-orchestrator.com").Sign(passport);
        Assert.NotEqual(passport.Signature, again.Signature);
    }

    [Fact]
    public void Signing_replaces_an_earlier_signature_and_keeps_the_content()
    {
        using var client = new TestClient("desk");
        var mock = new CallerContext { ClientId = "desk", Signature = "MOCK-SIG-123456...", State = State.Of("""{"k":"v"}""") };
        var signed = client.Signer().Sign(mock);
        Assert.NotEqual(mock.Signature, signed.Signature);
        Assert.Equal(PassportFormat.GetSigningPayload(mock), PassportFormat.GetSigningPayload(signed));
    }

    [Fact]
    public void Wrong_uses_are_refused_with_a_message_saying_why()
    {
        using var client = new TestClient("desk");
        Assert.Contains("agent id", Assert.Throws<ArgumentException>(() => new PassportSigner(client.Key, "Travel Desk")).Message, StringComparison.Ordinal);
        Assert.Contains("agent id", Assert.Throws<ArgumentException>(() => new PassportSigner(client.Key, "a2a://")).Message, StringComparison.Ordinal);
        Assert.Contains("24 hours", Assert.Throws<ArgumentException>(() => new PassportSigner(client.Key, "desk", new PassportSigningOptions { Lifetime = TimeSpan.FromDays(2) })).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new PassportSigner(client.Key, "desk", new PassportSigningOptions { Lifetime = TimeSpan.Zero }));

        var signer = client.Signer();
        var other = new CallerContext { ClientId = "someone-else", State = State.Of("{}") };
        Assert.Contains("someone-else", Assert.Throws<ArgumentException>(() => signer.Sign(other)).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => signer.Create(State.Of("{}"), audience: ""));

        // A number beyond the double range has no canonical form, so it cannot be signed.
        var huge = new CallerContext { ClientId = "desk", State = State.Of("""{"n":1e400}""") };
        Assert.Contains("cannot be signed", Assert.Throws<ArgumentException>(() => signer.Sign(huge)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Typed_state_is_signed_with_the_keys_the_generated_passport_reads()
    {
        using var client = new TestClient("marketing-agent.com");
        var passport = client.Signer().Create(new FinanceState("quarterly_revenue", ["read:finance_db", "user:Gulli"]), TestJson.Default.FinanceState);
        Assert.Equal(["query_type", "access_scope"], passport.State.Keys);
        Assert.Equal("""{"clientId":"marketing-agent.com","state":{"access_scope":["read:finance_db","user:Gulli"],"query_type":"quarterly_revenue"}}""",
            Encoding.UTF8.GetString(PassportFormat.GetSigningPayload(passport)));
    }
}
