namespace A2AGen.Passport.Tests.EndToEnd;

/// <summary>
/// The host's verified-passport cache seen from outside: a repeated signed passport is counted as a cache hit on the
/// host's meter (<c>A2AGen.Passport</c>), a tampered copy never hits, and a hit still refuses what the request makes
/// wrong (another agent, another caller).
/// </summary>
public sealed class CacheOverHttpTests(PassportHostFixture fixture) : IClassFixture<PassportHostFixture>
{
    private const string Hits = "a2agen.passport.cache.hits";
    private const string Misses = "a2agen.passport.cache.misses";

    [Fact]
    public async Task Repeated_passports_hit_and_tampered_ones_never_do()
    {
        var counters = fixture.PassportCounters;
        var passport = fixture.Orchestrator.Signed(State.Of("""{"user_preferred_currency":"CHF","user_id":"U7"}"""));
        var (hits, misses) = (counters.Total(Hits), counters.Total(Misses));

        for (var i = 0; i < 3; i++)
        {
            var reply = await fixture.SendAsync("/currency", "convert", $"{i} USD", passport);
            Assert.Equal($"{i} USD in CHF for U7; client=a2a://travel-orchestrator.com; verified=True", Answers.TextOf(reply));
        }

        Assert.Equal(hits + 2, counters.Total(Hits));
        Assert.Equal(misses + 1, counters.Total(Misses));

        var tampered = passport with { State = State.Of("""{"user_preferred_currency":"CHF","user_id":"U8"}""") };
        for (var i = 0; i < 2; i++)
        {
            var reply = await fixture.SendAsync("/currency", "convert", "1 USD", tampered);
            Assert.Equal(PassportReasons.SignatureInvalid, reply.Reason);
        }

        Assert.Equal(hits + 2, counters.Total(Hits));
        Assert.Equal(misses + 3, counters.Total(Misses));
    }

    [Fact]
    public async Task A_cached_passport_is_still_refused_where_the_request_makes_it_wrong()
    {
        var counters = fixture.PassportCounters;
        var passport = fixture.Orchestrator.Signed(State.Of("""{"user_preferred_currency":"JPY","destination":"Kyoto","loyalty_tier":"Gold"}"""), audience: CurrencyAgent.Id);
        Assert.Equal(200, (await fixture.SendAsync("/currency", "convert", "1 USD", passport)).Status);
        var hits = counters.Total(Hits);

        Assert.Equal(PassportReasons.AudienceMismatch, (await fixture.SendAsync("/travel", "book", "trip", passport)).Reason);
        Assert.Equal(PassportReasons.ClientMismatch, (await fixture.SendAsync("/currency", "convert", "1 USD", passport, requestSigner: fixture.Marketing)).Reason);
        Assert.Equal(200, (await fixture.SendAsync("/currency", "convert", "1 USD", passport, requestSigner: fixture.Orchestrator)).Status);

        Assert.Equal(hits + 3, counters.Total(Hits));
    }
}
