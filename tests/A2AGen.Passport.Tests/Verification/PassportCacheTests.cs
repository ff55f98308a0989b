using System.Diagnostics.Metrics;

namespace A2AGen.Passport.Tests.Verification;

/// <summary>
/// The verified-passport cache: a repeated passport skips its signature verification (counted as a hit), a tampered
/// one never hits, entries live no longer than the passport, the checks that depend on the request still run on a
/// hit, a key removed from the trust store stops counting at once, and the cache is bounded.
/// </summary>
public sealed class PassportCacheTests : IDisposable
{
    private const string Hits = "a2agen.passport.cache.hits";
    private const string Misses = "a2agen.passport.cache.misses";
    private const string Verifications = "a2agen.passport.verifications";

    private readonly TrustStore _trust = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 21, 12, 0, 0, TimeSpan.Zero));
    private readonly Meter _meter = new("A2AGen.Passport.Tests." + Guid.NewGuid().ToString("N"));
    private readonly MeterCapture _counters;
    private readonly TestClient _orchestrator = new("travel-orchestrator.com");
    private readonly TestClient _marketing = new("marketing-agent.com");

    public PassportCacheTests()
    {
        _counters = new MeterCapture(_meter.Name, meter: _meter);
        _orchestrator.TrustedBy(_trust);
        _marketing.TrustedBy(_trust);
    }

    private PassportVerifier Verifier(int capacity = 100) =>
        new(_trust, new PassportVerifierOptions { CacheCapacity = capacity, TimeProvider = _time, Meter = _meter });

    private CallerContext Signed(TestClient client, string? audience = null, string state = """{"user_preferred_currency":"GBP"}""", TimeSpan? lifetime = null) =>
        client.Signer(new PassportSigningOptions { TimeProvider = _time, Lifetime = lifetime ?? TimeSpan.FromMinutes(10) }).Create(State.Of(state), audience: audience);

    private static PassportVerificationContext Context(string? issuer = null) =>
        new() { AgentId = "currency-agent", Endpoint = RequestTarget.Create("https://currency.example.com/a2a"), RequestIssuer = issuer };

    [Fact]
    public void A_repeated_passport_is_answered_from_the_cache_and_counted()
    {
        var verifier = Verifier();
        var passport = Signed(_orchestrator);

        var first = verifier.Verify(passport, Context());
        var second = verifier.Verify(passport, Context());
        var third = verifier.Verify(passport with { State = State.Of("""{ "user_preferred_currency" : "GBP" }""") }, Context());

        Assert.True(first.IsVerified);
        Assert.False(first.FromCache);
        Assert.True(second.IsVerified);
        Assert.True(second.FromCache);
        Assert.True(third.FromCache); // the same signed content, spelled differently on the wire
        Assert.Equal(first.KeyId, second.KeyId);
        Assert.Equal(first.ExpiresAt, second.ExpiresAt);
        Assert.Equal(2, _counters.Total(Hits));
        Assert.Equal(1, _counters.Total(Misses));
        Assert.Equal(3, _counters.Total(Verifications));
        Assert.All(_counters.Tags(Verifications), t => Assert.Equal("verified", t["outcome"]));
        Assert.Equal(1, verifier.CachedCount);
    }

    [Fact]
    public void A_tampered_passport_never_hits()
    {
        var verifier = Verifier();
        var passport = Signed(_orchestrator);
        Assert.True(verifier.Verify(passport, Context()).IsVerified);

        var tamperedState = passport with { State = State.Of("""{"user_preferred_currency":"USD"}""") };
        var tamperedClient = passport with { ClientId = "marketing-agent.com" };
        var tamperedSignature = passport with { Signature = passport.Signature![..^2] + (passport.Signature[^2] == 'A' ? "BA" : "AA") };
        foreach (var tampered in new[] { tamperedState, tamperedClient, tamperedSignature, tamperedState })
        {
            var result = verifier.Verify(tampered, Context());
            Assert.False(result.IsVerified);
            Assert.False(result.FromCache);
        }

        Assert.Equal(0, _counters.Total(Hits));
        Assert.Equal(5, _counters.Total(Misses));
        Assert.Equal(1, verifier.CachedCount);
        Assert.Contains(_counters.Tags(Verifications), t => (string?)t["outcome"] == PassportReasons.SignatureInvalid);
    }

    [Fact]
    public void A_hit_still_checks_audience_and_the_request_signer()
    {
        var verifier = Verifier();
        var passport = Signed(_orchestrator, audience: "currency-agent");
        Assert.True(verifier.Verify(passport, Context(issuer: "travel-orchestrator.com")).IsVerified);

        var otherAgent = verifier.Verify(passport, new PassportVerificationContext { AgentId = "travel-agent" });
        Assert.Equal(PassportReasons.AudienceMismatch, otherAgent.Reason);
        var otherCaller = verifier.Verify(passport, Context(issuer: "marketing-agent.com"));
        Assert.Equal(PassportReasons.ClientMismatch, otherCaller.Reason);
        Assert.True(verifier.Verify(passport, Context()).FromCache);

        Assert.Equal(3, _counters.Total(Hits));
        Assert.Equal(1, _counters.Total(Misses));
    }

    [Fact]
    public void Entries_live_no_longer_than_the_passport()
    {
        var verifier = Verifier();
        var passport = Signed(_orchestrator, lifetime: TimeSpan.FromMinutes(1));
        Assert.True(verifier.Verify(passport, Context()).IsVerified);
        _time.Advance(TimeSpan.FromSeconds(59));
        Assert.True(verifier.Verify(passport, Context()).FromCache);

        // At exp the entry is gone; within the clock skew the signature is verified again and still accepted.
        _time.Advance(TimeSpan.FromSeconds(2));
        var late = verifier.Verify(passport, Context());
        Assert.True(late.IsVerified);
        Assert.False(late.FromCache);
        Assert.Equal(0, verifier.CachedCount);

        _time.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(PassportReasons.Expired, verifier.Verify(passport, Context()).Reason);
        Assert.Equal(1, _counters.Total(Hits));
    }

    [Fact]
    public void A_key_removed_from_the_trust_store_stops_counting_for_cached_passports()
    {
        var verifier = Verifier();
        var passport = Signed(_orchestrator);
        Assert.True(verifier.Verify(passport, Context()).IsVerified);
        Assert.True(_trust.Remove("travel-orchestrator.com", _orchestrator.KeyId));

        var result = verifier.Verify(passport, Context());
        Assert.Equal(PassportStatus.UntrustedSigner, result.Status);
        Assert.Equal(PassportReasons.SignerUntrusted, result.Reason);
        Assert.Equal(0, _counters.Total(Hits));
        Assert.Equal(0, verifier.CachedCount);
    }

    [Fact]
    public void The_cache_is_bounded()
    {
        var verifier = Verifier(capacity: 20);
        for (var i = 0; i < 100; i++)
        {
            Assert.True(verifier.Verify(Signed(_orchestrator, state: $$"""{"n":{{i}}}""", lifetime: TimeSpan.FromSeconds(60 + i)), Context()).IsVerified);
            Assert.InRange(verifier.CachedCount, 1, 20);
        }

        // The newest passports (furthest from expiry) are kept.
        var recent = Signed(_orchestrator, state: """{"n":"recent"}""", lifetime: TimeSpan.FromHours(1));
        verifier.Verify(recent, Context());
        Assert.True(verifier.Verify(recent, Context()).FromCache);
    }

    [Fact]
    public void Without_a_cache_every_passport_is_verified_and_nothing_is_counted_as_a_miss()
    {
        var verifier = Verifier(capacity: 0);
        var passport = Signed(_orchestrator);
        Assert.False(verifier.Verify(passport, Context()).FromCache);
        Assert.False(verifier.Verify(passport, Context()).FromCache);
        Assert.Equal(0, _counters.Total(Hits) + _counters.Total(Misses));
        Assert.Equal(2, _counters.Total(Verifications));
    }

    [Fact]
    public void Unsigned_passports_are_counted_but_never_cached()
    {
        var verifier = Verifier();
        verifier.Verify(_orchestrator.Unsigned(State.Of("{}")), Context());
        Assert.Equal("unsigned", _counters.Tags(Verifications).Single()["outcome"]);
        Assert.Equal(0, _counters.Total(Misses));
        Assert.Equal(0, verifier.CachedCount);
    }

    public void Dispose()
    {
        _counters.Dispose();
        _meter.Dispose();
        _orchestrator.Dispose();
        _marketing.Dispose();
    }
}

