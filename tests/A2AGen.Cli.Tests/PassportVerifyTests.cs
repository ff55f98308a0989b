using System.Text.Json;
using System.Text.Json.Nodes;
using A2AGen.Cli.Tests.Infrastructure;
using A2AGen.Client;
using A2AGen.Passport;
using A2AGen.Protocol;
using A2AGen.Protocol.Serialization;
using A2AGen.Security;

namespace A2AGen.Cli.Tests;

/// <summary>
/// <c>a2agen passport verify</c> on passports the runtime's <see cref="PassportSigner"/> makes: Verified exits 0 with
/// the client, key and state; unsigned or no trusted key for the client exits 3; every failed check exits 4 naming
/// the runtime's reason; input that is not a passport at all exits 1 with one line.
/// </summary>
public sealed class PassportVerifyTests : IDisposable
{
    private const string Endpoint = "https://ledger.example.com/a2a";

    private readonly TempDirectory _temp = new();
    private readonly SigningKey _desk = SigningKey.Create(SigningAlgorithm.Ed25519);
    private readonly SigningKey _billing = SigningKey.Create(SigningAlgorithm.EcdsaP256Sha256);

    public PassportVerifyTests()
    {
        File.WriteAllText(_temp["desk.pub.pem"], _desk.PublicKey.ExportPem());
        Directory.CreateDirectory(_temp["trust"]);
        File.WriteAllText(_temp["trust/travel-desk.jwks.json"], JsonWebKeySet.Create([_desk.PublicKey]).ToJson());
        File.WriteAllText(_temp["trust/billing.jwks.json"], JsonWebKeySet.Create([_billing.PublicKey]).ToJson());
        Directory.CreateDirectory(_temp["billing-only"]);
        File.WriteAllText(_temp["billing-only/billing.jwks.json"], JsonWebKeySet.Create([_billing.PublicKey]).ToJson());
    }

    public void Dispose()
    {
        _desk.Dispose();
        _billing.Dispose();
        _temp.Dispose();
    }

    [Fact]
    public async Task A_runtime_signed_passport_verifies_with_its_client_state_and_key()
    {
        var passport = Sign(_desk, "travel-desk", audience: Endpoint, sessionId: "s-42");
        string file = Write("metadata.json", Metadata(passport));

        var run = await Tool.RunAsync("passport", "verify", file, "--jwks", _temp["desk.pub.pem"], "--aud", Endpoint);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.StartsWith($"Verified: passport of 'travel-desk' signed by EdDSA key {_desk.PublicKey.Thumbprint} from --jwks", run.Output);
        Assert.Contains("sessionId  s-42", run.Output);
        Assert.Contains($"audience   {Endpoint} (checked)", run.Output);
        Assert.Contains("\"currency\": \"GBP\"", run.Output);

        var json = await Tool.RunAsync("passport", "verify", file, "--trust", _temp["trust"], "--json");
        Assert.Equal(0, json.ExitCode);
        Assert.Equal("Verified", json.Json.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, json.Json.GetProperty("reason").ValueKind);
        Assert.Equal("travel-desk", json.Json.GetProperty("agentId").GetString());
        Assert.Equal(_desk.PublicKey.Thumbprint, json.Json.GetProperty("kid").GetString());
        Assert.Equal("EdDSA", json.Json.GetProperty("algorithm").GetString());
        Assert.False(json.Json.GetProperty("audienceChecked").GetBoolean());
        Assert.Equal(Endpoint, json.Json.GetProperty("audiences")[0].GetString());
        Assert.Equal("GBP", json.Json.GetProperty("state").GetProperty("currency").GetString());
        Assert.Contains("agent 'travel-desk'", json.Json.GetProperty("keySource").GetString());
    }

