using System.Net;
using System.Net.Sockets;
using System.Text;
using A2AGen.Cli.Tests.Agents;
using A2AGen.Cli.Tests.Infrastructure;
using A2AGen.Security;

namespace A2AGen.Cli.Tests;

/// <summary>
/// <c>card show</c> and <c>card verify</c> against real servers on Kestrel 127.0.0.1: the generated agent itself, a
/// signed card with its JWK Set, and peers that are down, slow, huge or answer garbage.
/// </summary>
public sealed class CardUrlTests : IClassFixture<AgentHost>, IDisposable
{
    private readonly AgentHost _host;
    private readonly SigningKey _key = SigningKey.Create(SigningAlgorithm.Ed25519);

    public CardUrlTests(AgentHost host)
    {
        _host = host;
    }

    [Fact]
    public async Task Shows_the_hosted_agents_card_with_its_privilege_hints()
    {
        var run = await Tool.RunAsync(["card", "show", _host.AgentUrl.ToString()], new Dictionary<string, string>());

        Assert.Equal(0, run.ExitCode);
        string text = run.Output;
        Assert.StartsWith("Ledger Agent 2.1.0", text);
        Assert.Contains($"JSONRPC 1.0  {_host.AgentUrl}", text);
        Assert.Contains($"source         {_host.AgentUrl}/.well-known/agent-card.json", text);
        Assert.Contains("oauth        OAuth 2.0: client credentials (scopes payments:write)", text);
        Assert.Contains("Secure Passport", text);
        Assert.Contains("supportedStateKeys: account_id, access_scope", text);
        Assert.Contains("refund-payment  \"Refund payment\": Refunds a payment.", text);
        Assert.Contains("requires oauth (scopes payments:write)", text);
        Assert.Contains("privileged by name ('refund')", text);
        Assert.Contains("expect it to require a signed request and a signed passport", text);
        Assert.Contains("\nVerification\n  Unverified (JKU_NOT_ALLOWED)", text);
        Assert.Contains("jku=" + _host.AgentUrl + "/.well-known/jwks.json", text);
    }

    [Fact]
    public async Task The_hosted_agents_signed_card_verifies_with_the_key_the_cli_made()
    {
        string agent = _host.AgentUrl.ToString();
        string kid = (await Tool.RunAsync("keys", "show", "--dir", Path.Combine(_host.HostKeys, AgentHost.AgentId), "--json")).Json.GetProperty("signingKey").GetProperty("kid").GetString()!;

        // The agent's own JWK Set, fetched from the agent URL (the well-known path is appended).
        var fromJwks = await Tool.RunAsync("card", "verify", agent, "--jwks", agent, "--json");
        Assert.Equal(0, fromJwks.ExitCode);
        Assert.Equal(kid, fromJwks.Json.GetProperty("kid").GetString());

        // A trust folder made with 'keys show --as-jwks', bound to the agent id.
        var fromTrust = await Tool.RunAsync("card", "verify", agent, "--trust", _host.AgentTrust, "--agent-id", AgentHost.AgentId);
        Assert.Equal(0, fromTrust.ExitCode);
        Assert.Contains("agent 'ledger-agent'", fromTrust.Output);

        // Nothing trusted: the card's jku is only a hint, followed for an allow-listed origin.
        var nothingTrusted = new Dictionary<string, string> { ["A2AGEN_KEYS_DIR"] = "/nonexistent-a2agen-keys" };
        var unverified = await Tool.RunAsync(["card", "verify", agent, "--json"], nothingTrusted);
        Assert.Equal(3, unverified.ExitCode);
        Assert.Equal("JKU_NOT_ALLOWED", unverified.Json.GetProperty("reason").GetString());
        var viaJku = await Tool.RunAsync(["card", "verify", agent, "--allow-jku", _host.BaseAddress.GetLeftPart(UriPartial.Authority), "--json"], nothingTrusted);
        Assert.Equal(0, viaJku.ExitCode);
        Assert.Equal("jku", viaJku.Json.GetProperty("keySource").GetString());

        // Another agent's keys do not verify it.
        var wrongKeys = await Tool.RunAsync("card", "verify", agent, "--jwks", Path.Combine(_host.CallerKeys, "signing.pub.pem"));
        Assert.Equal(3, wrongKeys.ExitCode);
    }

