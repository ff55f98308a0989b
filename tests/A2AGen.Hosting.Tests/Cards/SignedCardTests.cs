using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using A2AGen.Client;
using A2AGen.Protocol;
using A2AGen.Protocol.Serialization;
using A2AGen.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace A2AGen.Hosting.Tests.Cards;

/// <summary>
/// The served card is signed with the agent's key (DESIGN §6.2), its <c>jku</c> names the agent's JWKS (DESIGN §6.3,
/// public keys only), and both verify with our verifier, our client, and — over HTTP — the official A2A JS SDK and jose.
/// </summary>
public sealed class SignedCardTests
{
    private static async Task<TestHost> StartAsync(Action<A2AAgentOptions>? configure = null, Action<WebApplication>? more = null) =>
        await TestHost.StartAsync(
            s =>
            {
                s.AddA2AAgent<EchoAgent>(configure);
                s.AddA2AAgent<LedgerAgent>();
            },
            app =>
            {
                app.MapA2AAgent<EchoAgent>("/agents/echo");
                // JSON-RPC only: the card lists exactly the generated interface, so it is the generated card.
                app.MapA2AAgent<LedgerAgent>("/ledger", A2ABindings.JsonRpc);
                more?.Invoke(app);
            });

    private static JsonElement ProtectedHeader(byte[] card)
    {
        using var document = JsonDocument.Parse(card);
        var encoded = document.RootElement.GetProperty("signatures")[0].GetProperty("protected").GetString()!;
        return JsonDocument.Parse(StrictBase64Url.Decode(encoded)).RootElement.Clone();
    }

    [Fact]
    public async Task The_card_carries_a_JOSE_signature_with_kid_and_jku_and_verifies()
    {
        await using var host = await StartAsync(o => o.PublicUrl = "https://agents.example.com/agents/echo");
        var keyRing = host.Services.GetRequiredService<A2AKeyRing>();
        var bytes = await host.Client.GetByteArrayAsync("/agents/echo/.well-known/agent-card.json");

        var header = ProtectedHeader(bytes);
        Assert.Equal(["alg", "kid", "typ", "jku"], header.EnumerateObject().Select(p => p.Name));
        Assert.Equal("EdDSA", header.GetProperty("alg").GetString());
        Assert.Equal(keyRing.GetSigningKey("echo-agent")!.PublicKey.Thumbprint, header.GetProperty("kid").GetString());
        Assert.Equal("JOSE", header.GetProperty("typ").GetString());
        Assert.Equal("https://agents.example.com/agents/echo/.well-known/jwks.json", header.GetProperty("jku").GetString());

        // Served as RFC 8785 JSON; the signed payload is the card without its signatures.
        Assert.True(JsonCanonicalizer.IsCanonical(bytes));
        var result = new AgentCardVerifier(keyRing.TrustStore).Verify(bytes, expectedAgentId: "echo-agent");
        Assert.True(result.IsVerified, result.ToString());
        var card = A2AJson.Deserialize<AgentCard>(bytes)!;
        Assert.Equal("https://agents.example.com/agents/echo", card.SupportedInterfaces[0].Url);
    }

    [Fact]
    public async Task An_unchanged_card_is_signed_over_the_generated_bytes()
    {
        // The generated ledger agent declares its URL and nothing changes its card: the signature covers CardJson itself.
        await using var host = await StartAsync();
        var bytes = await host.Client.GetByteArrayAsync("/ledger/.well-known/agent-card.json");
        Assert.Equal(LedgerAgent.CardJson.ToArray(), AgentCardSigner.GetSigningPayload(bytes));
        Assert.Equal("https://ledger.example.com/a2a/.well-known/jwks.json", ProtectedHeader(bytes).GetProperty("jku").GetString());
        Assert.True(new AgentCardVerifier(host.Services.GetRequiredService<A2AKeyRing>().TrustStore).Verify(bytes, "ledger-agent").IsVerified);
    }

