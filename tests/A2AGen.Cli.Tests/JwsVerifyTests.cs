using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using A2AGen.Cli.Tests.Infrastructure;
using A2AGen.Security;

namespace A2AGen.Cli.Tests;

/// <summary>
/// <c>a2agen jws verify</c> on tokens the runtime signs: JWTs, A2A-Signature request signatures with their body
/// hash, detached payloads — valid ones exit 0 with header and claims, each failed check exits 4 (3 when no trusted
/// key) naming the check.
/// </summary>
public sealed class JwsVerifyTests : IDisposable
{
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("""{"jsonrpc":"2.0","id":1,"method":"SendMessage","params":{"message":{"messageId":"m1","role":"ROLE_USER","parts":[{"text":"refund p-17"}]}}}""");

    private readonly TempDirectory _temp = new();
    private readonly SigningKey _billing = SigningKey.Create(SigningAlgorithm.Ed25519);
    private readonly SigningKey _ledger = SigningKey.Create(SigningAlgorithm.EcdsaP256Sha256);

    public JwsVerifyTests()
    {
        File.WriteAllText(_temp["billing.pub.pem"], _billing.PublicKey.ExportPem());
        Directory.CreateDirectory(_temp["trust"]);
        File.WriteAllText(_temp["trust/billing.jwks.json"], JsonWebKeySet.Create([_billing.PublicKey]).ToJson());
        File.WriteAllText(_temp["trust/ledger-agent.jwks.json"], JsonWebKeySet.Create([_ledger.PublicKey]).ToJson());
        File.WriteAllBytes(_temp["body.json"], Body);
    }

    [Fact]
    public async Task A_valid_jwt_prints_its_header_and_claims()
    {
        string token = Jwt(_billing, Claims("billing", "https://ledger.example.com/a2a"));

        var run = await Tool.RunAsync("jws", "verify", token, "--jwks", _temp["billing.pub.pem"]);

        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith($"Valid: EdDSA signature by key {_billing.PublicKey.Thumbprint} from --jwks", run.Output);
        Assert.Contains("\"iss\": \"billing\"", run.Output);
        Assert.Contains("\"alg\": \"EdDSA\"", run.Output);
        Assert.Contains("expires", run.Output);

        var json = await Tool.RunAsync("jws", "verify", token, "--jwks", _temp["billing.pub.pem"], "--json");
        Assert.True(json.Json.GetProperty("valid").GetBoolean());
        Assert.Equal("billing", json.Json.GetProperty("claims").GetProperty("iss").GetString());
        Assert.Equal("EdDSA", json.Json.GetProperty("header").GetProperty("alg").GetString());
    }

    [Fact]
    public async Task The_trust_folder_binds_keys_to_issuers()
    {
        var own = await Tool.RunAsync("jws", "verify", Jwt(_billing, Claims("billing", "x")), "--trust", _temp["trust"]);
        Assert.Equal(0, own.ExitCode);
        Assert.Contains("agent 'billing'", own.Output);

        // billing's key cannot speak for ledger-agent.
        var impersonation = await Tool.RunAsync("jws", "verify", Jwt(_billing, Claims("ledger-agent", "x")), "--trust", _temp["trust"], "--json");
        Assert.Equal(3, impersonation.ExitCode);
        Assert.Equal("KEY_NOT_FOUND", impersonation.Json.GetProperty("reason").GetString());

        // Keys given with --jwks for one agent (--agent-id) do not vouch for another issuer either.
        var explicitOwner = await Tool.RunAsync("jws", "verify", Jwt(_billing, Claims("ledger-agent", "x")), "--jwks", _temp["billing.pub.pem"], "--agent-id", "billing");
        Assert.Equal(3, explicitOwner.ExitCode);
    }

    [Theory]
    [InlineData("expired", "EXPIRED")]
    [InlineData("future", "ISSUED_IN_FUTURE")]
    [InlineData("audience", "AUDIENCE_MISMATCH")]
    [InlineData("issuer", "ISSUER_MISMATCH")]
    [InlineData("type", "TYPE_MISMATCH")]
    [InlineData("signature", "SIGNATURE_INVALID")]
    [InlineData("unknown-key", "KEY_NOT_FOUND")]
    public async Task Each_failed_check_is_named(string problem, string reason)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        string token = problem switch
        {
            "expired" => Jwt(_billing, Claims("billing", "x", iat: now - 600, exp: now - 60)),
            "future" => Jwt(_billing, Claims("billing", "x", iat: now + 600, exp: now + 660)),
            "signature" => Tamper(Jwt(_billing, Claims("billing", "x"))),
            _ => Jwt(_billing, Claims("billing", "https://ledger.example.com/a2a")),
        };
        string[] extra = problem switch
        {
            "audience" => ["--aud", "https://other.example.com/a2a"],
            "issuer" => ["--iss", "ledger-agent"],
            "type" => ["--typ", "a2a-passport+jws"],
            _ => [],
        };
        string jwks = problem == "unknown-key" ? _temp["trust/ledger-agent.jwks.json"] : _temp["billing.pub.pem"];

