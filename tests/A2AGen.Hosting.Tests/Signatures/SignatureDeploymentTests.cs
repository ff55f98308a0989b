using A2AGen.Client;
using A2AGen.Protocol;
using A2AGen.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace A2AGen.Hosting.Tests.Signatures;

/// <summary>
/// Request signatures as deployed: behind a proxy (public URL), across instances sharing a replay cache, under load,
/// from <see cref="A2AClient"/> with <see cref="A2ASigningHandler"/> and <c>IHttpClientFactory</c>, with a full replay
/// cache, and in CapiscIO compatibility mode.
/// </summary>
public sealed class SignatureDeploymentTests
{
    private const string PublicUrl = "https://agents.example.com/a2a/whoami";

    private static string Body(string skill = "secure") => Rpc.Request("SendMessage", Rpc.UserText("hi", skill));

    private static Task<Reply> SendAsync(HttpClient client, string path, string body, string token, string header = "A2A-Signature") =>
        Rpc.SendAsync(client, path, body, headers: [Rpc.Header(header, token)]);

    private static Task<TestHost> StartWhoAmIAsync(Action<A2AAgentOptions>? configure = null, Action<IServiceCollection>? services = null) =>
        TestHost.StartAsync(
            s =>
            {
                s.AddA2AAgent<WhoAmIAgent>(configure);
                services?.Invoke(s);
            },
            app => app.MapA2AAgent<WhoAmIAgent>("/whoami"));

    [Fact]
    public async Task Behind_a_proxy_aud_and_htu_name_the_public_url_in_normal_form()
    {
        await using var host = await StartWhoAmIAsync(o =>
        {
            o.PublicUrl = PublicUrl;
            o.AcceptedRequestUrls = ["https://alias.example.net/whoami"];
        });
        using var caller = new TestCaller("travel-desk").TrustedBy(host.Services.GetRequiredService<A2AKeyRing>().TrustStore);
        var body = Body();

        async Task<Reply> With(string? aud, string? htu)
        {
            var token = caller.Token(new Uri(PublicUrl), body, c =>
            {
                c["aud"] = aud;
                c["htu"] = htu;
                c["jti"] = Guid.NewGuid().ToString();
            });
            return await SendAsync(host.Client, "/whoami", body, token);
        }

        Assert.Equal(200, (await SendAsync(host.Client, "/whoami", body, caller.Sign(new Uri(PublicUrl), body))).Status);
        Assert.Equal(200, (await With("HTTPS://AGENTS.EXAMPLE.COM:443/a2a/whoami", "https://Agents.Example.com/a2a/./whoami?A2A-Version=1.0#x")).Status);
        Assert.Equal(200, (await With("https://alias.example.net/whoami", "https://alias.example.net/whoami")).Status);

        // The URL the server sees behind the proxy is not the one callers sign for.
        var internalUrl = new Uri(host.BaseAddress, "/whoami").ToString();
        Assert.Equal("REQUEST_AUDIENCE_MISMATCH", (await With(internalUrl, internalUrl)).Reason);
        Assert.Equal("REQUEST_AUDIENCE_MISMATCH", (await With("https://agents.example.com/A2A/whoami", PublicUrl)).Reason);
        Assert.Equal("REQUEST_AUDIENCE_MISMATCH", (await With(PublicUrl + "/", PublicUrl)).Reason);
        Assert.Equal("REQUEST_AUDIENCE_MISMATCH", (await With("http://agents.example.com/a2a/whoami", PublicUrl)).Reason);
        Assert.Equal("REQUEST_AUDIENCE_MISMATCH", (await With("https://agents.example.com:8443/a2a/whoami", PublicUrl)).Reason);
        Assert.Equal("REQUEST_URL_MISMATCH", (await With(PublicUrl, internalUrl)).Reason);
        Assert.Equal("REQUEST_URL_MISMATCH", (await With(PublicUrl, "https://user@agents.example.com/a2a/whoami")).Reason);
    }

