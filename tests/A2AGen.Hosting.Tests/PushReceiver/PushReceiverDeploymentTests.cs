using A2AGen.Protocol;
using A2AGen.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace A2AGen.Hosting.Tests.PushReceiver;

/// <summary>
/// How a push receiver is deployed: options checked when the host starts, the replay cache shared by instances (the
/// registered <see cref="IReplayCache"/>; Redis in production), and senders trusted through their published JWKS.
/// </summary>
public sealed class PushReceiverDeploymentTests
{
    private const string Webhook = "https://me.example.com/a2a/push";

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 21, 12, 0, 0, TimeSpan.Zero));

    private static Func<A2APushNotification, CancellationToken, Task> Into(List<A2APushNotification> received) => (notification, _) =>
    {
        lock (received)
        {
            received.Add(notification);
        }

        return Task.CompletedTask;
    };

    [Fact]
    public async Task Outside_development_a_receiver_without_a_public_url_does_not_start()
    {
        var (app, _) = TestHost.Build(s => s.AddA2APushReceiver(), app => app.MapA2APushReceiver("/a2a/push", (_, _) => Task.CompletedTask), environment: "Production");
        await using (app)
        {
            var problem = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());
            Assert.Contains("A2APushReceiverOptions.PublicUrl is not set", problem.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task In_production_a_receiver_without_agents_trusts_the_senders_of_the_trust_folder()
    {
        using var sender = new TestCaller("billing-agent", SigningAlgorithm.EcdsaP256Sha256, _clock);
        var keys = TestKeys.NewDirectory("push-receiver-keys");
        var trusted = Directory.CreateDirectory(Path.Combine(keys, "trusted")).FullName;
        await File.WriteAllTextAsync(Path.Combine(trusted, "billing-agent.jwks.json"), JsonWebKeySet.Create([sender.Key.PublicKey]).ToJson());
        var received = new List<A2APushNotification>();
        await using var host = await TestHost.StartAsync(
            s =>
            {
                s.AddSingleton<TimeProvider>(_clock);
                s.Configure<A2AKeyOptions>(o => o.KeysDirectory = keys);
                s.AddA2APushReceiver(o => o.PublicUrl = Webhook);
            },
            app => app.MapA2APushReceiver("/a2a/push", Into(received)),
            environment: "Production");

        var body = PushReceiverHost.StatusUpdate("t-trust-folder");
        Assert.Equal(204, (await Post(host, body, sender.Sign(new Uri(Webhook), body))).Status);
        Assert.Equal("billing-agent", Assert.Single(received).Sender.Id);
    }

    [Fact]
    public async Task Bad_options_are_named_when_the_host_starts()
    {
        var (app, _) = TestHost.Build(
            s => s.AddA2APushReceiver(o =>
            {
                o.PublicUrl = "not a url";
                o.SenderJwks["peer-agent"] = new Uri("http://peer.example.com/.well-known/jwks.json");
                o.TokenSenders.Add(new A2APushTokenSender("js-agent", "", "Bearer"));
                o.MaxBodySize = 0;
            }),
            app => app.MapA2APushReceiver("/a2a/push", (_, _) => Task.CompletedTask));
        await using (app)
        {
            var problem = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());
            Assert.Contains("PublicUrl 'not a url'", problem.Message, StringComparison.Ordinal);
            Assert.Contains("SenderJwks['peer-agent']", problem.Message, StringComparison.Ordinal);
            Assert.Contains("TokenSenders", problem.Message, StringComparison.Ordinal);
            Assert.Contains("MaxBodySize", problem.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Mapping_a_receiver_that_is_not_registered_says_what_to_call()
    {
        var (app, _) = TestHost.Build(_ => { }, _ => { });
        var problem = Assert.Throws<InvalidOperationException>(() => app.MapA2APushReceiver("/a2a/push", (_, _) => Task.CompletedTask));
        Assert.Contains("AddA2APushReceiver", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Instances_sharing_the_registered_replay_cache_accept_a_notification_once()
    {
        var shared = new InMemoryReplayCache(new InMemoryReplayCacheOptions { TimeProvider = _clock });
        using var sender = new TestCaller("travel-desk", clock: _clock);
        var received = new List<A2APushNotification>();
        void Services(IServiceCollection s)
        {
            s.AddSingleton<TimeProvider>(_clock);
            s.AddSingleton<IReplayCache>(shared);
            s.AddA2APushReceiver(o => o.PublicUrl = Webhook);
        }

        await using var first = await TestHost.StartAsync(Services, app => app.MapA2APushReceiver("/a2a/push", Into(received)));
        await using var second = await TestHost.StartAsync(Services, app => app.MapA2APushReceiver("/a2a/push", Into(received)));
        foreach (var host in new[] { first, second })
        {
            sender.TrustedBy(host.Services.GetRequiredService<A2AKeyRing>().TrustStore);
        }

        var body = PushReceiverHost.StatusUpdate("t-shared");
        var signature = sender.Sign(new Uri(Webhook), body);
        Assert.Equal(204, (await Post(first, body, signature)).Status);
        var replay = await Post(second, body, signature);
        Assert.Equal(401, replay.Status);
        Assert.Equal(RequestSignatureReasons.Replayed, replay.Reason);
        Assert.Single(received);
    }

    [Fact]
    public async Task A_sender_is_trusted_through_its_published_jwks_and_only_for_itself()
    {
        // The sending agent: a real A2AGen host whose agent signs with its own key and publishes it at its JWKS path.
        await using var agentHost = await TestHost.StartAsync(
            s =>
            {
                s.AddSingleton<TimeProvider>(_clock);
                s.AddA2AAgent<EchoAgent>();
            },
            app => app.MapA2AAgent<EchoAgent>("/echo"));
        var signer = agentHost.Services.GetRequiredService<A2AKeyRing>().CreateRequestSigner("echo-agent", new RequestSigningOptions { TimeProvider = _clock });

        var received = new List<A2APushNotification>();
        await using var receiver = await TestHost.StartAsync(
            s =>
            {
                s.AddSingleton<TimeProvider>(_clock);
                s.AddA2APushReceiver(o =>
                {
                    o.PublicUrl = Webhook;
                    o.SenderJwks["echo-agent"] = new Uri(agentHost.BaseAddress, "/echo/.well-known/jwks.json");
                    o.SenderJwks["gone-agent"] = new Uri(agentHost.BaseAddress, "/gone/.well-known/jwks.json");
                    o.AllowHttpJwks = true;
                });
            },
            app => app.MapA2APushReceiver("/a2a/push", Into(received)));

        var body = PushReceiverHost.StatusUpdate("t-jwks");
        var accepted = await Post(receiver, body, signer.Sign("POST", new Uri(Webhook), System.Text.Encoding.UTF8.GetBytes(body)));
        Assert.Equal(204, accepted.Status);
        Assert.Equal("echo-agent", Assert.Single(received).Sender.Id);
        Assert.Equal(signer.Key.PublicKey.Thumbprint, received[0].Sender.Signature!.KeyId);

        // The echo agent's JWKS vouches for the echo agent only: its key under another issuer is refused.
        var claimed = new RequestSigner(signer.Key, "gone-agent", new RequestSigningOptions { TimeProvider = _clock });
        var refused = await Post(receiver, body, claimed.Sign("POST", new Uri(Webhook), System.Text.Encoding.UTF8.GetBytes(body)));
        Assert.Equal(401, refused.Status);
        Assert.Equal(RequestSignatureReasons.IssuerUntrusted, refused.Reason);

        // The JWKS URL that answers 404 is logged and trusts nothing.
        Assert.Contains(receiver.Logs.WithId(1602), e => e.Message.Contains("'gone-agent'", StringComparison.Ordinal) && e.Message.Contains("HTTP 404", StringComparison.Ordinal));
        Assert.Single(received);
    }

    [Fact]
    public async Task A_rotated_sender_key_is_fetched_again_but_not_more_often_than_the_minimum_interval()
    {
        var keys = new List<SigningKey> { SigningKey.Create(SigningAlgorithm.Ed25519) };
        var fetches = 0;
        await using var publisher = await TestHost.StartAsync(_ => { }, app => app.MapGet("/jwks.json", () =>
        {
            Interlocked.Increment(ref fetches);
            lock (keys)
            {
                return Microsoft.AspNetCore.Http.Results.Text(JsonWebKeySet.Create(keys.Select(k => k.PublicKey)).ToJson(), "application/jwk-set+json");
            }
        }));

        var received = new List<A2APushNotification>();
        await using var receiver = await TestHost.StartAsync(
            s =>
            {
                s.AddSingleton<TimeProvider>(_clock);
                s.AddA2APushReceiver(o =>
                {
                    o.PublicUrl = Webhook;
                    o.SenderJwks["rotating-agent"] = new Uri(publisher.BaseAddress, "/jwks.json");
                    o.AllowHttpJwks = true;
                });
            },
            app => app.MapA2APushReceiver("/a2a/push", Into(received)));

        Task<PushReply> SendSignedBy(SigningKey key, string taskId)
        {
            var body = PushReceiverHost.StatusUpdate(taskId);
            return Post(receiver, body, new RequestSigner(key, "rotating-agent", new RequestSigningOptions { TimeProvider = _clock }).Sign("POST", new Uri(Webhook), System.Text.Encoding.UTF8.GetBytes(body)));
        }

        Assert.Equal(204, (await SendSignedBy(keys[0], "t-before")).Status);
        Assert.Equal(1, fetches);

        // The sender rotates; a notification with the new kid makes the receiver look again — once the minimum interval is over.
        var next = SigningKey.Create(SigningAlgorithm.Ed25519);
        lock (keys)
        {
            keys.Add(next);
        }

        Assert.Equal(RequestSignatureReasons.IssuerUntrusted, (await SendSignedBy(next, "t-too-soon")).Reason);
        Assert.Equal(1, fetches);
        _clock.Advance(TimeSpan.FromSeconds(31));
        Assert.Equal(204, (await SendSignedBy(next, "t-after")).Status);
        Assert.Equal(2, fetches);

        // Unknown kids cannot make it fetch again within the interval.
        using var stranger = SigningKey.Create(SigningAlgorithm.Ed25519);
        Assert.Equal(401, (await SendSignedBy(stranger, "t-stranger-1")).Status);
        Assert.Equal(401, (await SendSignedBy(stranger, "t-stranger-2")).Status);
        Assert.Equal(2, fetches);
        Assert.Equal(["t-before", "t-after"], received.Select(r => r.TaskId));
        keys.ForEach(k => k.Dispose());
    }

    private static async Task<PushReply> Post(TestHost host, string body, string signature)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/a2a/push") { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/a2a+json") };
        request.Headers.TryAddWithoutValidation("A2A-Signature", signature);
        using var response = await host.Client.SendAsync(request);
        return new PushReply((int)response.StatusCode, await response.Content.ReadAsStringAsync(), response.Headers.WwwAuthenticate.ToString());
    }
}
