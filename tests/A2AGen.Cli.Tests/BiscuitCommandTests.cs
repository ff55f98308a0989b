using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using A2AGen.Biscuit;
using A2AGen.Biscuit.Crypto;
using A2AGen.Cli.Tests.Infrastructure;
using A2AGen.Tests.Shared;

namespace A2AGen.Cli.Tests;

/// <summary>
/// <c>a2agen biscuit mint / attenuate / verify / inspect</c>: keys as PEM (made by openssl), JWK and Biscuit text; exit
/// 0 allowed, 4 refused with the reason, 2 bad input; tokens exchanged with <c>@biscuit-auth/biscuit-wasm</c>.
/// </summary>
public sealed class BiscuitCommandTests
{
    private const string Authorizer = "agent(\"finance\"); allow if right(\"budget\", \"approve\");";

    private static async Task<string> Mint(string key, string datalog = "right(\"budget\", \"approve\");")
    {
        var run = await Tool.RunAsync("biscuit", "mint", "--key", key, "--datalog", datalog);
        Assert.True(run.ExitCode == 0, run.ToString());
        return run.Output.Trim();
    }

    [Fact]
    public async Task Openssl_Ed25519_PEM_keys_mint_attenuate_and_verify()
    {
        using var dir = new TempDirectory();
        await Processes.OpenSslAsync("genpkey", "-algorithm", "ed25519", "-out", dir["root.pem"]);
        await Processes.OpenSslAsync("pkey", "-in", dir["root.pem"], "-pubout", "-out", dir["root.pub.pem"]);
        var token = await Mint(dir["root.pem"]);

        var allowed = await Tool.RunAsync("biscuit", "verify", token, "--root-key", dir["root.pub.pem"], "--authorizer", Authorizer);
        Assert.Equal(0, allowed.ExitCode);
        Assert.Contains("allowed by policy 0", allowed.Output, StringComparison.Ordinal);

        var attenuated = await Tool.RunAsync("biscuit", "attenuate", token, "--datalog", "check if agent(\"travel\");");
        Assert.Equal(0, attenuated.ExitCode);
        var refused = await Tool.RunAsync("biscuit", "verify", attenuated.Output.Trim(), "--root-key", dir["root.pub.pem"], "--authorizer", Authorizer);
        Assert.Equal(4, refused.ExitCode);
        Assert.Equal("a2agen: not authorized: check 0 of block 1 failed: check if agent(\"travel\")", Tool.SingleErrorLine(refused));
    }