        var run = await Tool.RunAsync(["jws", "verify", token, "--jwks", jwks, "--json", .. extra]);

        Assert.Equal(reason == "KEY_NOT_FOUND" ? 3 : 4, run.ExitCode);
        Assert.Equal(reason, run.Json.GetProperty("reason").GetString());
        Assert.False(run.Json.GetProperty("valid").GetBoolean());
    }

    [Fact]
    public async Task A_matching_audience_and_issuer_pass()
    {
        string token = Jwt(_billing, Claims("billing", "https://ledger.example.com/a2a"));
        var run = await Tool.RunAsync("jws", "verify", token, "--jwks", _temp["billing.pub.pem"], "--aud", "https://ledger.example.com/a2a", "--iss", "billing", "--typ", "a2a-request+jwt");
        Assert.Equal(0, run.ExitCode);
    }

    [Fact]
    public async Task A_request_signature_binds_the_body_through_bh()
    {
        string token = Jwt(_ledger, Claims("ledger-agent", "https://billing.example.com/a2a", bodyHash: Hash(Body)));

        var matching = await Tool.RunAsync("jws", "verify", token, "--trust", _temp["trust"], "--body", _temp["body.json"], "--json");
        Assert.Equal(0, matching.ExitCode);
        Assert.True(matching.Json.GetProperty("bodyHashVerified").GetBoolean());

        File.WriteAllBytes(_temp["changed.json"], Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(Body).Replace("p-17", "p-18")));
        var changed = await Tool.RunAsync("jws", "verify", token, "--trust", _temp["trust"], "--body", _temp["changed.json"]);
        Assert.Equal(4, changed.ExitCode);
        Assert.StartsWith("Invalid (BODY_HASH_MISMATCH)", changed.Output);

        var unchecked_ = await Tool.RunAsync("jws", "verify", token, "--trust", _temp["trust"]);
        Assert.Equal(0, unchecked_.ExitCode);
        Assert.Contains("Body: not checked", unchecked_.Output);
    }

    [Fact]
    public async Task A_request_signature_needs_its_replay_and_time_claims_and_a_bh_for_a_body()
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        string withoutJti = Jwt(_ledger, new Dictionary<string, object> { ["iss"] = "ledger-agent", ["aud"] = "x", ["iat"] = now, ["exp"] = now + 60 });
        var run = await Tool.RunAsync("jws", "verify", withoutJti, "--trust", _temp["trust"], "--json");
        Assert.Equal(4, run.ExitCode);
        Assert.Equal("CLAIM_MISSING", run.Json.GetProperty("reason").GetString());

        string withoutBh = Jwt(_ledger, Claims("ledger-agent", "x"));
        var noHash = await Tool.RunAsync("jws", "verify", withoutBh, "--trust", _temp["trust"], "--body", _temp["body.json"], "--json");
        Assert.Equal(4, noHash.ExitCode);
        Assert.Equal("BODY_HASH_MISSING", noHash.Json.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task A_detached_payload_is_given_with_body()
    {
        string token = Jws.SignDetached(_billing, Body, new JwsSigningOptions { Type = "a2a-passport+jws" });

        var valid = await Tool.RunAsync("jws", "verify", token, "--jwks", _temp["billing.pub.pem"], "--body", _temp["body.json"], "--json");
        Assert.Equal(0, valid.ExitCode);
        Assert.True(valid.Json.GetProperty("detached").GetBoolean());
        Assert.Equal(Body.Length, valid.Json.GetProperty("payloadBytes").GetInt32());

        File.WriteAllBytes(_temp["other.json"], [.. Body, (byte)' ']);
        var changed = await Tool.RunAsync("jws", "verify", token, "--jwks", _temp["billing.pub.pem"], "--body", _temp["other.json"]);
        Assert.Equal(4, changed.ExitCode);
        Assert.StartsWith("Invalid (SIGNATURE_INVALID)", changed.Output);

        var missing = await Tool.RunAsync("jws", "verify", token, "--jwks", _temp["billing.pub.pem"]);
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("--body", Tool.SingleErrorLine(missing));
    }

    [Fact]
    public async Task Refuses_alg_none_hmac_and_keys_carried_in_the_token()
    {
        string payload = Base64Url(Encoding.UTF8.GetBytes("{\"iss\":\"billing\"}"));
        string none = $"{Base64Url("{\"alg\":\"none\",\"kid\":\"k\"}"u8.ToArray())}.{payload}.c2ln";
        string hmac = $"{Base64Url("{\"alg\":\"HS256\",\"kid\":\"k\"}"u8.ToArray())}.{payload}.{Base64Url(new byte[32])}";

        foreach (string token in new[] { none, hmac })
        {
            var run = await Tool.RunAsync("jws", "verify", token, "--jwks", _temp["billing.pub.pem"], "--json");
            Assert.Equal(4, run.ExitCode);
            Assert.Equal("ALGORITHM_NOT_ALLOWED", run.Json.GetProperty("reason").GetString());
        }

        // A token that brings its own key (jwk header) is still checked against the trusted keys only.
        using var attacker = SigningKey.Create(SigningAlgorithm.Ed25519);
        string embedded = Jws.Sign(attacker, Encoding.UTF8.GetBytes("{\"iss\":\"billing\"}"), new JwsSigningOptions
        {
            KeyId = _billing.PublicKey.Thumbprint,
            WriteAdditionalParameters = writer =>
            {
                writer.WritePropertyName("jwk");
                JsonWebKey.FromPublicKey(attacker.PublicKey).WriteTo(writer);
            },
        });
        var forged = await Tool.RunAsync("jws", "verify", embedded, "--jwks", _temp["billing.pub.pem"], "--json");
        Assert.Equal(4, forged.ExitCode);
        Assert.Equal("SIGNATURE_INVALID", forged.Json.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task Reads_the_token_from_a_file_standard_input_or_a_pasted_header()
    {
        string token = Jwt(_billing, Claims("billing", "x"));
        File.WriteAllText(_temp["token.txt"], token + "\n");

        Assert.Equal(0, (await Tool.RunAsync("jws", "verify", "@" + _temp["token.txt"], "--jwks", _temp["billing.pub.pem"])).ExitCode);
        Assert.Equal(0, (await Tool.RunAsync(["jws", "verify", "-", "--jwks", _temp["billing.pub.pem"]], new Dictionary<string, string>(), Tool.Utf8(token))).ExitCode);
        Assert.Equal(0, (await Tool.RunAsync("jws", "verify", "A2A-Signature: " + token, "--jwks", _temp["billing.pub.pem"])).ExitCode);

        var missing = await Tool.RunAsync("jws", "verify", "@" + _temp["nope.txt"], "--jwks", _temp["billing.pub.pem"]);
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("does not exist", Tool.SingleErrorLine(missing));

        var malformed = await Tool.RunAsync("jws", "verify", "not.a-token", "--jwks", _temp["billing.pub.pem"]);
        Assert.Equal(4, malformed.ExitCode);
        Assert.StartsWith("Invalid (MALFORMED_TOKEN)", malformed.Output);
    }

    [Fact]
    public async Task A_plain_payload_is_printed()
    {
        string token = Jws.Sign(_billing, "hello, agents"u8);
        var run = await Tool.RunAsync("jws", "verify", token, "--jwks", _temp["billing.pub.pem"], "--json");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("hello, agents", run.Json.GetProperty("payload").GetString());
    }

    public void Dispose()
    {
        _billing.Dispose();
        _ledger.Dispose();
        _temp.Dispose();
    }

    internal static Dictionary<string, object> Claims(string issuer, string audience, long? iat = null, long? exp = null, string? bodyHash = null)
    {
        long now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var claims = new Dictionary<string, object>
        {
            ["iss"] = issuer,
            ["aud"] = audience,
            ["iat"] = iat ?? now,
            ["exp"] = exp ?? now + 60,
            ["jti"] = Guid.NewGuid().ToString("N"),
            ["htm"] = "POST",
            ["htu"] = audience,
        };
        if (bodyHash is not null)
        {
            claims["bh"] = bodyHash;
        }

        return claims;
    }

    internal static string Jwt(SigningKey key, Dictionary<string, object> claims) =>
        Jws.Sign(key, JsonSerializer.SerializeToUtf8Bytes(claims), new JwsSigningOptions { Type = "a2a-request+jwt" });

    internal static string Hash(byte[] body) => Base64Url(SHA256.HashData(body));

    private static string Base64Url(byte[] bytes) => System.Buffers.Text.Base64Url.EncodeToString(bytes);

    private static string Tamper(string token)
    {
        string[] parts = token.Split('.');
        var claims = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(System.Buffers.Text.Base64Url.DecodeFromChars(parts[1]))!;
        claims["iss"] = JsonSerializer.SerializeToElement("billing2");
        return $"{parts[0]}.{Base64Url(JsonSerializer.SerializeToUtf8Bytes(claims))}.{parts[2]}";
    }
}