    [Fact]
    public async Task Json_summary_of_the_hosted_card_parses_and_carries_the_card_as_served()
    {
        var run = await Tool.RunAsync("card", "show", _host.AgentUrl.ToString(), "--json");

        Assert.Equal(0, run.ExitCode);
        var json = run.Json;
        Assert.Equal("Ledger Agent", json.GetProperty("name").GetString());
        Assert.Equal("Ledger Agent", json.GetProperty("card").GetProperty("name").GetString());
        var refund = json.GetProperty("skills").EnumerateArray().Single(s => s.GetProperty("id").GetString() == "refund-payment");
        Assert.Contains(refund.GetProperty("privilegeHints").EnumerateArray(), h => h.GetString()!.Contains("payments:write"));
        var balance = json.GetProperty("skills").EnumerateArray().Single(s => s.GetProperty("id").GetString() == "balance");
        Assert.Empty(balance.GetProperty("privilegeHints").EnumerateArray());
        Assert.Contains(json.GetProperty("verification").GetProperty("status").GetString(), new[] { "Verified", "Unverified" });
    }

    [Fact]
    public async Task Verifies_a_served_signed_card_with_the_jwk_set_at_the_agents_url()
    {
        _host.Serve("/signed/.well-known/agent-card.json", AgentCardSigner.CreateSignedCardJson(LedgerAgent.CardJson, [_key]));
        _host.Serve("/signed/.well-known/jwks.json", JsonWebKeySet.Create([_key.PublicKey]).ToUtf8Json());
        string agent = new Uri(_host.BaseAddress, "/signed").ToString();

        var verified = await Tool.RunAsync("card", "verify", agent, "--jwks", agent, "--json");
        Assert.Equal(0, verified.ExitCode);
        Assert.Equal(_key.PublicKey.Thumbprint, verified.Json.GetProperty("kid").GetString());
        Assert.Equal($"{agent}/.well-known/agent-card.json", verified.Json.GetProperty("source").GetString());

        var shown = await Tool.RunAsync("card", "show", agent, "--jwks", $"{agent}/.well-known/jwks.json");
        Assert.Equal(0, shown.ExitCode);
        Assert.Contains("Verification\n  Verified: signature 0", shown.Output);
    }

    [Fact]
    public async Task Follows_jku_only_to_an_allow_listed_origin()
    {
        var jwks = _host.Serve("/jku/jwks.json", JsonWebKeySet.Create([_key.PublicKey]).ToUtf8Json());
        var card = _host.Serve("/jku/card.json", AgentCardSigner.CreateSignedCardJson(LedgerAgent.CardJson, [_key], new AgentCardSigningOptions { JwkSetUrl = jwks.ToString() }));
        var nothingTrusted = new Dictionary<string, string> { ["A2AGEN_KEYS_DIR"] = "/nonexistent-a2agen-keys" };

        var refused = await Tool.RunAsync(["card", "verify", card.ToString(), "--json"], nothingTrusted);
        Assert.Equal(3, refused.ExitCode);
        Assert.Equal("JKU_NOT_ALLOWED", refused.Json.GetProperty("reason").GetString());

        var allowed = await Tool.RunAsync(["card", "verify", card.ToString(), "--allow-jku", _host.BaseAddress.GetLeftPart(UriPartial.Authority), "--json"], nothingTrusted);
        Assert.Equal(0, allowed.ExitCode);
        Assert.Equal("jku", allowed.Json.GetProperty("keySource").GetString());
    }

    [Fact]
    public async Task A_tampered_served_card_is_invalid_and_show_says_so_on_one_line()
    {
        string signed = Encoding.UTF8.GetString(AgentCardSigner.CreateSignedCardJson(LedgerAgent.CardJson, [_key]));
        var card = _host.Serve("/tampered/.well-known/agent-card.json", Encoding.UTF8.GetBytes(signed.Replace("2.1.0", "2.1.1")));
        var jwks = _host.Serve("/tampered/.well-known/jwks.json", JsonWebKeySet.Create([_key.PublicKey]).ToUtf8Json());

        var show = await Tool.RunAsync("card", "show", card.ToString(), "--jwks", jwks.ToString());
        Assert.Equal(4, show.ExitCode);
        Assert.Contains("Ledger Agent 2.1.1", show.Output);
        Assert.Contains("signature is invalid (SIGNATURE_INVALID)", Tool.SingleErrorLine(show));

        var verify = await Tool.RunAsync("card", "verify", card.ToString(), "--jwks", jwks.ToString());
        Assert.Equal(4, verify.ExitCode);
    }

