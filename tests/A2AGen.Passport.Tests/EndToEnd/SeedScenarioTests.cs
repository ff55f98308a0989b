using A2AGen.Client;
using A2AGen.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace A2AGen.Passport.Tests.EndToEnd;

/// <summary>
/// The four scenarios of the published Secure Passport guide, end to end over HTTP against generated agents on
/// Kestrel, sent with <see cref="A2AClient"/> and its passport helpers — with real signatures where the guide has mock
/// strings.
/// </summary>
public sealed class SeedScenarioTests(PassportHostFixture fixture) : IClassFixture<PassportHostFixture>
{
    [Fact]
    public async Task Scenario_1_currency_conversion_with_a_signed_passport()
    {
        // The client verifies the agent's signed card first, and sees the extension with the keys the agent reads.
        var cardTrust = new TrustStore();
        foreach (var key in fixture.Host.Services.GetRequiredService<A2AKeyRing>().GetPublishedKeys(CurrencyAgent.Id))
        {
            cardTrust.Add(CurrencyAgent.Id, key);
        }

        var client = await A2AClient.ConnectAsync(new HttpClient(), fixture.Url("/currency"), new A2AClientOptions { CardTrust = cardTrust, ExpectedAgentId = CurrencyAgent.Id });
        var extension = client.Card!.Card.Capabilities.Extensions!.Single(e => e.Uri == PassportFormat.ExtensionUri);
        Assert.Equal(["user_preferred_currency", "user_id"], extension.Params!["supportedStateKeys"].EnumerateArray().Select(k => k.GetString()));

        var answer = await client.SendMessageWithPassportAsync(Message.UserText("100 USD"), fixture.Orchestrator.Signer(),
            new Dictionary<string, string> { ["user_preferred_currency"] = "GBP", ["user_id"] = "U001" });

        Assert.Equal("100 USD in GBP for U001; client=a2a://travel-orchestrator.com; verified=True", Answers.TextOf(answer));
    }