    [Fact]
    public async Task The_passport_is_found_wherever_it_travels()
    {
        var passport = Sign(_desk, "a2a://travel-desk", audience: "ledger-agent");
        var bare = JsonNode.Parse(CallerContextJson.ToUtf8Json(passport))!;
        var message = JsonNode.Parse(A2AJson.Serialize(Message.UserText("refund p-17").WithPassport(passport)))!;
        var request = new JsonObject { ["jsonrpc"] = "2.0", ["id"] = 1, ["method"] = "SendMessage", ["params"] = new JsonObject { ["message"] = message.DeepClone() } };

        foreach (var (name, document) in new[] { ("metadata", Metadata(passport)), ("bare", bare), ("message", message), ("request", request) })
        {
            var fromFile = await Tool.RunAsync("passport", "verify", Write(name + ".json", document), "--trust", _temp["trust"], "--aud", "ledger-agent");
            Assert.True(fromFile.ExitCode == 0, $"{name}: {fromFile}");
        }

        var inline = await Tool.RunAsync("passport", "verify", bare.ToJsonString(), "--trust", _temp["trust"]);
        Assert.True(inline.ExitCode == 0, inline.ToString());
        var stdin = await Tool.RunAsync(["passport", "verify", "-", "--trust", _temp["trust"]], new Dictionary<string, string>(), Tool.Utf8(request.ToJsonString()));
        Assert.True(stdin.ExitCode == 0, stdin.ToString());
    }

    [Fact]
    public async Task Unsigned_and_untrusted_passports_are_unverified()
    {
        var unsigned = new CallerContext { ClientId = "travel-desk", State = PassportState.FromStrings([new("currency", "GBP")]) };
        var run = await Tool.RunAsync("passport", "verify", Write("unsigned.json", Metadata(unsigned)), "--trust", _temp["trust"], "--json");
        Assert.Equal(3, run.ExitCode);
        Assert.Equal("Unsigned", run.Json.GetProperty("status").GetString());
        Assert.Equal("PASSPORT_UNSIGNED", run.Json.GetProperty("reason").GetString());
        var text = await Tool.RunAsync("passport", "verify", _temp["unsigned.json"], "--trust", _temp["trust"]);
        Assert.StartsWith("Unverified (PASSPORT_UNSIGNED)", text.Output);

        // No key is trusted for the client at all.
        string signed = Write("signed.json", Metadata(Sign(_desk, "travel-desk")));
        var untrusted = await Tool.RunAsync("passport", "verify", signed, "--trust", _temp["billing-only"], "--json");
        Assert.Equal(3, untrusted.ExitCode);
        Assert.Equal("UntrustedSigner", untrusted.Json.GetProperty("status").GetString());
        Assert.Equal(PassportReasons.SignerUntrusted, untrusted.Json.GetProperty("reason").GetString());
        var untrustedText = await Tool.RunAsync("passport", "verify", signed, "--trust", _temp["billing-only"]);
        Assert.Contains("give the client's keys with --jwks or --trust", untrustedText.Output);

        // The client is known, but not under this kid (a rotated-out or foreign key).
        using var stranger = SigningKey.Create(SigningAlgorithm.Ed25519);
        var unknownKid = await Tool.RunAsync("passport", "verify", Write("stranger.json", Metadata(Sign(stranger, "travel-desk"))), "--trust", _temp["trust"], "--json");
        Assert.Equal(3, unknownKid.ExitCode);
        Assert.Equal(PassportReasons.SigningKeyUnknown, unknownKid.Json.GetProperty("reason").GetString());
    }