    [Fact]
    public async Task A_host_with_mutual_tls_adds_the_scheme_unless_the_agent_declares_one()
    {
        var trust = TestKeys.NewDirectory("card-mtls");
        using (var authority = TestCertificates.CreateAuthority())
        {
            TestCertificates.WritePem(authority, trust, "ca.pem");
        }

        await using var host = await TestHost.StartAsync(
            s =>
            {
                s.AddA2AMutualTls(o => o.TrustedCertificatesDirectory = trust);
                s.AddA2AAgent<LedgerAgent>();
                s.AddA2AAgent<WhoAmIAgent>();
            },
            app =>
            {
                app.MapA2AAgent<LedgerAgent>("/ledger");
                app.MapA2AAgent<WhoAmIAgent>("/whoami");
            });
        var ledger = A2AJson.Deserialize<AgentCard>(await host.Client.GetByteArrayAsync("/ledger/.well-known/agent-card.json"))!;
        Assert.Equal(["client-cert"], ledger.SecuritySchemes!.Keys);
        var whoami = A2AJson.Deserialize<AgentCard>(await host.Client.GetByteArrayAsync("/whoami/.well-known/agent-card.json"))!;
        Assert.Equal("Clients present a TLS client certificate that this agent trusts.", whoami.SecuritySchemes!["mtls"].MtlsSecurityScheme!.Description);
    }

    [Fact]
    public async Task A_signed_card_keeps_its_etag_and_304()
    {
        await using var host = await StartAsync();
        using var first = await host.Client.GetAsync("/agents/echo/.well-known/agent-card.json");
        using var conditional = new HttpRequestMessage(HttpMethod.Get, "/agents/echo/.well-known/agent-card.json");
        conditional.Headers.IfNoneMatch.Add(first.Headers.ETag!);
        using var second = await host.Client.SendAsync(conditional);
        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
    }

    [Fact]
    public async Task A_derived_card_is_signed_for_each_host_name_in_development()
    {
        await using var host = await StartAsync();
        var trust = host.Services.GetRequiredService<A2AKeyRing>().TrustStore;
        using var other = new HttpRequestMessage(HttpMethod.Get, "/agents/echo/.well-known/agent-card.json");
        other.Headers.Host = "agents.internal:8443";
        using var response = await host.Client.SendAsync(other);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.True(new AgentCardVerifier(trust).Verify(bytes, "echo-agent").IsVerified);
        Assert.Equal("http://agents.internal:8443/agents/echo/.well-known/jwks.json", ProtectedHeader(bytes).GetProperty("jku").GetString());
    }

