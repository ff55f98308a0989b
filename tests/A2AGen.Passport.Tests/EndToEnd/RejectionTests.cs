namespace A2AGen.Passport.Tests.EndToEnd;

/// <summary>
/// Each way a passport can be wrong, sent over HTTP to the generated agents, refused with its own HTTP status,
/// JSON-RPC -32000 and <c>ErrorInfo.reason</c>, logged (event 1002) — and what is malformed but not needed is ignored.
/// </summary>
public sealed class RejectionTests(PassportHostFixture fixture) : IClassFixture<PassportHostFixture>
{
    private static IReadOnlyDictionary<string, JsonElement> Currency => State.Of("""{"user_preferred_currency":"GBP","user_id":"U001"}""");

    private static IReadOnlyDictionary<string, JsonElement> Finance => State.Of("""{"query_type":"quarterly_revenue","access_scope":["read:finance_db","user:Gulli"]}""");

    private async Task<Reply> RefusedAsync(int status, string reason, string path, string skill, CallerContext passport, TestClient? requestSigner = null)
    {
        var reply = await fixture.SendAsync(path, skill, "100 USD", passport, requestSigner);
        Assert.Equal(status, reply.Status);
        Assert.Equal(-32000, reply.ErrorCode);
        Assert.Equal(reason, reply.Reason);
        Assert.Equal("a2agen.dev", reply.ErrorInfo.GetProperty("domain").GetString());
        Assert.DoesNotContain("   at ", reply.Raw, StringComparison.Ordinal);
        Assert.Contains(fixture.Host.Logs.WithId(1002), e => e.Message.Contains(reason, StringComparison.Ordinal));
        return reply;
    }

    [Fact]
    public async Task Tampered_state()
    {
        var passport = fixture.Orchestrator.Signed(Currency) with { State = State.Of("""{"user_preferred_currency":"USD","user_id":"U001"}""") };
        var reply = await RefusedAsync(401, PassportReasons.SignatureInvalid, "/currency", "convert", passport);
        Assert.Equal("A2A-Signature", reply.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task Swapped_clientId_a_signed_request_from_another_agent_than_the_passports_client()
    {
        // The marketing agent relays the orchestrator's genuine passport in its own signed request.
        var passport = fixture.Orchestrator.Signed(Currency);
        var reply = await RefusedAsync(401, PassportReasons.ClientMismatch, "/currency", "convert", passport, requestSigner: fixture.Marketing);
        Assert.Contains("marketing-agent.com", reply.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Swapped_clientId_in_a_signed_passport()
    {
        var passport = fixture.Orchestrator.Signed(Finance) with { ClientId = "a2a://marketing-agent.com" };
        // Callers are told "signer untrusted" for every key-lookup failure (no trust enumeration); the log says which.
        await RefusedAsync(401, PassportReasons.SignerUntrusted, "/finance", "quarterly-revenue", passport, requestSigner: fixture.Marketing);
        Assert.Contains(fixture.Host.Logs.WithId(1002), e => e.Message.Contains(PassportReasons.KeyNotOwnedByClient, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_kid_of_another_client()
    {
        // A trusted rogue agent signs a passport in the marketing agent's name with its own key (and kid).
        var forged = fixture.Rogue.Craft(new CallerContext { ClientId = "a2a://marketing-agent.com", State = Finance });
        var reply = await RefusedAsync(401, PassportReasons.SignerUntrusted, "/currency", "convert", forged);
        Assert.DoesNotContain("rogue", reply.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Expired()
    {
        var now = fixture.Orchestrator.Clock.GetUtcNow().ToUnixTimeSeconds();
        var passport = fixture.Orchestrator.Craft(fixture.Orchestrator.Unsigned(Currency), issuedAt: now - 900, expiresAt: now - 300);
        await RefusedAsync(401, PassportReasons.Expired, "/currency", "convert", passport);
    }

    [Fact]
    public async Task Wrong_audience()
    {
        var passport = fixture.Orchestrator.Signed(Currency, audience: fixture.Url("/travel").ToString());
        await RefusedAsync(401, PassportReasons.AudienceMismatch, "/currency", "convert", passport);

        // The same passport is good for the agent it names.
        var travel = await fixture.SendAsync("/travel", "book", "x", fixture.Orchestrator.Signed(State.Of("""{"destination":"Oslo","loyalty_tier":"Gold"}"""), audience: TravelAgent.Id));
        Assert.Equal(200, travel.Status);
        Assert.Contains("Oslo for a Gold member", Answers.TextOf(travel), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unsigned_passport_to_a_high_privilege_skill()
    {
        var reply = await RefusedAsync(403, PassportReasons.SignatureRequired, "/finance", "quarterly-revenue", fixture.Marketing.Unsigned(Finance), requestSigner: fixture.Marketing);
        Assert.Contains("quarterly-revenue", reply.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_passport_to_a_high_privilege_skill()
    {
        var reply = await fixture.SendAsync("/finance", "quarterly-revenue", "Q3", passport: null, requestSigner: fixture.Marketing);
        Assert.Equal(403, reply.Status);
        Assert.Equal(PassportReasons.Required, reply.Reason);
    }

    [Fact]
    public async Task The_seed_documents_mock_signature()
    {
        var mock = fixture.Orchestrator.Unsigned(Currency) with { Signature = "sig-currency-1" };
        await RefusedAsync(401, PassportReasons.SignatureMalformed, "/currency", "convert", mock);
    }

    [Fact]
    public async Task An_untrusted_signer()
    {
        await RefusedAsync(401, PassportReasons.SignerUntrusted, "/retail", "recommend",
            fixture.Storefront.Signed(State.Of("""{"product_sku":"Nikon-Z-50mm-f1.8"}""")));
    }

    [Fact]
    public async Task A_malformed_passport_to_a_skill_that_requires_one_is_403_naming_the_field()
    {
        const string passport = """{"clientId":"a2a://travel-portal.com","state":{"destination":"Bali"},"signature_v2":"x"}""";
        var reply = await fixture.SendRawAsync("/travel",
            """{"message":{"messageId":"m-1","role":"ROLE_USER","parts":[{"text":"book"}],"metadata":{"urn:a2agen:skill":"book","https://github.com/a2aproject/a2a-samples/tree/main/samples/python/extensions/secure-passport":""" + passport + "}}}");

        Assert.Equal(403, reply.Status);
        Assert.Equal(PassportReasons.Malformed, reply.Reason);
        Assert.Equal($"params.message.metadata[\"{PassportFormat.ExtensionUri}\"].signature_v2", reply.Field);
    }

    [Fact]
    public async Task A_malformed_passport_to_a_skill_that_does_not_require_one_is_ignored_never_verified()
    {
        const string passport = """{"clientId":"a2a://travel-orchestrator.com","state":{"user_preferred_currency":"GBP"},"verified":true}""";
        var reply = await fixture.SendRawAsync("/currency",
            """{"message":{"messageId":"m-2","role":"ROLE_USER","parts":[{"text":"5 USD"}],"metadata":{"https://github.com/a2aproject/a2a-samples/tree/main/samples/python/extensions/secure-passport":""" + passport + "}}}");

        Assert.Equal(200, reply.Status);
        Assert.Equal("5 USD in USD (no passport)", Answers.TextOf(reply));
        Assert.Contains(fixture.Host.Logs.WithId(1004), e => e.Message.Contains(".verified", StringComparison.Ordinal) && e.Message.Contains("currency-agent", StringComparison.Ordinal));
    }
}