    [Fact]
    public async Task An_audience_list_naming_this_agent_is_accepted()
    {
        await using var host = await StartWhoAmIAsync(o => o.PublicUrl = PublicUrl);
        using var caller = new TestCaller("travel-desk").TrustedBy(host.Services.GetRequiredService<A2AKeyRing>().TrustStore);
        var body = Body();
        var token = caller.Token(new Uri(PublicUrl), body, c => c["aud"] = new[] { "https://elsewhere.example.com/", PublicUrl });
        Assert.Equal(200, (await SendAsync(host.Client, "/whoami", body, token)).Status);
    }

    [Fact]
    public async Task A_replay_is_refused_by_another_instance_sharing_the_cache()
    {
        // Two instances of one agent behind a load balancer: same public URL, one shared IDistributedCache.
        var shared = new MemoryDistributedCache(Options.Create(new MemoryDistributedCacheOptions()));
        void Services(IServiceCollection s)
        {
            s.AddSingleton<IDistributedCache>(shared);
            s.AddA2ADistributedReplayCache();
        }

        await using var first = await StartWhoAmIAsync(o => o.PublicUrl = PublicUrl, Services);
        await using var second = await StartWhoAmIAsync(o => o.PublicUrl = PublicUrl, Services);
        using var caller = new TestCaller("travel-desk")
            .TrustedBy(first.Services.GetRequiredService<A2AKeyRing>().TrustStore)
            .TrustedBy(second.Services.GetRequiredService<A2AKeyRing>().TrustStore);
        Assert.IsType<DistributedReplayCache>(first.Services.GetRequiredService<IReplayCache>());

        var body = Body();
        var token = caller.Sign(new Uri(PublicUrl), body);
        Assert.Equal(200, (await SendAsync(first.Client, "/whoami", body, token)).Status);
        var replay = await SendAsync(second.Client, "/whoami", body, token);
        Assert.Equal(401, replay.Status);
        Assert.Equal("REQUEST_SIGNATURE_REPLAYED", replay.Reason);

        // A fresh signature still passes on either instance.
        Assert.Equal(200, (await SendAsync(second.Client, "/whoami", body, caller.Sign(new Uri(PublicUrl), body))).Status);
    }

