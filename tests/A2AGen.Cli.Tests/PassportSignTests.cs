using System.Text.Json;
using A2AGen.Cli.Tests.Infrastructure;
using A2AGen.Passport;
using A2AGen.Protocol;
using A2AGen.Security;

namespace A2AGen.Cli.Tests;

/// <summary>
/// <c>a2agen passport sign</c>: the metadata entry it prints is what a calling agent puts in a message, and the
/// runtime's <see cref="PassportVerifier"/> (what every A2AGen agent runs) accepts it with the caller's published key;
/// bad input exits non-zero with one line and writes nothing.
/// </summary>
public sealed class PassportSignTests : IDisposable
{
    private const string Endpoint = "https://ledger.example.com/a2a";

    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData("ed25519", "EdDSA")]
    [InlineData("es256", "ES256")]
    public async Task A_passport_signed_by_the_cli_verifies_with_the_runtime(string algorithm, string jwsAlgorithm)
    {
        await KeysAsync(algorithm);

        var run = await Tool.RunAsync("passport", "sign", "--client-id", "travel-desk", "--key", _temp["k/signing.key.pem"],
            "--state", """{"user_preferred_currency":"GBP","loyalty_tier":"gold","limits":{"daily":500}}""", "--session-id", "s-42", "--aud", Endpoint);

        Assert.True(run.ExitCode == 0, run.ToString());
        using var metadata = JsonDocument.Parse(run.Output);
        var entry = metadata.RootElement.GetProperty(A2AProtocol.SecurePassportExtensionUri);
        Assert.True(CallerContextJson.TryRead(entry, out var passport, out var error), error?.ToString());
        Assert.Equal("travel-desk", passport.ClientId);
        Assert.Equal("s-42", passport.SessionId);
        Assert.Equal("GBP", passport.State["user_preferred_currency"].GetString());
        Assert.Equal(500, passport.State["limits"].GetProperty("daily").GetInt32());

        var result = RuntimeVerifier().Verify(passport, new PassportVerificationContext { Endpoint = RequestTarget.Create([Endpoint]) });
        Assert.True(result.IsVerified, result.ToString());
        Assert.Equal(jwsAlgorithm, result.Algorithm);
        Assert.Equal(Endpoint, Assert.Single(result.Audiences));
        Assert.InRange((result.ExpiresAt!.Value - result.IssuedAt!.Value).TotalSeconds, 599, 601);

        // The receiver named in aud is the only one: another endpoint refuses the passport.
        var elsewhere = RuntimeVerifier().Verify(passport, new PassportVerificationContext { Endpoint = RequestTarget.Create(["https://other.example.com/a2a"]) });
        Assert.Equal(PassportReasons.AudienceMismatch, elsewhere.Reason);

        // A message carrying the metadata yields the same passport through the runtime's message helpers.
        var message = Message.UserText("refund p-17").WithPassport(passport);
        Assert.True(message.TryGetPassport(out var carried, out _));
        var fromMessage = RuntimeVerifier().Verify(carried, new PassportVerificationContext { Endpoint = RequestTarget.Create([Endpoint]) });
        Assert.True(fromMessage.IsVerified, fromMessage.ToString());
    }

    [Fact]
    public async Task Json_output_names_the_key_times_and_the_metadata()
    {
        await KeysAsync("ed25519");
        File.WriteAllText(_temp["state.json"], """{"tier":"gold"}""");

        var run = await Tool.RunAsync("passport", "sign", "--client-id", "a2a://travel-desk", "--key", _temp["k/signing.key.pem"], "--state", "@" + _temp["state.json"], "--lifetime", "120", "--json");

        Assert.True(run.ExitCode == 0, run.ToString());
        var json = run.Json;
        Assert.Equal("a2a://travel-desk", json.GetProperty("clientId").GetString());
        Assert.Equal("EdDSA", json.GetProperty("algorithm").GetString());
        Assert.Equal(JsonValueKind.Null, json.GetProperty("aud").ValueKind);
        var issued = DateTimeOffset.Parse(json.GetProperty("issuedAt").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        var expires = DateTimeOffset.Parse(json.GetProperty("expiresAt").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(TimeSpan.FromSeconds(120), expires - issued);
        var entry = json.GetProperty("metadata").GetProperty(A2AProtocol.SecurePassportExtensionUri);
        Assert.True(CallerContextJson.TryRead(entry, out var passport, out _));
        Assert.Equal("gold", passport.State["tier"].GetString());
        string kid = json.GetProperty("kid").GetString()!;
        var result = RuntimeVerifier().Verify(passport);
        Assert.True(result.IsVerified, result.ToString());
        Assert.Equal(kid, result.KeyId);
    }

    [Fact]
    public async Task State_comes_from_standard_input_and_bare_writes_the_passport_to_a_file()
    {
        await KeysAsync("es256");

        var run = await Tool.RunAsync(
            ["passport", "sign", "--client-id", "travel-desk", "--key", _temp["k/signing.key.pem"], "--state", "-", "--bare", "--out", _temp["passport.json"], "--kid", "desk-2026"],
            new Dictionary<string, string>(), Tool.Utf8("""{"cart":[1,2,3]}"""));

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("Signed a passport for 'travel-desk'", run.Output);
        Assert.True(CallerContextJson.TryRead(File.ReadAllBytes(_temp["passport.json"]), out var passport, out var error), error?.ToString());
        Assert.Equal(3, passport.State["cart"].GetArrayLength());

        // The kid header is the one asked for, so the receiver must know the key under that name.
        var trust = new TrustStore();
        trust.Add("travel-desk", LoadPublicKey(), "desk-2026");
        var result = new PassportVerifier(trust).Verify(passport);
        Assert.True(result.IsVerified, result.ToString());
        Assert.Equal("desk-2026", result.KeyId);

        // The passport file verifies with the CLI too, the renamed key given as a JWK Set with that kid.
        File.WriteAllText(_temp["named.jwks.json"], JsonWebKeySet.Create([JsonWebKey.FromPublicKey(LoadPublicKey(), "desk-2026")]).ToJson());
        Assert.Equal(0, (await Tool.RunAsync("passport", "verify", _temp["passport.json"], "--jwks", _temp["named.jwks.json"])).ExitCode);
    }

    [Fact]
    public async Task An_encrypted_key_is_unlocked_with_its_password()
    {
        var environment = new Dictionary<string, string> { ["A2AGEN_KEY_PASSWORD"] = "correct horse battery" };
        Assert.Equal(0, (await Tool.RunAsync(["keys", "gen", "--out", _temp["k"], "--encrypt"], environment)).ExitCode);

        var signed = await Tool.RunAsync(["passport", "sign", "--client-id", "travel-desk", "--key", _temp["k/signing.key.pem"]], environment);
        Assert.True(signed.ExitCode == 0, signed.ToString());

        var wrong = await Tool.RunAsync(["passport", "sign", "--client-id", "travel-desk", "--key", _temp["k/signing.key.pem"]], new Dictionary<string, string> { ["A2AGEN_KEY_PASSWORD"] = "wrong" });
        Assert.Equal(1, wrong.ExitCode);
        Assert.Contains("password", Tool.SingleErrorLine(wrong), StringComparison.OrdinalIgnoreCase);
        Assert.Equal("", wrong.Output);
    }

    [Theory]
    [InlineData("client-id", 2, "--client-id")]
    [InlineData("lifetime", 2, "--lifetime")]
    [InlineData("empty-aud", 2, "--aud")]
    [InlineData("bad-aud", 2, "--aud")]
    [InlineData("state-not-json", 2, "--state")]
    [InlineData("state-bad-json", 1, "not valid JSON")]
    [InlineData("state-array", 1, "JSON object")]
    [InlineData("state-duplicate", 1, "not valid JSON")]
    [InlineData("state-file-missing", 1, "does not exist")]
    [InlineData("key-missing", 1, "does not exist")]
    [InlineData("key-garbage", 1, "key")]
    [InlineData("key-public", 1, "key")]
    [InlineData("missing-key-option", 2, "--key")]
    public async Task Bad_input_fails_with_one_line_and_writes_nothing(string problem, int exitCode, string mentioned)
    {
        await KeysAsync("ed25519");
        File.WriteAllText(_temp["garbage.pem"], "-----BEGIN PRIVATE KEY-----\nbm90IGEga2V5\n-----END PRIVATE KEY-----\n");
        string key = problem switch
        {
            "key-missing" => _temp["nope.pem"],
            "key-garbage" => _temp["garbage.pem"],
            "key-public" => _temp["k/signing.pub.pem"],
            _ => _temp["k/signing.key.pem"],
        };
        string[] args = problem switch
        {
            "client-id" => ["--client-id", "Travel Desk", "--key", key],
            "lifetime" => ["--client-id", "travel-desk", "--key", key, "--lifetime", "0"],
            "empty-aud" => ["--client-id", "travel-desk", "--key", key, "--aud", ""],
            "bad-aud" => ["--client-id", "travel-desk", "--key", key, "--aud", "ftp://ledger.example.com"],
            "state-not-json" => ["--client-id", "travel-desk", "--key", key, "--state", "tier=gold"],
            "state-bad-json" => ["--client-id", "travel-desk", "--key", key, "--state", "{\"tier\":"],
            "state-array" => ["--client-id", "travel-desk", "--key", key, "--state", "[\"gold\"]"],
            "state-duplicate" => ["--client-id", "travel-desk", "--key", key, "--state", "{\"tier\":\"gold\",\"tier\":\"platinum\"}"],
            "state-file-missing" => ["--client-id", "travel-desk", "--key", key, "--state", "@" + _temp["missing.json"]],
            "missing-key-option" => ["--client-id", "travel-desk"],
            _ => ["--client-id", "travel-desk", "--key", key],
        };

        var run = await Tool.RunAsync(["passport", "sign", .. args, "--out", _temp["out.json"]]);

        Assert.True(run.ExitCode == exitCode, run.ToString());
        Assert.Contains(mentioned, run.Error, StringComparison.OrdinalIgnoreCase);
        Assert.False(File.Exists(_temp["out.json"]));
        if (exitCode == 1)
        {
            Tool.SingleErrorLine(run);
        }

        // --json still gives scripts one object to parse on failure.
        if (problem != "missing-key-option")
        {
            var json = await Tool.RunAsync(["passport", "sign", .. args, "--json"]);
            Assert.Equal(exitCode, json.ExitCode);
            Assert.False(string.IsNullOrEmpty(json.Json.GetProperty("error").GetProperty("message").GetString()));
        }
    }

    [Fact]
    public async Task A_lifetime_beyond_what_agents_accept_is_signed_with_a_warning()
    {
        await KeysAsync("ed25519");

        var run = await Tool.RunAsync("passport", "sign", "--client-id", "travel-desk", "--key", _temp["k/signing.key.pem"], "--lifetime", "7200", "--out", _temp["p.json"]);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("3600", run.Error);
        var refused = await Tool.RunAsync("passport", "verify", _temp["p.json"], "--jwks", _temp["k/signing.pub.pem"], "--json");
        Assert.Equal(4, refused.ExitCode);
        Assert.Equal(PassportReasons.LifetimeTooLong, refused.Json.GetProperty("reason").GetString());
        Assert.Equal(0, (await Tool.RunAsync("passport", "verify", _temp["p.json"], "--jwks", _temp["k/signing.pub.pem"], "--max-lifetime", "7200")).ExitCode);
    }

    private async Task KeysAsync(string algorithm)
    {
        var run = await Tool.RunAsync("keys", "gen", "--alg", algorithm, "--out", _temp["k"]);
        Assert.True(run.ExitCode == 0, run.ToString());
    }

    private VerificationKey LoadPublicKey() => VerificationKey.ImportPem(File.ReadAllText(_temp["k/signing.pub.pem"]));

    private PassportVerifier RuntimeVerifier()
    {
        var trust = new TrustStore();
        trust.Add("travel-desk", LoadPublicKey());
        return new PassportVerifier(trust);
    }
}
