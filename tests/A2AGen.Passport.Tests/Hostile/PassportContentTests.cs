using A2AGen.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace A2AGen.Passport.Tests.Hostile;

/// <summary>
/// Issue 11 §4: a passport whose state holds a lone surrogate or invalid UTF-8 is refused when it is read (never an
/// accessor that throws, never HTTP 500), and what a skill reads from a verified passport is exactly what was signed —
/// the RFC 8785 value — however the numbers were spelled on the wire.
/// </summary>
public sealed class PassportContentTests : IAsyncLifetime
{
    // Every number here has a second spelling with the same double value, so the same signature covers both.
    private const string SignedState = """{"max_amount":1e17,"price":0.1,"ratio":1.5,"count":3,"ids":[9007199254740993],"limit":{"amount":1e17,"currency":"EUR"},"note":"ok"}""";
    private const string RespelledState = """{"max_amount":100000000000000008,"price":0.1000000000000000055511151231257827,"ratio":1.50,"count":3.0,"ids":[9007199254740993.0],"limit":{"amount":100000000000000008,"currency":"EUR"},"note":"ok"}""";

    private readonly TestClient _desk = new("travel-desk");
    private TestHost _host = null!;

    public async Task InitializeAsync()
    {
        _host = await TestHost.StartAsync(s => s.AddA2AAgent<SpendAgent>(), app => app.MapA2AAgent<SpendAgent>("/spend"));
        _desk.TrustedBy(_host.Services.GetRequiredService<A2AKeyRing>().TrustStore);
    }

    public async Task DisposeAsync()
    {
        _desk.Dispose();
        await _host.DisposeAsync();
    }

    private static string Send(string skill, string passportJson) => Rpc.Request("SendMessage",
        "{\"message\":{\"messageId\":\"m\",\"role\":\"ROLE_USER\",\"parts\":[{\"text\":\"x\"}],\"metadata\":{\"urn:a2agen:skill\":\"" + skill + "\",\"" +
        PassportFormat.ExtensionUri + "\":" + passportJson + "}}}");

    private static string Respelled(CallerContext signed) =>
        "{\"clientId\":\"" + signed.ClientId + "\",\"signature\":\"" + signed.Signature + "\",\"state\":" + RespelledState + "}";

    /// <summary>The UTF-8 of <paramref name="json"/> with its '@' replaced by <paramref name="value"/>.</summary>
    private static byte[] WithByte(string json, byte value)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(json);
        bytes[Array.IndexOf(bytes, (byte)'@')] = value;
        return bytes;
    }

    [Fact]
    public void Typed_accessors_and_TryGet_read_the_signed_value_not_the_spelling_sent()
    {
        var trust = new TrustStore();
        _desk.TrustedBy(trust);
        var signed = _desk.Signed(State.Of(SignedState));
        var respelled = signed with { State = State.Of(RespelledState) };
        var result = new PassportVerifier(trust).Verify(respelled);
        Assert.True(result.IsVerified, result.Detail);

        var passport = new SpendAgentPassport(result.ToContext(respelled), JsonSerializerOptions.Web);
        Assert.Equal(100000000000000000L, passport.MaxAmount);
        Assert.Equal(0.1m, passport.Price);
        Assert.Equal(1.5, passport.Ratio);
        Assert.Equal(3, passport.Count);
        Assert.Equal([9007199254740992L], passport.Ids!);
        Assert.Equal(100000000000000000L, passport.Limit!.Amount);
        Assert.True(passport.TryGet<long>("max_amount", out var max));
        Assert.Equal(100000000000000000L, max);
        Assert.True(passport.TryGet<SpendLimit>("limit", out var limit));
        Assert.Equal(100000000000000000L, limit.Amount);
        Assert.Equal("100000000000000000", passport.State["max_amount"].GetRawText());
    }

    [Fact]
    public async Task Over_http_the_skill_sees_the_signed_number()
    {
        var signed = _desk.Signed(State.Of(SignedState), audience: null);
        var reply = await Rpc.SendAsync(_host.Client, "/spend", Send("spend", Respelled(signed)));
        Assert.Equal(200, reply.Status);
        Assert.StartsWith("max=100000000000000000;price=0.1;ratio=1.5;count=3;ids=9007199254740992;limit=100000000000000000;note=ok;tryget=100000000000000000;verified=True",
            Answers.TextOf(reply), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"\\udc00\"")]
    [InlineData("\"ok \\ud83d\"")]
    [InlineData("[\"\\udfff\"]")]
    public async Task An_unsigned_passport_with_a_lone_surrogate_is_refused_before_any_accessor_runs(string note)
    {
        var reply = await Rpc.SendAsync(_host.Client, "/spend", Send("peek", "{\"clientId\":\"travel-desk\",\"state\":{\"note\":" + note + ",\"max_amount\":1}}"));
        Assert.Equal(200, reply.Status);
        Assert.Equal(-32602, reply.ErrorCode);
        Assert.Equal($"params.message.metadata[\"{PassportFormat.ExtensionUri}\"].state.note" + (note.StartsWith('[') ? "[0]" : ""), reply.Field);
        Assert.Empty(_host.Logs.WithId(1100));
        Assert.Empty(_host.Logs.WithId(1101));
    }

    [Fact]
    public void Reading_a_passport_refuses_invalid_unicode_naming_the_member()
    {
        Assert.False(CallerContextJson.TryRead("""{"clientId":"desk","state":{"note":"\udc00"}}"""u8, out _, out var error));
        Assert.Equal("state.note", error.Field);
        Assert.Contains("Unicode", error.Message, StringComparison.Ordinal);

        Assert.False(CallerContextJson.TryRead("""{"clientId":"desk","sessionId":"\ud800","state":{}}"""u8, out _, out error));
        Assert.Equal("sessionId", error.Field);

        var invalidUtf8 = WithByte("""{"clientId":"desk","state":{"note":"a@"}}""", 0xFF);
        Assert.False(CallerContextJson.TryRead(invalidUtf8, out _, out error));
        Assert.Equal("state.note", error.Field);

        Assert.True(CallerContextJson.TryRead("""{"clientId":"desk","state":{"note":"\ud83d\ude00"}}"""u8, out var fine, out _));
        Assert.Equal("\U0001F600", fine.State["note"].GetString());
    }

    [Fact]
    public void Accessors_and_TryGet_never_throw_for_bad_state_built_in_code()
    {
        var invalidUtf8 = WithByte("""{"bad_utf8":"a@"}""", 0xFF);
        var state = new Dictionary<string, JsonElement>(State.Of("""{"note":"\udc00","limit":{"amount":"\udc00","currency":"EUR"},"count":1e400,"max_amount":5}"""))
        {
            ["bad_utf8"] = JsonDocument.Parse(invalidUtf8).RootElement.GetProperty("bad_utf8").Clone(),
        };
        var passport = new SpendAgentPassport(new PassportContext
        {
            Status = PassportStatus.Unsigned,
            Value = new CallerContext { ClientId = "desk", State = state },
        }, JsonSerializerOptions.Web);

        Assert.Null(passport.Note);
        Assert.Null(passport.Limit);
        Assert.Null(passport.Count);
        Assert.Equal(5, passport.MaxAmount);
        Assert.False(passport.TryGet<string>("note", out _));
        Assert.False(passport.TryGet<string>("bad_utf8", out _));
        Assert.False(passport.TryGet<SpendLimit>("limit", out _));
        Assert.False(passport.TryGet<double>("count", out _));
    }
}
