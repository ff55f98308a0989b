using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using A2AGen.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace A2AGen.Hosting.Tests.Signatures;

/// <summary>
/// One host with two generated agents (<c>whoami</c>, and <c>ledger</c>, which requires every request signed) and
/// trusted callers <c>travel-desk</c> (Ed25519) and <c>billing</c> (ES256). The host and the callers read one
/// <see cref="FakeTimeProvider"/>: time checks are exact at their edges, whatever the date and however slow the machine.
/// </summary>
public sealed class SignedHostFixture : IAsyncLifetime
{
    public TestHost Host { get; private set; } = null!;

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 21, 12, 0, 0, TimeSpan.Zero));

    public TestCaller TravelDesk { get; }

    public TestCaller Billing { get; }

    public SignedHostFixture()
    {
        TravelDesk = new("travel-desk", clock: Clock);
        Billing = new("billing", SigningAlgorithm.EcdsaP256Sha256, Clock);
    }

    public ConcurrentQueue<(string Instrument, Dictionary<string, object?> Tags)> Measurements { get; } = new();

    private MeterListener? _listener;

    public async Task InitializeAsync()
    {
        Host = await TestHost.StartAsync(
            s =>
            {
                s.AddSingleton<TimeProvider>(Clock);
                s.AddA2AAgent<WhoAmIAgent>();
                s.AddA2AAgent<LedgerAgent>();
            },
            app =>
            {
                app.MapA2AAgent<WhoAmIAgent>("/whoami");
                app.MapA2AAgent<LedgerAgent>("/ledger");
            });
        var trust = Host.Services.GetRequiredService<A2AKeyRing>().TrustStore;
        TravelDesk.TrustedBy(trust);
        Billing.TrustedBy(trust);

        var meterFactory = Host.Services.GetRequiredService<IMeterFactory>();
        _listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == A2AHostingTelemetry.Name && ReferenceEquals(instrument.Meter.Scope, meterFactory))
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        _listener.SetMeasurementEventCallback<long>((instrument, _, tags, _) => Measurements.Enqueue((instrument.Name, tags.ToArray().ToDictionary(t => t.Key, t => t.Value))));
        _listener.SetMeasurementEventCallback<double>((instrument, _, tags, _) => Measurements.Enqueue((instrument.Name, tags.ToArray().ToDictionary(t => t.Key, t => t.Value))));
        _listener.Start();
    }

    public Uri Url(string path) => new(Host.BaseAddress, path);

    /// <summary>The ledger agent declares its URL: signatures name it, whatever address the request reached.</summary>
    public static Uri LedgerUrl { get; } = new("https://ledger.example.com/a2a");

    public async Task DisposeAsync()
    {
        _listener?.Dispose();
        TravelDesk.Dispose();
        Billing.Dispose();
        await Host.DisposeAsync();
    }
}

/// <summary>
/// Every request-signature check on a real Kestrel host (DESIGN §6.4): a valid signature passes and names the caller;
/// each way a signature can be wrong is refused with HTTP 401, JSON-RPC -32000 and its own reason, logged (event 1002)
/// and counted by reason.
/// </summary>
public sealed class RequestSignatureTests(SignedHostFixture fixture) : IClassFixture<SignedHostFixture>
{
    private HttpClient Client => fixture.Host.Client;

    private static string Body(string skill = "secure") => Rpc.Request("SendMessage", Rpc.UserText("hi", skill));

    private async Task<Reply> SendAsync(string body, string? token, string path = "/whoami")
    {
        var headers = token is null ? [] : new[] { Rpc.Header("A2A-Signature", token) };
        return await Rpc.SendAsync(Client, path, body, headers: headers);
    }

    private async Task<Reply> RefusedAsync(string expectedReason, string body, string token, string path = "/whoami")
    {
        var reply = await SendAsync(body, token, path);
        Assert.Equal(401, reply.Status);
        Assert.Equal(-32000, reply.ErrorCode);
        Assert.Equal(expectedReason, reply.Reason);
        Assert.Equal("A2A-Signature", reply.Headers.WwwAuthenticate.ToString());
        Assert.DoesNotContain("   at ", reply.Raw, StringComparison.Ordinal);
        return reply;
    }

