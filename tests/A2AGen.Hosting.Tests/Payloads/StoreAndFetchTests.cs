using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using A2AGen.Client;
using A2AGen.Protocol;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace A2AGen.Hosting.Tests;

/// <summary>
/// Store-and-fetch for large payloads (issue 17 item 5), two agents on Kestrel: the sender's client publishes a large
/// part and sends a signed, expiring, single-use url part bound to the recipient; the recipient fetches it with its own
/// signed request and checks the digest before its skill runs. Refusals: expired or reused URL, an exp in the part that
/// has passed or differs from the URL's, digest mismatch, a URL on
/// another host (never contacted), oversize, another recipient.
/// </summary>
public sealed class StoreAndFetchTests
{
    private const string SenderId = "echo-agent";

    private static byte[] Bytes(int size)
    {
        var bytes = new byte[size];
        new Random(size).NextBytes(bytes);
        return bytes;
    }

    private static string Sha(byte[] bytes) => System.Buffers.Text.Base64Url.EncodeToString(SHA256.HashData(bytes));

    private static Message Describe(params Part[] parts) =>
        new() { MessageId = Guid.NewGuid().ToString(), Role = Role.User, Parts = [Part.FromText("describe"), .. parts] };

    private static long Exp(Part part) => part.Metadata!["urn:a2agen:ext:fetch:v1"].GetProperty("exp").GetInt64();

    // The part with its fetch metadata's exp replaced (null: removed); everything else as published.
    private static Part WithExp(Part part, object? exp)
    {
        var described = JsonNode.Parse(part.Metadata!["urn:a2agen:ext:fetch:v1"].GetRawText())!.AsObject();
        described.Remove("exp");
        if (exp is not null)
        {
            described["exp"] = JsonSerializer.SerializeToNode(exp);
        }

        return part with { Metadata = new Dictionary<string, JsonElement>(part.Metadata!) { ["urn:a2agen:ext:fetch:v1"] = JsonSerializer.SerializeToElement(described) } };
    }

    // The claims of the JWS in a payload URL's token parameter (read, not verified: the test compares values).
    private static JsonElement TokenClaims(string url)
    {
        var token = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(new Uri(url).Query)["token"].ToString();
        return JsonDocument.Parse(System.Buffers.Text.Base64Url.DecodeFromChars(token.Split('.')[1])).RootElement.Clone();
    }

    private static string[] Lines(SendMessageResponse answer) => answer.Task!.Artifacts![0].Parts[0].Text!.Split('\n');

    [Fact]
    public async Task A_large_part_travels_as_a_signed_url_and_the_skill_sees_the_verified_bytes()
    {
        await using var pair = await Pair.StartAsync();
        var bytes = Bytes(200_000);
        var capture = new Capture();
        var client = pair.Client(capture);

        var answer = await client.SendMessageAsync(Describe(new Part { Raw = bytes, MediaType = "image/png", Filename = "map.png" }, new Part { Raw = Bytes(100), MediaType = "application/octet-stream" }));

        var lines = Lines(answer);
        Assert.Equal($"raw image/png 200000 {Sha(bytes)}", lines[1]);
        Assert.StartsWith("raw application/octet-stream 100 ", lines[2], StringComparison.Ordinal);
        // On the wire: the large part as a url part with its digest, the small one inline.
        using var sent = JsonDocument.Parse(capture.Body!);
        var parts = sent.RootElement.GetProperty("params").GetProperty("message").GetProperty("parts");
        var url = parts[1].GetProperty("url").GetString()!;
        Assert.StartsWith(pair.SenderPayloadUrl + "/", url, StringComparison.Ordinal);
        Assert.Equal("image/png", parts[1].GetProperty("mediaType").GetString());
        Assert.Equal("map.png", parts[1].GetProperty("filename").GetString());
        var described = parts[1].GetProperty("metadata").GetProperty("urn:a2agen:ext:fetch:v1");
        Assert.Equal(Sha(bytes), described.GetProperty("sha256").GetString());
        Assert.Equal(200_000, described.GetProperty("size").GetInt64());
        Assert.Equal("raw", described.GetProperty("kind").GetString());
        // exp: seconds since the epoch, the URL's lifetime (5 minutes) from now, the same as the token's exp.
        var exp = described.GetProperty("exp").GetInt64();
        Assert.Equal(pair.Clock.GetUtcNow().AddMinutes(5).ToUnixTimeSeconds(), exp);
        Assert.Equal(exp, TokenClaims(url).GetProperty("exp").GetInt64());
        Assert.True(parts[2].TryGetProperty("raw", out _));
        Assert.True(capture.Body!.Length < 10_000, $"{capture.Body.Length} bytes sent");
        Assert.Equal(0, ((InMemoryPayloadStore)pair.Sender.Services.GetRequiredService<IPayloadStore>()).Count);
    }