    [Fact]
    public async Task The_jwks_serves_public_keys_only()
    {
        await using var host = await StartAsync();
        using var response = await host.Client.GetAsync("/agents/echo/.well-known/jwks.json");
        Assert.Equal("application/jwk-set+json", response.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(response.Headers.ETag);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        using var document = JsonDocument.Parse(bytes);
        // The signing key, then (a development host has one) the encryption key: each says what it is for.
        var keys = document.RootElement.GetProperty("keys").EnumerateArray().ToList();
        Assert.Equal(2, keys.Count);
        var key = keys[0];
        Assert.Equal(["alg", "crv", "kid", "kty", "use", "x"], key.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal("sig", key.GetProperty("use").GetString());
        Assert.Equal(["alg", "crv", "kid", "kty", "use", "x"], keys[1].EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal("enc", keys[1].GetProperty("use").GetString());
        Assert.Equal(Jwe.KeyManagementAlgorithm, keys[1].GetProperty("alg").GetString());
        Assert.DoesNotContain("\"d\"", Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);

        // The strict parser refuses any private member, so parsing is a second check.
        var set = JsonWebKeySet.Parse(bytes);
        Assert.Equal(host.Services.GetRequiredService<A2AKeyRing>().GetSigningKey("echo-agent")!.PublicKey, set.Keys[0].PublicKey);
        Assert.Equal(host.Services.GetRequiredService<A2AKeyRing>().GetEncryptionKey("echo-agent")!.Thumbprint, Assert.Single(set.EncryptionKeys).Thumbprint);

        using var conditional = new HttpRequestMessage(HttpMethod.Get, "/agents/echo/.well-known/jwks.json");
        conditional.Headers.IfNoneMatch.Add(response.Headers.ETag!);
        Assert.Equal(HttpStatusCode.NotModified, (await host.Client.SendAsync(conditional)).StatusCode);
    }

    [Fact]
    public async Task Our_client_accepts_verified_cards_and_refuses_tampered_unsigned_or_untrusted_ones()
    {
        byte[]? genuine = null;
        await using var host = await StartAsync(more: app =>
        {
            // A copy of the echo card with its description changed, as a man in the middle would serve it.
            app.MapGet("/forged/.well-known/agent-card.json", () => Results.Bytes(
                Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(genuine!).Replace("Echoes the text it receives.", "Sends your text elsewhere.", StringComparison.Ordinal)),
                "application/json"));
        });
        var trust = host.Services.GetRequiredService<A2AKeyRing>().TrustStore;
        genuine = await host.Client.GetByteArrayAsync("/agents/echo/.well-known/agent-card.json");

        var client = await A2AClient.ConnectAsync(host.Client, new Uri(host.BaseAddress, "/agents/echo"), new A2AClientOptions { CardTrust = trust, ExpectedAgentId = "echo-agent" });
        Assert.Equal(AgentCardVerificationStatus.Verified, client.Card!.Verification!.Status);

        var forged = await Assert.ThrowsAsync<A2AClientException>(() =>
            A2AClient.ConnectAsync(host.Client, new Uri(host.BaseAddress, "/forged"), new A2AClientOptions { CardTrust = trust, AllowUnverifiedCard = true }));
        Assert.Equal("CARD_SIGNATURE_INVALID", forged.Reason);

        // Signed by a key this client does not trust (or by another agent than expected): unverified, refused by default.
        var untrusted = await Assert.ThrowsAsync<A2AClientException>(() => A2AClient.ConnectAsync(host.Client, new Uri(host.BaseAddress, "/agents/echo")));
        Assert.Equal("CARD_UNVERIFIED", untrusted.Reason);
        Assert.Equal("JKU_NOT_ALLOWED", untrusted.Metadata["verification"]); // unknown key; its jku is not an allow-listed origin
        var wrongAgent = await Assert.ThrowsAsync<A2AClientException>(() =>
            A2AClient.ConnectAsync(host.Client, new Uri(host.BaseAddress, "/agents/echo"), new A2AClientOptions { CardTrust = trust, ExpectedAgentId = "strict-agent" }));
        Assert.Equal("CARD_UNVERIFIED", wrongAgent.Reason);

        // Opting in accepts an unverified card and says so.
        var optedIn = await A2AClient.ConnectAsync(host.Client, new Uri(host.BaseAddress, "/agents/echo"), new A2AClientOptions { AllowUnverifiedCard = true });
        Assert.Equal(AgentCardVerificationStatus.Unverified, optedIn.Card!.Verification!.Status);
    }

    [Fact]
    public async Task A_client_that_allow_lists_the_agents_origin_verifies_through_the_jwks_endpoint()
    {
        await using var host = await StartAsync();
        var options = new A2AClientOptions
        {
            ExpectedAgentId = "echo-agent",
            CardVerification = new AgentCardVerificationOptions { AllowedJwkSetOrigins = [host.BaseAddress], HttpClient = host.Client },
        };
        var client = await A2AClient.ConnectAsync(host.Client, new Uri(host.BaseAddress, "/agents/echo"), options);
        Assert.Equal(AgentCardVerificationStatus.Verified, client.Card!.Verification!.Status);
        Assert.True(client.Card.Verification.KeyFromJwkSetUrl);
        Assert.Equal(host.Services.GetRequiredService<A2AKeyRing>().GetSigningKey("echo-agent")!.PublicKey.Thumbprint, client.Card.Verification.Key!.KeyId);
    }

    [Fact]
    public async Task An_unsigned_card_is_refused_by_default()
    {
        await using var host = await StartAsync(o => o.SignCard = false);
        var bytes = await host.Client.GetByteArrayAsync("/agents/echo/.well-known/agent-card.json");
        Assert.DoesNotContain("signatures", Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);
        var error = await Assert.ThrowsAsync<A2AClientException>(() =>
            A2AClient.ConnectAsync(host.Client, new Uri(host.BaseAddress, "/agents/echo"), new A2AClientOptions { CardTrust = host.Services.GetRequiredService<A2AKeyRing>().TrustStore }));
        Assert.Equal("CARD_UNVERIFIED", error.Reason);
        Assert.Equal("NO_SIGNATURES", error.Metadata["verification"]);
        Assert.Contains("AllowUnverifiedCard", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_js_sdk_and_jose_verify_the_served_card_through_its_jku_and_our_request_signatures()
    {
        await using var host = await StartAsync();
        var agentUrl = new Uri(host.BaseAddress, "/agents/echo");

        // A request signature the agent itself would send; jose checks it against the same JWKS.
        var signer = host.Services.GetRequiredService<A2AKeyRing>().CreateRequestSigner("echo-agent");
        var target = new Uri("https://peer.example.com/a2a");
        var token = signer.Sign("POST", target, "{}"u8);

        var output = await NodePeers.RunScriptAsync("a2a-verify-served-card.mjs", agentUrl.ToString(), token, target.ToString());
        using var result = JsonDocument.Parse(output);
        var root = result.RootElement;
        Assert.True(root.GetProperty("cardVerified").GetBoolean(), output);
        Assert.Equal(agentUrl + "/.well-known/jwks.json", root.GetProperty("header").GetProperty("jku").GetString());
        Assert.Equal(0, root.GetProperty("privateMembers").GetArrayLength());
        Assert.Equal(["alg", "crv", "kid", "kty", "use", "x"], root.GetProperty("jwksMembers").EnumerateArray().Select(e => e.GetString()!));
        Assert.StartsWith("application/jwk-set+json", root.GetProperty("jwksContentType").GetString(), StringComparison.Ordinal);

        var request = root.GetProperty("request");
        Assert.True(request.GetProperty("verified").GetBoolean(), output);
        var claims = request.GetProperty("claims");
        Assert.Equal("echo-agent", claims.GetProperty("iss").GetString());
        Assert.Equal("POST", claims.GetProperty("htm").GetString());
        Assert.Equal("https://peer.example.com/a2a", claims.GetProperty("htu").GetString());
        Assert.Equal(RequestSigner.ComputeBodyHash("{}"u8), claims.GetProperty("bh").GetString());
        Assert.Equal(60, claims.GetProperty("exp").GetInt64() - claims.GetProperty("iat").GetInt64());
        Assert.Equal("a2a-request+jwt", request.GetProperty("header").GetProperty("typ").GetString());
    }

    [Fact]
    public async Task A_card_tampered_after_signing_fails_the_js_sdk_too()
    {
        byte[]? genuine = null;
        await using var host = await StartAsync(more: app =>
        {
            app.MapGet("/forged/.well-known/agent-card.json", () => Results.Bytes(
                Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(genuine!).Replace("\"Echo Agent\"", "\"Evil Agent\"", StringComparison.Ordinal)),
                "application/json"));
        });
        genuine = await host.Client.GetByteArrayAsync("/agents/echo/.well-known/agent-card.json");
        var output = await NodePeers.RunScriptAsync("a2a-verify-served-card.mjs", new Uri(host.BaseAddress, "/forged").ToString());
        using var result = JsonDocument.Parse(output);
        Assert.False(result.RootElement.GetProperty("cardVerified").GetBoolean(), output);
    }
}