    [Fact]
    public async Task P256_JWK_keys_mint_and_verify_and_the_public_JWK_is_enough()
    {
        using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var p = ec.ExportParameters(true);
        static string B64(byte[] b) => Convert.ToBase64String(b).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var publicJwk = $$"""{"kty":"EC","crv":"P-256","x":"{{B64(p.Q.X!)}}","y":"{{B64(p.Q.Y!)}}"}""";
        var privateJwk = publicJwk.TrimEnd('}') + $$""","d":"{{B64(p.D!)}}"}""";
        var token = await Mint(privateJwk);
        var run = await Tool.RunAsync("biscuit", "verify", token, "--root-key", publicJwk, "--authorizer", Authorizer);
        Assert.Equal(0, run.ExitCode);
        var inspect = await Tool.RunAsync("biscuit", "inspect", token, "--root-key", publicJwk);
        Assert.Equal(0, inspect.ExitCode);
        Assert.Contains("verified with secp256r1/", inspect.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Biscuit_text_keys_work_and_a_token_under_another_root_is_refused()
    {
        using var root = BiscuitKeyPair.Create();
        using var other = BiscuitKeyPair.Create();
        var token = await Mint("ed25519-private/" + Convert.ToHexStringLower(root.ExportPrivateKey()));
        Assert.Equal(0, (await Tool.RunAsync("biscuit", "verify", token, "--root-key", root.PublicKey.ToString(), "--authorizer", Authorizer)).ExitCode);
        var wrong = await Tool.RunAsync("biscuit", "verify", token, "--root-key", other.PublicKey.ToString(), "--authorizer", Authorizer);
        Assert.Equal(4, wrong.ExitCode);
        Assert.Contains("signatures do not verify", Tool.SingleErrorLine(wrong), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_input_exits_2_with_one_line()
    {
        using var root = BiscuitKeyPair.Create();
        var token = BiscuitToken.Create(root, "right(\"budget\", \"approve\");").ToBase64();
        var badAuthorizer = await Tool.RunAsync("biscuit", "verify", token, "--root-key", root.PublicKey.ToString(), "--authorizer", "allow if right(;");
        Assert.Equal(2, badAuthorizer.ExitCode);
        Assert.Equal("a2agen: --authorizer: invalid Datalog at line 1, column 16: expected a term", Tool.SingleErrorLine(badAuthorizer));
        var badKey = await Tool.RunAsync("biscuit", "verify", token, "--root-key", "ed25519/zz", "--authorizer", Authorizer);
        Assert.Equal(2, badKey.ExitCode);
        Tool.AssertNoStackTrace(badKey);
        var badBlock = await Tool.RunAsync("biscuit", "attenuate", token, "--datalog", "allow if true;");
        Assert.Equal(2, badBlock.ExitCode);
        var notAToken = await Tool.RunAsync("biscuit", "inspect", "%%%");
        Assert.Equal(2, notAToken.ExitCode);
    }

    [Fact]
    public async Task A_sealed_token_cannot_be_attenuated()
    {
        using var root = BiscuitKeyPair.Create();
        var sealedToken = BiscuitToken.Create(root, "right(\"budget\", \"approve\");").Seal().ToBase64();
        var run = await Tool.RunAsync("biscuit", "attenuate", sealedToken, "--datalog", "check if agent(\"x\");");
        Assert.Equal(2, run.ExitCode);
        Assert.Equal("a2agen: the token is sealed: it cannot be attenuated", Tool.SingleErrorLine(run));
    }

    [Fact]
    public async Task A_revoked_id_and_an_expired_time_are_refused_with_4()
    {
        using var root = BiscuitKeyPair.Create();
        var token = BiscuitToken.Create(root, "right(\"budget\", \"approve\");").Attenuate("check if time($t), $t <= 2030-01-01T00:00:00Z;");
        var wire = token.ToBase64();
        var key = root.PublicKey.ToString();
        Assert.Equal(0, (await Tool.RunAsync("biscuit", "verify", wire, "--root-key", key, "--authorizer", Authorizer, "--time", "2029-12-31T00:00:00Z")).ExitCode);
        var late = await Tool.RunAsync("biscuit", "verify", wire, "--root-key", key, "--authorizer", Authorizer, "--time", "2030-01-02T00:00:00Z");
        Assert.Equal(4, late.ExitCode);
        Assert.Contains("check if time($t), $t <= 2030-01-01T00:00:00Z", Tool.SingleErrorLine(late), StringComparison.Ordinal);
        var revoked = await Tool.RunAsync("biscuit", "verify", wire, "--root-key", key, "--authorizer", Authorizer, "--time", "2029-12-31T00:00:00Z", "--revoked", token.RevocationIdsHex[1]);
        Assert.Equal(4, revoked.ExitCode);
        Assert.Contains("revoked", Tool.SingleErrorLine(revoked), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Inspect_prints_blocks_and_revocation_ids_in_json()
    {
        using var root = BiscuitKeyPair.Create();
        var token = BiscuitToken.Create(root, "right(\"budget\", \"approve\");").Attenuate("check if agent(\"finance\");");
        var run = await Tool.RunAsync("--json", "biscuit", "inspect", token.ToBase64());
        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Output);
        var blocks = json.RootElement.GetProperty("blocks");
        Assert.Equal("right(\"budget\", \"approve\");", blocks[0].GetProperty("datalog").GetString());
        Assert.Equal("check if agent(\"finance\");", blocks[1].GetProperty("datalog").GetString());
        Assert.Equal(token.RevocationIdsHex[1], blocks[1].GetProperty("revocationId").GetString());
        Assert.False(json.RootElement.GetProperty("verified").GetBoolean());
    }

    [Fact]
    public async Task Tokens_of_biscuit_wasm_verify_here_and_our_attenuation_is_enforced_there()
    {
        using var root = BiscuitKeyPair.Create();
        var publicHex = Convert.ToHexStringLower(root.PublicKey.Bytes);
        var minted = await Peer(new JsonObject
        {
            ["op"] = "mint",
            ["algorithm"] = "ed25519",
            ["rootPrivateKey"] = Convert.ToHexStringLower(root.ExportPrivateKey()),
            ["authority"] = "right(\"budget\", \"approve\");",
            ["blocks"] = new JsonArray("check if agent(\"finance\");"),
        });
        var theirs = minted["token"]!.GetValue<string>();
        Assert.Equal(0, (await Tool.RunAsync("biscuit", "verify", theirs, "--root-key", "ed25519/" + publicHex, "--authorizer", Authorizer)).ExitCode);

        var ours = (await Tool.RunAsync("biscuit", "attenuate", theirs, "--datalog", "check if skill(\"budget-approve\");")).Output.Trim();
        var refused = await Peer(new JsonObject { ["op"] = "authorize", ["token"] = ours, ["algorithm"] = "ed25519", ["rootPublicKey"] = publicHex, ["authorizer"] = Authorizer });
        Assert.NotNull(refused["error"]);
        var allowed = await Peer(new JsonObject { ["op"] = "authorize", ["token"] = ours, ["algorithm"] = "ed25519", ["rootPublicKey"] = publicHex, ["authorizer"] = "skill(\"budget-approve\"); " + Authorizer });
        Assert.Null(allowed["error"]);
    }

    private static async Task<JsonObject> Peer(JsonObject operation)
    {
        var directory = InteropPackages.EnsureInstalled();
        var run = await Processes.RunAsync("node", ["--experimental-wasm-modules", "--no-warnings", "biscuit-peer.mjs"], directory,
            standardInput: System.Text.Encoding.UTF8.GetBytes(new JsonArray(operation).ToJsonString()));
        Assert.True(run.ExitCode == 0, run.ToString());
        return JsonNode.Parse(run.Output.TrimEnd().Split('\n')[^1])!.AsArray()[0]!.AsObject();
    }
}