/// <summary>One verifier shared by many threads: every answer right, every signed verification counted once as a hit or a miss.</summary>
public sealed class PassportVerifierConcurrencyTests
{
    [Fact]
    public async Task Concurrent_verifications_agree_and_are_all_counted()
    {
        using var meter = new Meter("A2AGen.Passport.Tests.Concurrency." + Guid.NewGuid().ToString("N"));
        using var counters = new MeterCapture(meter.Name, meter: meter);
        using var client = new TestClient("travel-orchestrator.com");
        var trust = new TrustStore();
        client.TrustedBy(trust);
        var verifier = new PassportVerifier(trust, new PassportVerifierOptions { CacheCapacity = 16, Meter = meter });
        var passports = Enumerable.Range(0, 32).Select(i => client.Signed(State.Of($$"""{"n":{{i}},"tier":"gold"}"""))).ToArray();
        var tampered = passports.Select(p => p with { State = State.Of("""{"n":-1,"tier":"platinum"}""") }).ToArray();

        await Task.WhenAll(Enumerable.Range(0, 8).Select(worker => Task.Run(() =>
        {
            for (var i = 0; i < 400; i++)
            {
                var index = (i * 7 + worker) % passports.Length;
                Assert.True(verifier.Verify(passports[index]).IsVerified);
                Assert.Equal(PassportReasons.SignatureInvalid, verifier.Verify(tampered[index]).Reason);
                Assert.Equal(PassportStatus.Unsigned, verifier.Verify(passports[index] with { Signature = null }).Status);
            }
        })));

        Assert.Equal(8 * 400 * 2, counters.Total("a2agen.passport.cache.hits") + counters.Total("a2agen.passport.cache.misses"));
        Assert.True(counters.Total("a2agen.passport.cache.hits") > 0);
        Assert.InRange(verifier.CachedCount, 1, 16);
        Assert.Equal(PassportReasons.Malformed, verifier.Verify(passports[0] with { State = new Dictionary<string, JsonElement> { ["k"] = default } }).Reason);
        Assert.True(verifier.Verify(passports[0]).IsVerified);
    }
}