    [Theory]
    [InlineData("tampered", PassportReasons.SignatureInvalid)]
    [InlineData("expired", PassportReasons.Expired)]
    [InlineData("future", PassportReasons.IssuedInFuture)]
    [InlineData("audience", PassportReasons.AudienceMismatch)]
    [InlineData("request-issuer", PassportReasons.ClientMismatch)]
    [InlineData("other-agents-key", PassportReasons.KeyNotOwnedByClient)]
    [InlineData("lifetime", PassportReasons.LifetimeTooLong)]
    [InlineData("signature-garbage", PassportReasons.SignatureMalformed)]
    public async Task Each_failed_check_exits_4_naming_it(string problem, string reason)
    {
        var now = DateTimeOffset.UtcNow;
        var passport = problem switch
        {
            "expired" => Sign(_desk, "travel-desk", at: now.AddHours(-1)),
            "future" => Sign(_desk, "travel-desk", at: now.AddHours(1)),
            "audience" => Sign(_desk, "travel-desk", audience: "https://other.example.com/a2a"),
            "other-agents-key" => Sign(_billing, "travel-desk"),
            "lifetime" => Sign(_desk, "travel-desk", lifetime: TimeSpan.FromHours(2)),
            _ => Sign(_desk, "travel-desk"),
        };
        if (problem == "tampered")
        {
            var state = new Dictionary<string, JsonElement>(passport.State) { ["currency"] = JsonSerializer.SerializeToElement("USD") };
            passport = passport with { State = state };
        }
        else if (problem == "signature-garbage")
        {
            passport = passport with { Signature = "not.a-jws" };
        }

        string[] extra = problem switch
        {
            "audience" => ["--aud", Endpoint],
            "request-issuer" => ["--request-iss", "billing"],
            _ => [],
        };

        var run = await Tool.RunAsync(["passport", "verify", Write("p.json", Metadata(passport)), "--trust", _temp["trust"], "--json", .. extra]);

        Assert.True(run.ExitCode == 4, run.ToString());
        Assert.Equal(reason, run.Json.GetProperty("reason").GetString());
        Assert.False(string.IsNullOrEmpty(run.Json.GetProperty("detail").GetString()));
        var text = await Tool.RunAsync(["passport", "verify", _temp["p.json"], "--trust", _temp["trust"], .. extra]);
        Assert.Contains($"({reason})", text.Output);
    }