    [Fact]
    public async Task A_large_text_part_arrives_as_text()
    {
        await using var pair = await Pair.StartAsync();
        var text = string.Concat(Enumerable.Repeat("Zürich–Genève ", 10_000));

        var answer = await pair.Client().SendMessageAsync(Describe(new Part { Text = text }));

        var utf8 = System.Text.Encoding.UTF8.GetBytes(text);
        Assert.Equal($"text text/plain {utf8.Length} {Sha(utf8)}", Lines(answer)[1]);
    }

    [Fact]
    public async Task The_same_message_sent_again_publishes_again_but_runs_once_and_fetches_once()
    {
        await using var pair = await Pair.StartAsync();
        var message = Describe(new Part { Raw = Bytes(50_000), MediaType = "application/octet-stream" });
        var client = pair.Client();

        var first = await client.SendMessageAsync(message);
        pair.Clock.Advance(TimeSpan.FromSeconds(30)); // published again with another exp: still the same message
        var again = await client.SendMessageAsync(message);

        Assert.Equal(first.Task!.Id, again.Task!.Id);
        // The second publication (a new single-use URL) was never fetched: the recipient answered from the first run.
        Assert.Equal(1, ((InMemoryPayloadStore)pair.Sender.Services.GetRequiredService<IPayloadStore>()).Count);
    }

    [Fact]
    public async Task A_reused_url_is_refused_by_the_sender_and_the_recipient_names_why()
    {
        await using var pair = await Pair.StartAsync();
        var part = await pair.PublishAsync(Bytes(5_000));
        var client = pair.Client();

        await client.SendMessageAsync(Describe(part));
        var reused = await Assert.ThrowsAsync<A2AClientException>(() => client.SendMessageAsync(Describe(part)));

        Assert.Equal("PAYLOAD_FETCH_REFUSED", reused.Reason);
        Assert.Contains("410 PAYLOAD_URL_USED", reused.Message, StringComparison.Ordinal);
        var direct = await pair.FetchAsync(part.Url!, pair.RecipientSigner);
        Assert.Equal((HttpStatusCode.Gone, "PAYLOAD_URL_USED"), (direct.Status, direct.Reason));
    }

    [Fact]
    public async Task An_expired_url_is_refused_by_the_recipient_before_fetching_and_by_the_sender()
    {
        await using var pair = await Pair.StartAsync();
        var part = await pair.PublishAsync(Bytes(5_000));
        pair.Clock.Advance(TimeSpan.FromMinutes(6));

        var expired = await Assert.ThrowsAsync<A2AClientException>(() => pair.Client().SendMessageAsync(Describe(part)));
        var direct = await pair.FetchAsync(part.Url!, pair.RecipientSigner);

        Assert.Equal("PAYLOAD_URL_EXPIRED", expired.Reason);
        Assert.Equal((HttpStatusCode.Gone, "PAYLOAD_URL_EXPIRED"), (direct.Status, direct.Reason));
    }