    [Fact]
    public async Task A_peer_answering_garbage_or_an_error_is_one_line()
    {
        var html = _host.Serve("/garbage/.well-known/agent-card.json", "<html>It works!</html>"u8.ToArray(), "text/html");
        var notACard = _host.Serve("/other/.well-known/agent-card.json", "{\"hello\":\"world\"}"u8.ToArray());
        var badJwks = _host.Serve("/bad-jwks.json", "{\"keys\":[{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo\",\"d\":\"nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A\"}]}"u8.ToArray());
        _host.Serve("/down/.well-known/agent-card.json", "{\"error\":\"maintenance\"}"u8.ToArray(), status: 503);
        var signed = _host.Serve("/ok/card.json", AgentCardSigner.CreateSignedCardJson(LedgerAgent.CardJson, [_key]));

        var cases = new (string[] Args, string Code, string Message)[]
        {
            (["card", "show", new Uri(_host.BaseAddress, "/garbage").ToString()], "CARD_INVALID", "is not valid A2A 1.0 JSON"),
            (["card", "verify", new Uri(_host.BaseAddress, "/other").ToString()], "CARD_INVALID", "lacks required fields"),
            (["card", "verify", new Uri(_host.BaseAddress, "/down").ToString()], "CARD_UNAVAILABLE", "answered HTTP 503"),
            (["card", "verify", new Uri(_host.BaseAddress, "/missing").ToString()], "CARD_UNAVAILABLE", "answered HTTP 404"),
            (["card", "verify", signed.ToString(), "--jwks", html.ToString()], "INVALID_JWKS", "did not answer with a public JWK Set"),
            (["card", "verify", signed.ToString(), "--jwks", badJwks.ToString()], "INVALID_JWKS", "private member 'd'"),
            (["card", "verify", signed.ToString(), "--jwks", new Uri(_host.BaseAddress, "/nothing-here").ToString()], "HTTP_ERROR", "answered HTTP 404"),
        };
        foreach (var (args, code, message) in cases)
        {
            var run = await Tool.RunAsync([.. args, "--json"]);
            Assert.True(run.ExitCode == 1, $"{string.Join(' ', args)}:\n{run}");
            Assert.Contains(message, Tool.SingleErrorLine(run));
            Assert.Equal(code, run.Json.GetProperty("error").GetProperty("code").GetString());
        }

        Assert.DoesNotContain("nWGxne", (await Tool.RunAsync("card", "verify", signed.ToString(), "--jwks", badJwks.ToString())).Error);
    }

    [Fact]
    public async Task A_peer_that_is_down_is_one_line_saying_what_to_check()
    {
        int port;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        var run = await Tool.RunAsync("card", "show", $"http://127.0.0.1:{port}/agents/ledger");

        Assert.Equal(1, run.ExitCode);
        string line = Tool.SingleErrorLine(run);
        Assert.Contains($"http://127.0.0.1:{port}/agents/ledger/.well-known/agent-card.json", line);
        Assert.Contains("Check the URL and that the agent is running", line);
    }

    [Fact]
    public async Task A_slow_peer_hits_the_timeout()
    {
        var slow = _host.Serve("/slow/card.json", LedgerAgent.CardJson.ToArray(), delay: TimeSpan.FromSeconds(20));
        var started = System.Diagnostics.Stopwatch.StartNew(); // elapsed time on the monotonic clock, never the date

        var run = await Tool.RunAsync("card", "show", slow.ToString(), "--timeout", "0.5", "--json");

        Assert.Equal(1, run.ExitCode);
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(10));
        Assert.Contains("did not answer within 0.5 s", Tool.SingleErrorLine(run));
        Assert.Equal("URL_TIMEOUT", run.Json.GetProperty("error").GetProperty("code").GetString());
    }

    [Fact]
    public async Task An_oversized_card_or_jwk_set_is_refused()
    {
        var huge = _host.Serve("/huge/card.json", Encoding.UTF8.GetBytes("{\"name\":\"" + new string('x', 2 * 1024 * 1024) + "\"}"));
        var hugeJwks = _host.Serve("/huge/jwks.json", Encoding.UTF8.GetBytes("{\"keys\":[],\"pad\":\"" + new string('x', 100 * 1024) + "\"}"));
        var signed = _host.Serve("/ok2/card.json", AgentCardSigner.CreateSignedCardJson(LedgerAgent.CardJson, [_key]));

        var card = await Tool.RunAsync("card", "show", huge.ToString());
        Assert.Equal(1, card.ExitCode);
        Assert.Contains("larger than", Tool.SingleErrorLine(card));

        var jwks = await Tool.RunAsync("card", "verify", signed.ToString(), "--jwks", hugeJwks.ToString());
        Assert.Equal(1, jwks.ExitCode);
        Assert.Contains("larger than 64 KiB", Tool.SingleErrorLine(jwks));
    }

    public void Dispose() => _key.Dispose();
}
