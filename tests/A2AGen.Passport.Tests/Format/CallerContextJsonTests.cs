using A2AGen.Protocol.Serialization;

namespace A2AGen.Passport.Tests.Format;

/// <summary>
/// Wire compatibility with the published extension: the seed's payloads read as they are; unknown members are refused
/// (the schema's <c>extra='forbid'</c>); <c>clientId</c> and <c>state</c> are required; every error names the member.
/// </summary>
public sealed class CallerContextJsonTests
{
    private static JsonElement Json(string json) => JsonDocument.Parse(json).RootElement;

    private static PassportFormatError Refused(string json)
    {
        Assert.False(CallerContextJson.TryRead(Json(json), out var passport, out var error));
        Assert.Null(passport);
        return error!;
    }

    [Theory]
    [InlineData("""{"clientId":"a2a://orchestrator-agent.com","sessionId":"travel-session-xyz","signature":"MOCK-SIG-123456...","state":{"user_preferred_currency":"GBP","loyalty_tier":"Gold"}}""")]
    [InlineData("""{"clientId":"a2a://travel-orchestrator.com","state":{"user_preferred_currency":"GBP","user_id":"U001"},"signature":"sig-currency-1"}""")]
    [InlineData("""{"clientId":"a2a://travel-portal.com","sessionId":"travel-booking-session-999","state":{"destination":"Bali, Indonesia","loyalty_tier":"Platinum"},"signature":"sig-travel-2"}""")]
    [InlineData("""{"clientId":"a2a://ecommerce-front.com","state":{"product_sku":"Nikon-Z-50mm-f1.8","user_intent":"seeking_reviews"}}""")]
    [InlineData("""{"clientId":"a2a://marketing-agent.com","state":{"query_type":"quarterly_revenue","access_scope":["read:finance_db","user:Gulli"]},"signature":"sig-finance-4"}""")]
    public void The_seed_documents_payloads_read_as_they_are(string json)
    {
        Assert.True(CallerContextJson.TryRead(Json(json), out var passport, out var error), error?.ToString());
        var source = Json(json);
        Assert.Equal(source.GetProperty("clientId").GetString(), passport.ClientId);
        Assert.Equal(source.TryGetProperty("sessionId", out var session) ? session.GetString() : null, passport.SessionId);
        Assert.Equal(source.TryGetProperty("signature", out var signature) ? signature.GetString() : null, passport.Signature);
        Assert.Equal(source.GetProperty("state").EnumerateObject().Select(p => p.Name), passport.State.Keys);
    }