    [Fact]
    public async Task Content_changed_in_storage_or_a_digest_changed_in_the_message_is_refused_and_files_are_owner_only()
    {
        var directory = TestKeys.NewDirectory("payloads");
        await using var pair = await Pair.StartAsync(sender: s => s.AddSingleton<IPayloadStore>(sp => new DirectoryPayloadStore(directory, sp.GetRequiredService<TimeProvider>())));
        var bytes = Bytes(5_000);
        var part = await pair.PublishAsync(bytes);
        var file = Assert.Single(Directory.GetFiles(directory));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(directory));
        }

        var stored = await File.ReadAllBytesAsync(file);
        stored[^1] ^= 0x01;
        await File.WriteAllBytesAsync(file, stored);
        var tampered = await Assert.ThrowsAsync<A2AClientException>(() => pair.Client().SendMessageAsync(Describe(part)));
        Assert.Equal("PAYLOAD_DIGEST_MISMATCH", tampered.Reason);
        Assert.Contains("fetched content", tampered.Message, StringComparison.Ordinal);

        // A digest changed in the message itself disagrees with the one the URL was signed with: refused before fetching.
        var other = await pair.PublishAsync(bytes);
        var metadata = new Dictionary<string, JsonElement>(other.Metadata!)
        {
            ["urn:a2agen:ext:fetch:v1"] = JsonSerializer.SerializeToElement(new { sha256 = Sha(Bytes(10)), size = 5_000, exp = Exp(other), kind = "raw" }),
        };
        var relabeled = await Assert.ThrowsAsync<A2AClientException>(() => pair.Client().SendMessageAsync(Describe(other with { Metadata = metadata })));
        Assert.Equal("PAYLOAD_DIGEST_MISMATCH", relabeled.Reason);
        Assert.Contains("signed with", relabeled.Message, StringComparison.Ordinal);
        Assert.Single(Directory.GetFiles(directory)); // still there: never fetched
    }

    [Fact]
    public async Task An_exp_in_the_part_that_has_passed_is_missing_or_differs_from_the_urls_is_refused_before_fetching()
    {
        await using var pair = await Pair.StartAsync();
        var part = await pair.PublishAsync(Bytes(5_000));
        var client = pair.Client();
        var exp = Exp(part);

        // A later exp than the URL was signed with (a part made to look longer-lived), an earlier one that has passed
        // while the URL has not, and none at all.
        var extended = await Assert.ThrowsAsync<A2AClientException>(() => client.SendMessageAsync(Describe(WithExp(part, exp + 3600))));
        var passed = await Assert.ThrowsAsync<A2AClientException>(() => client.SendMessageAsync(Describe(WithExp(part, pair.Clock.GetUtcNow().AddSeconds(-10).ToUnixTimeSeconds()))));
        var missing = await Assert.ThrowsAsync<A2AClientException>(() => client.SendMessageAsync(Describe(WithExp(part, null))));
        var text = await Assert.ThrowsAsync<A2AClientException>(() => client.SendMessageAsync(Describe(WithExp(part, exp.ToString(System.Globalization.CultureInfo.InvariantCulture)))));

        Assert.Equal("PAYLOAD_EXPIRY_MISMATCH", extended.Reason);
        Assert.Contains("exp differs from the expiry its URL was signed with", extended.Message, StringComparison.Ordinal);
        Assert.Equal("PAYLOAD_URL_EXPIRED", passed.Reason);
        Assert.Contains("part's exp has passed", passed.Message, StringComparison.Ordinal);
        Assert.Equal("PAYLOAD_URL_INVALID", missing.Reason);
        Assert.Equal("PAYLOAD_URL_INVALID", text.Reason);
        // None of them was fetched: the genuine part still is, once.
        Assert.Equal(1, ((InMemoryPayloadStore)pair.Sender.Services.GetRequiredService<IPayloadStore>()).Count);
        Assert.StartsWith("raw ", Lines(await client.SendMessageAsync(Describe(part)))[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_sender_serving_more_bytes_than_it_signed_for_is_cut_off()
    {
        var directory = TestKeys.NewDirectory("payloads");
        await using var pair = await Pair.StartAsync(sender: s => s.AddSingleton<IPayloadStore>(sp => new DirectoryPayloadStore(directory, sp.GetRequiredService<TimeProvider>())));
        var part = await pair.PublishAsync(Bytes(5_000));
        var file = Assert.Single(Directory.GetFiles(directory));
        await File.AppendAllBytesAsync(file, Bytes(64));

        var refused = await Assert.ThrowsAsync<A2AClientException>(() => pair.Client().SendMessageAsync(Describe(part)));

        Assert.Equal("PAYLOAD_TOO_LARGE", refused.Reason);
        Assert.Contains("served more than the 5000 bytes", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_url_on_another_host_is_refused_without_any_connection()
    {
        await using var pair = await Pair.StartAsync();
        using var elsewhere = new TcpListener(IPAddress.Loopback, 0);
        elsewhere.Start();
        var port = ((IPEndPoint)elsewhere.LocalEndpoint).Port;
        var part = await pair.PublishAsync(Bytes(5_000));
        var client = pair.Client();

        foreach (var url in new[]
        {
            new UriBuilder(part.Url!) { Port = port }.Uri.ToString(),                                   // another port
            part.Url!.Replace("127.0.0.1", "localhost", StringComparison.Ordinal),                      // another host name
            part.Url!.Replace("/a2a/payloads/", "/a2a/other/", StringComparison.Ordinal),               // outside the source's path
            part.Url!.Replace("http://", "http://user@", StringComparison.Ordinal),                     // user info
        })
        {
            var refused = await Assert.ThrowsAsync<A2AClientException>(() => client.SendMessageAsync(Describe(part with { Url = url })));
            Assert.Equal("PAYLOAD_HOST_NOT_ALLOWED", refused.Reason);
        }

        Assert.False(elsewhere.Pending());
        // The genuine URL still works: nothing above touched the payload.
        Assert.StartsWith("raw ", Lines(await client.SendMessageAsync(Describe(part)))[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_payload_over_the_recipients_limit_is_refused_before_fetching()
    {
        await using var pair = await Pair.StartAsync(recipient: o => o.MaxSize = 64 * 1024);
        var part = await pair.PublishAsync(Bytes(100_000));

        var refused = await Assert.ThrowsAsync<A2AClientException>(() => pair.Client().SendMessageAsync(Describe(part)));

        Assert.Equal("PAYLOAD_TOO_LARGE", refused.Reason);
        Assert.Equal(1, ((InMemoryPayloadStore)pair.Sender.Services.GetRequiredService<IPayloadStore>()).Count);
    }

    [Fact]
    public async Task Only_the_bound_recipient_may_fetch_and_a_refused_fetch_does_not_use_the_url_up()
    {
        await using var pair = await Pair.StartAsync();
        using var intruderKey = A2AGen.Security.SigningKey.Create(A2AGen.Security.SigningAlgorithm.Ed25519);
        pair.Sender.Services.GetRequiredService<A2AKeyRing>().TrustStore.Add("intruder", intruderKey.PublicKey);
        var intruder = new A2AGen.Security.RequestSigner(intruderKey, "intruder", new A2AGen.Security.RequestSigningOptions { TimeProvider = pair.Clock });
        var part = await pair.PublishAsync(Bytes(5_000));

        var unsigned = await pair.FetchAsync(part.Url!, signer: null);
        var stranger = await pair.FetchAsync(part.Url!, intruder);
        var forOther = await pair.PublishAsync(Bytes(5_000), recipient: "other-agent");
        var notForUs = await Assert.ThrowsAsync<A2AClientException>(() => pair.Client().SendMessageAsync(Describe(forOther)));
        var owner = await pair.FetchAsync(part.Url!, pair.RecipientSigner);

        Assert.Equal((HttpStatusCode.Unauthorized, "PAYLOAD_SIGNATURE_REQUIRED"), (unsigned.Status, unsigned.Reason));
        Assert.Equal((HttpStatusCode.Forbidden, "PAYLOAD_WRONG_RECIPIENT"), (stranger.Status, stranger.Reason));
        Assert.Equal("PAYLOAD_WRONG_RECIPIENT", notForUs.Reason);
        Assert.Equal(HttpStatusCode.OK, owner.Status);
    }

    [Fact]
    public async Task A_payload_part_from_a_sender_without_a_declared_source_is_refused()
    {
        await using var pair = await Pair.StartAsync(recipient: o => o.Sources.Clear());
        var part = await pair.PublishAsync(Bytes(5_000));

        var refused = await Assert.ThrowsAsync<A2AClientException>(() => pair.Client().SendMessageAsync(Describe(part)));

        Assert.Equal("PAYLOAD_SOURCE_NOT_ALLOWED", refused.Reason);
    }

    [Fact]
    public async Task The_card_of_an_agent_that_fetches_payloads_declares_the_fetch_extension()
    {
        await using var pair = await Pair.StartAsync(recipient: o => o.MaxSize = 64 * 1024);

        var recipient = await Extensions(pair.Recipient, "/sink");
        var sender = await Extensions(pair.Sender, "/echo");

        var fetch = Assert.Single(recipient, e => e.GetProperty("uri").GetString() == "urn:a2agen:ext:fetch:v1");
        Assert.Equal(64 * 1024, fetch.GetProperty("params").GetProperty("maxSize").GetInt32());
        Assert.False(fetch.TryGetProperty("required", out _));
        // The sender declares no payload source: it serves payloads but fetches none, so its card does not declare it.
        Assert.DoesNotContain(sender, e => e.GetProperty("uri").GetString() == "urn:a2agen:ext:fetch:v1");
        // Requested by a client, the extension is activated like any declared one.
        var probe = new ExtensionProbe("urn:a2agen:ext:fetch:v1");
        await pair.Client(probe).SendMessageAsync(Describe());
        Assert.Equal("urn:a2agen:ext:fetch:v1", probe.Echoed);
    }

    private static async Task<JsonElement[]> Extensions(TestHost host, string path)
    {
        using var card = JsonDocument.Parse(await host.Client.GetStringAsync(path + "/.well-known/agent-card.json"));
        return card.RootElement.GetProperty("capabilities").TryGetProperty("extensions", out var extensions)
            ? [.. extensions.EnumerateArray().Select(e => e.Clone())]
            : [];
    }

    /// <summary>The sender (echo-agent, serving payloads) and the recipient (payload-sink), trusting each other, on one fake clock.</summary>
    private sealed class Pair : IAsyncDisposable
    {
        private Pair(TestHost sender, TestHost recipient, FakeTimeProvider clock)
        {
            Sender = sender;
            Recipient = recipient;
            Clock = clock;
        }

        public TestHost Sender { get; }

        public TestHost Recipient { get; }

        public FakeTimeProvider Clock { get; }

        public string SenderPayloadUrl => new Uri(Sender.BaseAddress, "/a2a/payloads").ToString();

        public A2APayloadPublisher Publisher => Sender.Services.GetRequiredService<A2APayloadPublisher>();

        public A2AGen.Security.RequestSigner SenderSigner =>
            Sender.Services.GetRequiredService<A2AKeyRing>().CreateRequestSigner(SenderId, new A2AGen.Security.RequestSigningOptions { TimeProvider = Clock });

        public A2AGen.Security.RequestSigner RecipientSigner =>
            Recipient.Services.GetRequiredService<A2AKeyRing>().CreateRequestSigner(PayloadSinkAgent.Id, new A2AGen.Security.RequestSigningOptions { TimeProvider = Clock });

        public static async Task<Pair> StartAsync(Action<A2APayloadOptions>? recipient = null, Action<IServiceCollection>? sender = null)
        {
            var clock = new FakeTimeProvider(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));
            Uri? senderBase = null;
            var senderHost = await TestHost.StartAsync(
                s =>
                {
                    s.AddSingleton<TimeProvider>(clock);
                    s.AddA2AAgent<EchoAgent>();
                    s.AddA2APayloads(o =>
                    {
                        o.AgentId = SenderId;
                        o.PublicUrl = new Uri(senderBase!, "/a2a/payloads").ToString();
                        o.OffloadThreshold = 1024;
                    });
                    sender?.Invoke(s);
                },
                app =>
                {
                    app.MapA2AAgent<EchoAgent>("/echo");
                    app.MapA2APayloads();
                });
            senderBase = senderHost.BaseAddress;
            var recipientHost = await TestHost.StartAsync(
                s =>
                {
                    s.AddSingleton<TimeProvider>(clock);
                    s.AddA2AAgent<PayloadSinkAgent>();
                    s.AddA2APayloads(o =>
                    {
                        o.Sources[SenderId] = new Uri(senderBase, "/a2a/payloads").ToString();
                        recipient?.Invoke(o);
                    });
                },
                app => app.MapA2AAgent<PayloadSinkAgent>("/sink"));

            var senderKeys = senderHost.Services.GetRequiredService<A2AKeyRing>();
            var recipientKeys = recipientHost.Services.GetRequiredService<A2AKeyRing>();
            recipientKeys.TrustStore.Add(SenderId, senderKeys.GetSigningKey(SenderId)!.PublicKey);
            senderKeys.TrustStore.Add(PayloadSinkAgent.Id, recipientKeys.GetSigningKey(PayloadSinkAgent.Id)!.PublicKey);
            return new Pair(senderHost, recipientHost, clock);
        }

        /// <summary>The sender's client to the recipient: signs with the sender's key, publishes parts over 1 KiB.</summary>
        public A2AClient Client(DelegatingHandler? inner = null)
        {
            HttpMessageHandler transport = new SocketsHttpHandler();
            if (inner is not null)
            {
                inner.InnerHandler = transport;
                transport = inner;
            }

            var http = new HttpClient(new A2ASigningHandler(SenderSigner, transport));
            return new A2AClient(http, new Uri(Recipient.BaseAddress, "/sink"), new A2AClientOptions { ExpectedAgentId = PayloadSinkAgent.Id, Payloads = Publisher });
        }

        public async Task<Part> PublishAsync(byte[] bytes, string recipient = PayloadSinkAgent.Id) =>
            await Publisher.PublishAsync(new Part { Raw = bytes, MediaType = "application/octet-stream" }, bytes, recipient, default);

        public async Task<(HttpStatusCode Status, string? Reason)> FetchAsync(string url, A2AGen.Security.RequestSigner? signer)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            if (signer is not null)
            {
                request.Headers.Add("A2A-Signature", signer.Sign("GET", new Uri(url), ReadOnlySpan<byte>.Empty));
            }

            using var response = await Recipient.Client.SendAsync(request);
            var body = await response.Content.ReadAsByteArrayAsync();
            if (response.IsSuccessStatusCode)
            {
                return (response.StatusCode, null);
            }

            using var json = JsonDocument.Parse(body);
            return (response.StatusCode, json.RootElement.GetProperty("reason").GetString());
        }

        public async ValueTask DisposeAsync()
        {
            await Sender.DisposeAsync();
            await Recipient.DisposeAsync();
        }
    }

    /// <summary>Requests one extension (<c>A2A-Extensions</c>) and keeps what the agent echoes as activated.</summary>
    private sealed class ExtensionProbe(string uri) : DelegatingHandler
    {
        public string? Echoed { get; private set; }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            request.Headers.Add("A2A-Extensions", uri);
            var response = await base.SendAsync(request, cancellationToken);
            Echoed = response.Headers.TryGetValues("A2A-Extensions", out var values) ? string.Join(",", values) : null;
            return response;
        }
    }

    /// <summary>Keeps the last request body the client sent.</summary>
    private sealed class Capture : DelegatingHandler
    {
        public string? Body { get; private set; }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
            return await base.SendAsync(request, cancellationToken);
        }
    }
}