    private static string Text(Reply reply) => reply.Result.GetProperty("task").GetProperty("artifacts")[0].GetProperty("parts")[0].GetProperty("text").GetString()!;

    [Fact]
    public async Task A_valid_signature_passes_and_the_skill_sees_the_verified_caller()
    {
        var body = Body();
        var reply = await SendAsync(body, fixture.TravelDesk.Sign(fixture.Url("/whoami"), body));
        Assert.Equal(200, reply.Status);
        Assert.Equal($"secure caller=travel-desk;iss=travel-desk;kid={fixture.TravelDesk.Key.PublicKey.Thumbprint};peer=-;cert=-", Text(reply));
    }

    [Fact]
    public async Task An_es256_signature_passes_too()
    {
        var body = Body();
        var reply = await SendAsync(body, fixture.Billing.Sign(fixture.Url("/whoami"), body));
        Assert.StartsWith("secure caller=billing;", Text(reply), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_signature_on_a_skill_that_requires_one()
    {
        var reply = await SendAsync(Body(), token: null);
        Assert.Equal(401, reply.Status);
        Assert.Equal("REQUEST_SIGNATURE_MISSING", reply.Reason);
        Assert.Contains("secure", reply.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tampered_body()
    {
        var token = fixture.TravelDesk.Sign(fixture.Url("/whoami"), Body());
        var reply = await RefusedAsync("REQUEST_BODY_HASH_MISMATCH", Rpc.Request("SendMessage", Rpc.UserText("changed", "secure")), token);
        Assert.Contains("'bh'", reply.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Wrong_audience()
    {
        var body = Body();
        await RefusedAsync("REQUEST_AUDIENCE_MISMATCH", body, fixture.TravelDesk.Token(fixture.Url("/whoami"), body, c => c["aud"] = "https://other.example.com/agent"));
    }

    [Fact]
    public async Task Wrong_url()
    {
        var body = Body();
        await RefusedAsync("REQUEST_URL_MISMATCH", body, fixture.TravelDesk.Token(fixture.Url("/whoami"), body, c => c["htu"] = fixture.Url("/ledger").ToString()));
    }

    [Fact]
    public async Task A_signature_for_another_agent_of_the_host_is_refused()
    {
        // Signed (correctly) for the ledger, sent to /whoami: aud names the other agent.
        var body = Body();
        await RefusedAsync("REQUEST_AUDIENCE_MISMATCH", body, fixture.TravelDesk.Sign(SignedHostFixture.LedgerUrl, body));
    }

    [Fact]
    public async Task Wrong_method()
    {
        var body = Body();
        await RefusedAsync("REQUEST_METHOD_MISMATCH", body, fixture.TravelDesk.Sign(fixture.Url("/whoami"), body, method: "PUT"));
    }

    [Fact]
    public async Task Expired()
    {
        var now = fixture.Clock.GetUtcNow().ToUnixTimeSeconds();
        var body = Body();
        var reply = await RefusedAsync("REQUEST_SIGNATURE_EXPIRED", body, fixture.TravelDesk.Token(fixture.Url("/whoami"), body, c =>
        {
            c["iat"] = now - 120;
            c["exp"] = now - 60;
        }));
        Assert.Contains("expired", reply.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Within_the_clock_skew_is_still_accepted()
    {
        var now = fixture.Clock.GetUtcNow().ToUnixTimeSeconds();
        var body = Body();
        var reply = await SendAsync(body, fixture.TravelDesk.Token(fixture.Url("/whoami"), body, c =>
        {
            c["iat"] = now - 62;
            c["exp"] = now - 2;
        }));
        Assert.Equal(200, reply.Status);
    }

    [Fact]
    public async Task Issued_in_the_future()
    {
        var now = fixture.Clock.GetUtcNow().ToUnixTimeSeconds();
        var body = Body();
        await RefusedAsync("REQUEST_SIGNATURE_ISSUED_IN_FUTURE", body, fixture.TravelDesk.Token(fixture.Url("/whoami"), body, c =>
        {
            c["iat"] = now + 30;
            c["exp"] = now + 90;
        }));
    }

    [Fact]
    public async Task Not_yet_valid()
    {
        var now = fixture.Clock.GetUtcNow().ToUnixTimeSeconds();
        var body = Body();
        await RefusedAsync("REQUEST_SIGNATURE_NOT_YET_VALID", body, fixture.TravelDesk.Token(fixture.Url("/whoami"), body, c => c["nbf"] = now + 30));
    }

    [Fact]
    public async Task Lifetime_too_long()
    {
        var now = fixture.Clock.GetUtcNow().ToUnixTimeSeconds();
        var body = Body();
        await RefusedAsync("REQUEST_SIGNATURE_LIFETIME_TOO_LONG", body, fixture.TravelDesk.Token(fixture.Url("/whoami"), body, c => c["exp"] = now + 3600));
    }

    [Fact]
    public async Task Replayed_jti()
    {
        var body = Body();
        var token = fixture.TravelDesk.Sign(fixture.Url("/whoami"), body);
        Assert.Equal(200, (await SendAsync(body, token)).Status);
        var reply = await RefusedAsync("REQUEST_SIGNATURE_REPLAYED", body, token);
        Assert.Contains("travel-desk", reply.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_kid()
    {
        using var stranger = SigningKey.Create(SigningAlgorithm.Ed25519);
        var body = Body();
        // Callers are told "issuer untrusted" for every key-lookup failure (no trust enumeration); the log says which.
        await RefusedAsync("REQUEST_ISSUER_UNTRUSTED", body, fixture.TravelDesk.Token(fixture.Url("/whoami"), body, signWith: stranger, keyId: stranger.PublicKey.Thumbprint));
        Assert.Contains(fixture.Host.Logs.WithId(1002), e => e.Message.Contains("REQUEST_SIGNING_KEY_UNKNOWN", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Untrusted_issuer()
    {
        using var stranger = new TestCaller("stranger");
        var body = Body();
        var reply = await RefusedAsync("REQUEST_ISSUER_UNTRUSTED", body, stranger.Sign(fixture.Url("/whoami"), body));
        Assert.DoesNotContain("stranger", reply.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains(fixture.Host.Logs.WithId(1002), e => e.Message.Contains("'stranger'", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Kid_of_another_issuer()
    {
        // travel-desk's own key and signature, but claiming to be billing: the key is not billing's.
        var body = Body();
        await RefusedAsync("REQUEST_ISSUER_UNTRUSTED", body, fixture.TravelDesk.Token(fixture.Url("/whoami"), body, c => c["iss"] = "billing"));
        Assert.Contains(fixture.Host.Logs.WithId(1002), e => e.Message.Contains("REQUEST_SIGNING_KEY_ISSUER_MISMATCH", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Algorithm_that_does_not_match_the_key()
    {
        // An ES256 signature under the kid of travel-desk's Ed25519 key.
        using var p256 = SigningKey.Create(SigningAlgorithm.EcdsaP256Sha256);
        var body = Body();
        await RefusedAsync("REQUEST_SIGNATURE_ALGORITHM_KEY_MISMATCH", body, fixture.TravelDesk.Token(fixture.Url("/whoami"), body, signWith: p256));
    }

    [Fact]
    public async Task Signature_by_another_key_under_a_trusted_kid()
    {
        using var other = SigningKey.Create(SigningAlgorithm.Ed25519);
        var body = Body();
        await RefusedAsync("REQUEST_SIGNATURE_INVALID", body, fixture.TravelDesk.Token(fixture.Url("/whoami"), body, signWith: other));
    }

    [Theory]
    [InlineData("none")]
    [InlineData("HS256")]
    [InlineData("RS256")]
    public async Task Algorithms_outside_the_allow_list(string alg)
    {
        var header = $$"""{"alg":"{{alg}}","kid":"{{fixture.TravelDesk.Key.PublicKey.Thumbprint}}","typ":"a2a-request+jwt"}""";
        await RefusedAsync("REQUEST_SIGNATURE_ALGORITHM_NOT_ALLOWED", Body(), TestCaller.Forged(header, """{"iss":"travel-desk"}"""));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("JWT")]
    [InlineData("a2a-passport+jws")]
    public async Task Token_of_another_type(string? type)
    {
        var body = Body();
        await RefusedAsync("REQUEST_SIGNATURE_TYPE_MISMATCH", body, fixture.TravelDesk.Token(fixture.Url("/whoami"), body, type: type));
    }

    [Theory]
    [InlineData("jti")]
    [InlineData("htm")]
    [InlineData("htu")]
    [InlineData("aud")]
    [InlineData("bh")]
    [InlineData("iat")]
    [InlineData("exp")]
    [InlineData("iss")]
    public async Task A_missing_claim_is_named(string claim)
    {
        var body = Body();
        var reply = await RefusedAsync("REQUEST_SIGNATURE_CLAIM_MISSING", body, fixture.TravelDesk.Token(fixture.Url("/whoami"), body, c => c[claim] = null));
        Assert.Contains($"'{claim}'", reply.ErrorMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not a token")]
    [InlineData("a.b")]
    [InlineData("eyJhbGciOiJFZERTQSJ9..c2ln")]
    [InlineData("eyJhbGciOiJFZERTQSJ9.e30=.c2ln")]
    public async Task Malformed_tokens(string token) => await RefusedAsync("REQUEST_SIGNATURE_MALFORMED", Body(), token);

    [Fact]
    public async Task Two_signature_headers_are_malformed()
    {
        var body = Body();
        var token = fixture.TravelDesk.Sign(fixture.Url("/whoami"), body);
        var reply = await Rpc.SendAsync(Client, "/whoami", body, headers: [Rpc.Header("A2A-Signature", token), Rpc.Header("A2A-Signature", token)]);
        Assert.Equal("REQUEST_SIGNATURE_MALFORMED", reply.Reason);
    }

    [Fact]
    public async Task A_present_but_invalid_signature_is_refused_even_where_none_is_required()
    {
        var body = Body("whoami");
        var token = fixture.TravelDesk.Sign(fixture.Url("/whoami"), body);
        await RefusedAsync("REQUEST_BODY_HASH_MISMATCH", Rpc.Request("SendMessage", Rpc.UserText("other", "whoami")), token);
    }

    [Fact]
    public async Task An_agent_that_requires_signatures_checks_task_methods_too()
    {
        var ledger = SignedHostFixture.LedgerUrl;
        var send = Rpc.Request("SendMessage", Rpc.UserText("mine"));
        var sent = await SendAsync(send, fixture.TravelDesk.Sign(ledger, send), "/ledger");
        Assert.Equal("recorded 'mine' for travel-desk", sent.Result.GetProperty("task").GetProperty("artifacts")[0].GetProperty("parts")[0].GetProperty("text").GetString());
        var taskId = sent.Result.GetProperty("task").GetProperty("id").GetString()!;

        var get = Rpc.Request("GetTask", $$"""{"id":"{{taskId}}"}""");
        Assert.Equal("REQUEST_SIGNATURE_MISSING", (await SendAsync(get, null, "/ledger")).Reason);
        var own = await SendAsync(get, fixture.TravelDesk.Sign(ledger, get), "/ledger");
        Assert.Equal(taskId, own.Result.GetProperty("id").GetString());

        // Another verified caller does not see travel-desk's task.
        var other = await SendAsync(get, fixture.Billing.Sign(ledger, get), "/ledger");
        Assert.Equal(-32001, other.ErrorCode);

        // The declared URL is what counts, not the address the request reached.
        Assert.Equal("REQUEST_AUDIENCE_MISMATCH", (await SendAsync(get, fixture.TravelDesk.Sign(fixture.Url("/ledger"), get), "/ledger")).Reason);
    }

    [Fact]
    public async Task Rejections_are_logged_counted_and_timed()
    {
        var body = Body();
        await RefusedAsync("REQUEST_METHOD_MISMATCH", body, fixture.TravelDesk.Sign(fixture.Url("/whoami"), body, method: "PATCH"));
        Assert.Contains(fixture.Host.Logs.WithId(1002), e => e.Message.Contains("at signature: REQUEST_METHOD_MISMATCH", StringComparison.Ordinal));
        Assert.Contains(fixture.Measurements, m => m.Instrument == "a2agen.hosting.rejections" && (string?)m.Tags["reason"] == "REQUEST_METHOD_MISMATCH" && (string?)m.Tags["a2a.agent.id"] == WhoAmIAgent.Id);
        Assert.Contains(fixture.Measurements, m => m.Instrument == "a2agen.hosting.verification.duration");
    }
}