    [Theory]
    [InlineData("""{"state":{}}""", "clientId", "is required")]
    [InlineData("""{"clientId":null,"state":{}}""", "clientId", "non-empty string")]
    [InlineData("""{"clientId":"","state":{}}""", "clientId", "non-empty string")]
    [InlineData("""{"clientId":42,"state":{}}""", "clientId", "non-empty string")]
    [InlineData("""{"clientId":"desk"}""", "state", "is required")]
    [InlineData("""{"clientId":"desk","state":null}""", "state", "must be a JSON object")]
    [InlineData("""{"clientId":"desk","state":[]}""", "state", "must be a JSON object")]
    [InlineData("""{"clientId":"desk","state":"gold"}""", "state", "must be a JSON object")]
    [InlineData("""{"clientId":"desk","sessionId":7,"state":{}}""", "sessionId", "must be a string")]
    [InlineData("""{"clientId":"desk","sessionId":null,"state":{}}""", "sessionId", "leave it out")]
    [InlineData("""{"clientId":"desk","signature":{"alg":"EdDSA"},"state":{}}""", "signature", "compact JWS")]
    [InlineData("""{"clientId":"desk","signature":null,"state":{}}""", "signature", "leave it out")]
    [InlineData("""{"clientId":"desk","signature":"","state":{}}""", "signature", "non-empty")]
    [InlineData("""{"clientId":"desk","state":{},"extra":1}""", "extra", "not a CallerContext member")]
    [InlineData("""{"clientId":"desk","state":{},"ClientId":"x"}""", "ClientId", "not a CallerContext member")]
    [InlineData("""{"client_id":"desk","state":{}}""", "client_id", "the wire name is clientId")]
    [InlineData("""{"clientId":"desk","clientId":"rogue","state":{}}""", "clientId", "more than once")]
    [InlineData("""{"clientId":"desk","state":{"tier":"gold","tier":"platinum"}}""", "state.tier", "repeats a member name")]
    [InlineData("""{"clientId":"desk","state":{"a":{"b":1,"b":2}}}""", "state.a", "repeats a member name")]
    [InlineData("""["desk"]""", "", "CallerContext object")]
    [InlineData("\"desk\"", "", "CallerContext object")]
    public void A_malformed_passport_is_refused_naming_the_member(string json, string field, string message)
    {
        var error = Refused(json);
        Assert.Equal(field, error.Field);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_member_name_is_quoted_bounded_and_printable()
    {
        var name = "x\u0001" + new string('y', 500);
        var error = Refused("{\"clientId\":\"desk\",\"state\":{},\"" + name.Replace("\u0001", "\\u0001", StringComparison.Ordinal) + "\":1}");
        // The one sanitizer for caller text: control characters escaped, length capped.
        Assert.StartsWith("x\\u0001yyy", error.Field, StringComparison.Ordinal);
        Assert.True(error.Field.Length <= 64, error.Field);
    }

    [Fact]
    public void Written_passports_have_the_canonical_member_order_and_leave_out_what_is_unset()
    {
        var passport = new CallerContext { ClientId = "desk", State = State.Of("""{"b":1,"a":[true,null]}""") };
        Assert.Equal("""{"clientId":"desk","state":{"b":1,"a":[true,null]}}""", System.Text.Encoding.UTF8.GetString(CallerContextJson.ToUtf8Json(passport)));

        var full = passport with { SessionId = "s-1", Signature = "h..s" };
        var element = CallerContextJson.ToJsonElement(full);
        Assert.Equal(["clientId", "sessionId", "signature", "state"], element.EnumerateObject().Select(p => p.Name));
        Assert.True(CallerContextJson.TryRead(element, out var back, out _));
        Assert.Equal(full.ClientId, back.ClientId);
        Assert.Equal(full.SessionId, back.SessionId);
        Assert.Equal(full.Signature, back.Signature);
        Assert.Equal("[true,null]", back.State["a"].GetRawText());
    }

    [Fact]
    public void Reading_from_bytes_keeps_the_state_after_the_document_is_gone()
    {
        Assert.True(CallerContextJson.TryRead("""{"clientId":"desk","state":{"tier":"gold"}}"""u8, out var passport, out _));
        Assert.Equal("gold", passport.State["tier"].GetString());
        Assert.False(CallerContextJson.TryRead("""{"clientId":"desk","state":{}} {}"""u8, out _, out var trailing));
        Assert.Contains("nothing after it", trailing!.Message, StringComparison.Ordinal);
        Assert.False(CallerContextJson.TryRead("""{"clientId":"""u8, out _, out var broken));
        Assert.Contains("not valid JSON", broken!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_passport_rides_in_message_metadata_through_the_protocol_json_unchanged()
    {
        var passport = new CallerContext { ClientId = "a2a://travel-portal.com", SessionId = "s-9", State = State.Of("""{"loyalty_tier":"Platinum","trip_dates":["2026-12-01"]}""") };
        var message = Message.UserText("book Bali") with { Metadata = new Dictionary<string, JsonElement> { ["urn:a2agen:skill"] = JsonSerializer.SerializeToElement("book") } };
        message = message.WithPassport(passport);

        var json = A2AJson.Serialize(message);
        var back = A2AJson.Deserialize<Message>(json)!;

        Assert.True(back.HasPassport());
        Assert.True(back.TryGetPassport(out var read, out var error), error?.ToString());
        Assert.Equal("a2a://travel-portal.com", read.ClientId);
        Assert.Equal("s-9", read.SessionId);
        Assert.True(read.State.ContainsKey("loyalty_tier"));
        Assert.True(read.State.ContainsKey("trip_dates"));
        Assert.Equal("book", back.Metadata!["urn:a2agen:skill"].GetString());
        Assert.Contains("\"clientId\":\"a2a://travel-portal.com\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public void A_message_without_a_passport_has_none_and_a_malformed_one_says_why()
    {
        Assert.False(Message.UserText("x").TryGetPassport(out _, out var none));
        Assert.Null(none);
        var malformed = Message.UserText("x") with
        {
            Metadata = new Dictionary<string, JsonElement> { [PassportFormat.ExtensionUri] = Json("""{"clientId":"desk"}""") },
        };
        Assert.True(malformed.HasPassport());
        Assert.False(malformed.TryGetPassport(out _, out var error));
        Assert.Equal("state", error!.Field);
    }

    [Fact]
    public void State_helpers_build_objects_from_strings_json_and_typed_state()
    {
        Assert.Equal("GBP", PassportState.FromStrings(new Dictionary<string, string> { ["user_preferred_currency"] = "GBP" })["user_preferred_currency"].GetString());
        var typed = PassportState.FromObject(new FinanceState("quarterly_revenue", ["read:finance_db"]), TestJson.Default.FinanceState);
        Assert.Equal(["query_type", "access_scope"], typed.Keys);
        Assert.Equal("read:finance_db", typed["access_scope"][0].GetString());
        Assert.Throws<ArgumentException>(() => PassportState.FromJsonObject(Json("[1]")));
        Assert.Throws<ArgumentException>(() => PassportState.FromJson([new("k", default)]));
    }
}