    [Fact]
    public async Task A_thousand_concurrent_signed_requests_are_all_accepted()
    {
        await using var host = await StartWhoAmIAsync();
        using var caller = new TestCaller("travel-desk").TrustedBy(host.Services.GetRequiredService<A2AKeyRing>().TrustStore);
        using var http = A2ASigningHandler.CreateHttpClient(caller.Signer, new SocketsHttpHandler { MaxConnectionsPerServer = 128 });
        http.Timeout = TimeSpan.FromSeconds(60);
        var client = new A2AClient(http, new Uri(host.BaseAddress, "/whoami"));
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var message = Message.UserText("load") with
        {
            Metadata = new Dictionary<string, System.Text.Json.JsonElement> { [A2AProtocol.SkillMetadataKey] = System.Text.Json.JsonSerializer.SerializeToElement("secure", A2AGen.Hosting.Tests.Client.TestJson.Default.String) },
        };

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 1000).Select(async _ =>
        {
            try
            {
                var reply = await client.SendMessageAsync(message with { MessageId = Guid.NewGuid().ToString() }, deadline.Token);
                return reply.Task!.Artifacts![0].Parts[0].Text!.StartsWith("secure caller=travel-desk;", StringComparison.Ordinal) ? "ok" : "wrong answer";
            }
            catch (A2AClientException e)
            {
                return e.Reason ?? e.Message;
            }
        }));

        var failures = outcomes.Where(o => o != "ok").GroupBy(o => o).Select(g => $"{g.Key} × {g.Count()}").ToArray();
        Assert.True(failures.Length == 0, "false rejections: " + string.Join(", ", failures));
        Assert.Empty(host.Logs.WithId(1002));
    }

    [Fact]
    public async Task A2AClient_signs_every_call_through_the_handler()
    {
        await using var host = await StartWhoAmIAsync(o => o.AllowAnonymousTaskListing = false);
        using var caller = new TestCaller("travel-desk").TrustedBy(host.Services.GetRequiredService<A2AKeyRing>().TrustStore);
        using var http = A2ASigningHandler.CreateHttpClient(caller.Signer);
        var client = await A2AClient.ConnectAsync(http, new Uri(host.BaseAddress, "/whoami"), new A2AClientOptions { CardTrust = host.Services.GetRequiredService<A2AKeyRing>().TrustStore });

        var sent = await client.SendMessageAsync(Message.UserText("hello"));
        Assert.StartsWith("caller=travel-desk;", sent.Task!.Artifacts![0].Parts[0].Text, StringComparison.Ordinal);

        // ListTasks needs an identified caller: the signature is that identity.
        var listed = await client.ListTasksAsync();
        Assert.Contains(listed.Tasks, t => t.Id == sent.Task.Id);
        Assert.Equal(sent.Task.Id, (await client.GetTaskAsync(sent.Task.Id)).Id);
    }

    [Fact]
    public async Task The_handler_signs_the_bytes_that_are_sent_even_from_a_one_way_stream()
    {
        await using var host = await StartWhoAmIAsync();
        using var caller = new TestCaller("travel-desk").TrustedBy(host.Services.GetRequiredService<A2AKeyRing>().TrustStore);
        using var http = A2ASigningHandler.CreateHttpClient(caller.Signer);
        var body = System.Text.Encoding.UTF8.GetBytes(Body());
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(host.BaseAddress, "/whoami"))
        {
            Content = new StreamContent(new OneWayStream(body)),
        };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        request.Headers.Add("A2A-Version", "1.0");
        using var response = await http.SendAsync(request);
        var reply = await Reply.ReadAsync(response);
        Assert.Equal(200, reply.Status);
        Assert.StartsWith("secure caller=travel-desk;", reply.Result.GetProperty("task").GetProperty("artifacts")[0].GetProperty("parts")[0].GetProperty("text").GetString(), StringComparison.Ordinal);
    }

    /// <summary>A stream that can be read once, forwards only: what a caller streaming a body would hand over.</summary>
    private sealed class OneWayStream(byte[] data) : MemoryStream(data)
    {
        public override bool CanSeek => false;

        public override long Seek(long offset, SeekOrigin loc) => throw new NotSupportedException();

        public override long Length => throw new NotSupportedException();

        public override long Position { get => base.Position; set => throw new NotSupportedException(); }
    }

    [Fact]
    public async Task A_hosted_agent_signs_its_outgoing_calls_through_IHttpClientFactory()
    {
        await using var host = await TestHost.StartAsync(
            s =>
            {
                s.AddA2AAgent<WhoAmIAgent>();
                s.AddA2AAgent<EchoAgent>();
                s.AddHttpClient("to-whoami").AddA2ARequestSigning(EchoAgent.Descriptor.AgentId);
            },
            app =>
            {
                app.MapA2AAgent<WhoAmIAgent>("/whoami");
                app.MapA2AAgent<EchoAgent>("/echo");
            });

        // The echo agent's key is in the host's trust store (agents of one host trust each other).
        var http = host.Services.GetRequiredService<IHttpClientFactory>().CreateClient("to-whoami");
        var client = new A2AClient(http, new Uri(host.BaseAddress, "/whoami"));
        var reply = await client.SendMessageAsync(Message.UserText("from echo") with
        {
            Metadata = new Dictionary<string, System.Text.Json.JsonElement> { [A2AProtocol.SkillMetadataKey] = System.Text.Json.JsonSerializer.SerializeToElement("secure", A2AGen.Hosting.Tests.Client.TestJson.Default.String) },
        });
        Assert.StartsWith("secure caller=echo-agent;", reply.Task!.Artifacts![0].Parts[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_full_replay_cache_refuses_with_503_rather_than_forget()
    {
        await using var host = await StartWhoAmIAsync(services: s => s.AddSingleton<IReplayCache>(new InMemoryReplayCache(new InMemoryReplayCacheOptions { Capacity = 1 })));
        using var caller = new TestCaller("travel-desk").TrustedBy(host.Services.GetRequiredService<A2AKeyRing>().TrustStore);
        var url = new Uri(host.BaseAddress, "/whoami");
        var body = Body();
        Assert.Equal(200, (await SendAsync(host.Client, "/whoami", body, caller.Sign(url, body))).Status);

        var full = await SendAsync(host.Client, "/whoami", body, caller.Sign(url, body));
        Assert.Equal(503, full.Status);
        Assert.Equal("REPLAY_CACHE_UNAVAILABLE", full.Reason);
        Assert.Equal("1", full.Headers.RetryAfter?.ToString());
    }

    [Fact]
    public async Task CapiscIO_tokens_are_checked_in_compatibility_mode_and_ignored_otherwise()
    {
        await using var host = await StartWhoAmIAsync(o => o.AcceptCapiscioSignatures = true);
        using var key = SigningKey.Create(SigningAlgorithm.Ed25519);

        // SimpleGuard names keys freely ("key-0") and its issuers are DIDs: the trust store maps the kid to an agent id.
        host.Services.GetRequiredService<A2AKeyRing>().TrustStore.Add("weather-agent", key.PublicKey, keyId: "key-0");
        var body = Body();
        string SimpleGuardToken(string signedBody, Action<Dictionary<string, object?>>? edit = null)
        {
            var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
            var claims = new Dictionary<string, object?>
            {
                ["sub"] = "weather-request",
                ["iss"] = "did:key:z6MkweatherAgent",
                ["iat"] = now,
                ["exp"] = now + 60,
                ["bh"] = RequestSigner.ComputeBodyHash(System.Text.Encoding.UTF8.GetBytes(signedBody)),
            };
            edit?.Invoke(claims);
            return Jws.Sign(key, System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(claims.Where(c => c.Value is not null).ToDictionary()), new JwsSigningOptions { KeyId = "key-0", Type = "JWT" });
        }

        var token = SimpleGuardToken(body);
        var accepted = await SendAsync(host.Client, "/whoami", body, token, "X-Capiscio-JWS");
        Assert.StartsWith("secure caller=weather-agent;iss=weather-agent;kid=key-0;", accepted.Result.GetProperty("task").GetProperty("artifacts")[0].GetProperty("parts")[0].GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Equal(200, (await SendAsync(host.Client, "/whoami", body, SimpleGuardToken(body, c => c["jti"] = "j-1"), "X-Capiscio-Badge")).Status);

        // Without jti, a replay is recognised by the token itself.
        Assert.Equal("REQUEST_SIGNATURE_REPLAYED", (await SendAsync(host.Client, "/whoami", body, token, "X-Capiscio-Badge")).Reason);
        Assert.Equal("REQUEST_BODY_HASH_MISMATCH", (await SendAsync(host.Client, "/whoami", Body(), SimpleGuardToken(body, c => c["jti"] = "j-2"), "X-Capiscio-JWS")).Reason);
        Assert.Equal("REQUEST_SIGNATURE_CLAIM_MISSING", (await SendAsync(host.Client, "/whoami", body, SimpleGuardToken(body, c => c["bh"] = null), "X-Capiscio-JWS")).Reason);
        Assert.Equal("REQUEST_AUDIENCE_MISMATCH", (await SendAsync(host.Client, "/whoami", body, SimpleGuardToken(body, c => c["aud"] = "https://other.example.com/"), "X-Capiscio-JWS")).Reason);

        using var p256 = SigningKey.Create(SigningAlgorithm.EcdsaP256Sha256);
        var es256 = Jws.Sign(p256, """{"iss":"x","iat":1,"exp":2}"""u8, new JwsSigningOptions { KeyId = "key-0", Type = "JWT" });
        Assert.Equal("REQUEST_SIGNATURE_ALGORITHM_NOT_ALLOWED", (await SendAsync(host.Client, "/whoami", body, es256, "X-Capiscio-JWS")).Reason);

        // An A2A-Signature takes precedence; in compatibility mode off, CapiscIO headers are not signatures at all.
        await using var strict = await StartWhoAmIAsync();
        strict.Services.GetRequiredService<A2AKeyRing>().TrustStore.Add("weather-agent", key.PublicKey, keyId: "key-0");
        Assert.Equal("REQUEST_SIGNATURE_MISSING", (await SendAsync(strict.Client, "/whoami", body, SimpleGuardToken(body), "X-Capiscio-JWS")).Reason);
    }
}