    [Fact]
    public async Task Scenario_2_personalized_travel_booking_with_a_session_id()
    {
        var client = fixture.Client("/travel");
        var signer = fixture.Portal.Signer();
        var state = new TravelState("Bali, Indonesia", "Platinum", ["2026-12-01", "2026-12-14"]);

        var first = await client.SendMessageWithPassportAsync(Message.UserText("book flights"), signer, state, TestJson.Default.TravelState, sessionId: "travel-booking-session-999");
        var second = await client.SendMessageWithPassportAsync(Message.UserText("book a hotel"), signer, state, TestJson.Default.TravelState, sessionId: "travel-booking-session-999");

        Assert.Equal("book flights: Bali, Indonesia for a Platinum member (lounge offer); dates=2026-12-01/2026-12-14; session=travel-booking-session-999; client=a2a://travel-portal.com; verified=True", Answers.TextOf(first));
        Assert.StartsWith("book a hotel: Bali, Indonesia for a Platinum member", Answers.TextOf(second), StringComparison.Ordinal);
        Assert.EndsWith("session=travel-booking-session-999; client=a2a://travel-portal.com; verified=True", Answers.TextOf(second), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scenario_3_retail_assistance_without_a_signature_to_a_low_risk_skill()
    {
        var passport = fixture.Storefront.Unsigned(State.Of("""{"product_sku":"Nikon-Z-50mm-f1.8","user_intent":"seeking_reviews"}"""));

        var answer = await fixture.Client("/retail").SendMessageWithPassportAsync(Message.UserText("what do people say?"), passport);

        Assert.Equal("reviews for Nikon-Z-50mm-f1.8; client=a2a://ecommerce-front.com; verified=False", Answers.TextOf(answer));
    }

    [Fact]
    public async Task Scenario_4_finance_query_to_a_high_privilege_skill_with_signed_passport_and_signed_request()
    {
        var client = fixture.Client("/finance", requestSigner: fixture.Marketing);
        var state = new FinanceState("quarterly_revenue", ["read:finance_db", "user:Gulli"]);

        var answer = await client.SendMessageWithPassportAsync(Message.UserText("Q3"), fixture.Marketing.Signer(), state, TestJson.Default.FinanceState);

        Assert.Equal("quarterly_revenue Q3: 1.2M; for a2a://marketing-agent.com (request by marketing-agent.com); verified=True", Answers.TextOf(answer));
    }

    [Fact]
    public async Task Scenario_4_refuses_an_unsigned_passport_even_with_a_signed_request()
    {
        var client = fixture.Client("/finance", requestSigner: fixture.Marketing);
        var passport = fixture.Marketing.Unsigned(PassportState.FromObject(new FinanceState("quarterly_revenue", ["read:finance_db"]), TestJson.Default.FinanceState));

        var refused = await Assert.ThrowsAsync<A2AClientException>(() => client.SendMessageWithPassportAsync(Message.UserText("Q3"), passport));

        Assert.Equal(System.Net.HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(PassportReasons.SignatureRequired, refused.Reason);
    }

    [Fact]
    public async Task Scenario_4_refuses_a_signed_passport_in_an_unsigned_request()
    {
        var refused = await Assert.ThrowsAsync<A2AClientException>(() => fixture.Client("/finance").SendMessageWithPassportAsync(
            Message.UserText("Q3"), fixture.Marketing.Signer(), new FinanceState("quarterly_revenue", ["read:finance_db"]), TestJson.Default.FinanceState));

        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal(RequestSignatureReasons.Missing, refused.Reason);
    }

    [Fact]
    public async Task Scenario_4_refuses_a_signed_passport_without_the_required_key_naming_it()
    {
        var client = fixture.Client("/finance", requestSigner: fixture.Marketing);
        var refused = await Assert.ThrowsAsync<A2AClientException>(() => client.SendMessageWithPassportAsync(
            Message.UserText("Q3"), fixture.Marketing.Signer(), new Dictionary<string, string> { ["query_type"] = "quarterly_revenue" }));

        Assert.Equal(System.Net.HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(PassportReasons.KeyMissing, refused.Reason);
        Assert.Contains("access_scope", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_passport_signed_once_per_session_serves_several_messages_and_streams()
    {
        var client = fixture.Client("/currency");
        var passport = client.CreatePassport(fixture.Orchestrator.Signer(), State.Of("""{"user_preferred_currency":"EUR","user_id":"U002"}"""), sessionId: "s-42");

        for (var i = 0; i < 3; i++)
        {
            var answer = await client.SendMessageWithPassportAsync(Message.UserText($"{i} USD"), passport);
            Assert.Equal($"{i} USD in EUR for U002; client=a2a://travel-orchestrator.com; verified=True", Answers.TextOf(answer));
        }

        var texts = new List<string>();
        await foreach (var item in client.SendStreamingMessageWithPassportAsync(new SendMessageRequest { Message = Message.UserText("7 USD") }, passport))
        {
            if (item.ArtifactUpdate is { } update)
            {
                texts.Add(update.Artifact.Parts[0].Text!);
            }
        }

        Assert.Equal(["7 USD in EUR for U002; client=a2a://travel-orchestrator.com; verified=True"], texts);
    }

    [Fact]
    public async Task The_client_helpers_activate_the_extension_an_agent_requires()
    {
        var client = fixture.Client("/lounge");
        var passport = fixture.Portal.Signed(State.Of("""{"loyalty_tier":"Platinum"}"""));

        var withoutActivation = await Assert.ThrowsAsync<A2AClientException>(() => client.SendMessageAsync(Message.UserText("Ada").WithPassport(passport)));
        Assert.Equal(-32008, withoutActivation.Code);

        var answer = await client.SendMessageWithPassportAsync(Message.UserText("Ada"), passport);
        Assert.Equal($"Ada: welcome; extensions={PassportFormat.ExtensionUri}", Answers.TextOf(answer));

        // Also when the client's options request the extension already (the helper does not add it twice).
        var configured = new A2AClient(new HttpClient(), fixture.Url("/lounge"), new A2AClientOptions { Extensions = [PassportFormat.ExtensionUri] });
        Assert.StartsWith("Ada: welcome", Answers.TextOf(await configured.SendMessageWithPassportAsync(Message.UserText("Ada"), passport)), StringComparison.Ordinal);
    }
}