    [Theory]
    [InlineData("""{"state":{}}""", "clientId")]
    [InlineData("""{"clientId":"travel-desk"}""", "state")]
    [InlineData("""{"clientId":"travel-desk","state":{},"signature":7}""", "signature")]
    [InlineData("""{"clientId":"travel-desk","state":{},"role":"admin"}""", "role")]
    public async Task A_malformed_passport_exits_4_naming_the_field(string passport, string field)
    {
        var run = await Tool.RunAsync("passport", "verify", $$"""{"{{PassportFormat.ExtensionUri}}": {{passport}}}""", "--trust", _temp["trust"], "--json");

        Assert.True(run.ExitCode == 4, run.ToString());
        Assert.Equal("Malformed", run.Json.GetProperty("status").GetString());
        Assert.Equal(PassportReasons.Malformed, run.Json.GetProperty("reason").GetString());
        Assert.Contains(field, run.Json.GetProperty("field").GetString() + run.Json.GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("not-a-passport", 1, "no Secure Passport found")]
    [InlineData("bad-json", 1, "not valid JSON")]
    [InlineData("missing-file", 1, "does not exist")]
    [InlineData("bad-aud", 2, "--aud")]
    [InlineData("bad-max-lifetime", 2, "--max-lifetime")]
    [InlineData("missing-jwks", 1, "does not exist")]
    [InlineData("missing-trust", 1, "does not exist")]
    public async Task Input_that_cannot_be_checked_fails_with_one_line(string problem, int exitCode, string mentioned)
    {
        string signed = Write("signed.json", Metadata(Sign(_desk, "travel-desk")));
        File.WriteAllText(_temp["bad.json"], "{\"clientId\": ");
        string[] args = problem switch
        {
            "not-a-passport" => ["""{"jsonrpc":"2.0","method":"GetTask"}""", "--trust", _temp["trust"]],
            "bad-json" => [_temp["bad.json"], "--trust", _temp["trust"]],
            "missing-file" => [_temp["nope.json"], "--trust", _temp["trust"]],
            "bad-aud" => [signed, "--trust", _temp["trust"], "--aud", "Not An Id"],
            "bad-max-lifetime" => [signed, "--trust", _temp["trust"], "--max-lifetime", "0"],
            "missing-jwks" => [signed, "--jwks", _temp["nope.jwks.json"]],
            _ => [signed, "--trust", _temp["no-such-folder"]],
        };

        var run = await Tool.RunAsync(["passport", "verify", .. args]);

        Assert.True(run.ExitCode == exitCode, run.ToString());
        Assert.Contains(mentioned, run.Error);
        if (exitCode == 1)
        {
            Tool.SingleErrorLine(run);
            var json = await Tool.RunAsync(["passport", "verify", .. args, "--json"]);
            Assert.Equal(exitCode, json.ExitCode);
            Assert.False(string.IsNullOrEmpty(json.Json.GetProperty("error").GetProperty("code").GetString()));
        }
    }

    [Fact]
    public async Task Passports_meet_a_real_agent_on_kestrel()
    {
        var host = new AgentHost();
        await host.InitializeAsync();
        try
        {
            var published = host.Serve("/peers/travel-desk/.well-known/jwks.json", Tool.Utf8(JsonWebKeySet.Create([_desk.PublicKey]).ToJson()));
            string signed = Write("signed.json", Metadata(Sign(_desk, "travel-desk")));

            // An agent's base URL names its JWK Set at the well-known path.
            var byUrl = await Tool.RunAsync("passport", "verify", signed, "--jwks", new Uri(host.BaseAddress, "/peers/travel-desk").ToString(), "--json");
            Assert.True(byUrl.ExitCode == 0, byUrl.ToString());
            Assert.Contains(published.ToString(), byUrl.Json.GetProperty("keySource").GetString());

            host.Serve("/garbage.json", Tool.Utf8("<html>not keys</html>"), "text/html");
            var garbage = await Tool.RunAsync("passport", "verify", signed, "--jwks", new Uri(host.BaseAddress, "/garbage.json").ToString());
            Assert.Equal(1, garbage.ExitCode);
            Tool.SingleErrorLine(garbage);

            // The agent itself accepts a passport the CLI signs with a caller key it trusts, for its endpoint.
            var forAgent = await Tool.RunAsync("passport", "sign", "--client-id", AgentHost.CallerId, "--key", Path.Combine(host.CallerKeys, "signing.key.pem"),
                "--state", """{"account_id":"acc-7","access_scope":"read"}""", "--aud", host.AgentUrl.ToString(), "--bare");
            Assert.True(forAgent.ExitCode == 0, forAgent.ToString());
            Assert.Equal($"{AgentHost.CallerId} verified=True account=acc-7", await StatementAsync(host, forAgent.Output));

            var forAnother = await Tool.RunAsync("passport", "sign", "--client-id", AgentHost.CallerId, "--key", Path.Combine(host.CallerKeys, "signing.key.pem"),
                "--state", """{"account_id":"acc-7"}""", "--aud", "https://other.example.com/a2a", "--bare");
            var refused = await Assert.ThrowsAnyAsync<Exception>(() => StatementAsync(host, forAnother.Output));
            Assert.Contains(PassportReasons.AudienceMismatch, refused.ToString());
        }
        finally
        {
            await host.DisposeAsync();
        }
    }

    private static async Task<string> StatementAsync(AgentHost host, string passportJson)
    {
        Assert.True(CallerContextJson.TryRead(Tool.Utf8(passportJson), out var passport, out var error), error?.ToString());
        using var http = new HttpClient();
        var client = new A2AClient(http, host.AgentUrl);
        var message = new Message
        {
            MessageId = Guid.NewGuid().ToString("N"),
            Role = Role.User,
            Parts = [Part.FromText("2026-11")],
            Metadata = new Dictionary<string, JsonElement> { ["urn:a2agen:skill"] = JsonSerializer.SerializeToElement("statement") },
        };
        var response = await client.SendMessageWithPassportAsync(message, passport);
        var part = Assert.Single(Assert.Single(response.Task!.Artifacts!).Parts);
        return part.Text!;
    }

    private static CallerContext Sign(SigningKey key, string clientId, string? audience = null, string? sessionId = null, DateTimeOffset? at = null, TimeSpan? lifetime = null)
    {
        var options = new PassportSigningOptions
        {
            Lifetime = lifetime ?? TimeSpan.FromMinutes(10),
            // The tool runs in its own process on the system clock, so passports are signed relative to it.
            TimeProvider = at is { } time ? new FakeTimeProvider(time) : TimeProvider.System,
        };
        var state = PassportState.FromJsonObject(JsonDocument.Parse("""{"currency":"GBP","tier":"gold","limits":{"daily":500}}""").RootElement);
        return new PassportSigner(key, clientId, options).Create(state, sessionId, audience);
    }

    private static JsonObject Metadata(CallerContext passport) =>
        new() { [PassportFormat.ExtensionUri] = JsonNode.Parse(CallerContextJson.ToUtf8Json(passport)) };

    private string Write(string name, JsonNode document)
    {
        File.WriteAllText(_temp[name], document.ToJsonString());
        return _temp[name];
    }
}
