using System.Text;
using A2AGen.Hosting;
using A2AGen.Security;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace A2AGen.Benchmarks.Hosting;

/// <summary>
/// Receiver-side throughput of push notifications (<c>MapA2APushReceiver</c>): one whole notification through the
/// receiver — media type, body read from the request stream, the sender's signature (strict JWS, trust-store lookup,
/// signature, times, <c>aud</c>/<c>htm</c>/<c>htu</c>, <c>bh</c>, the <c>jti</c> into the in-memory replay cache), the
/// <c>StreamResponse</c> parsed and checked, a no-op handler, 204 — against the bare signature verification of the same
/// token (baseline), and the token form (no signature: SHA-256 and a constant-time comparison). Each signed
/// invocation uses a fresh token from a pool of 10,000 made in setup on a fixed clock; the replay cache starts empty
/// again when the pool wraps.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class PushReceiverBenchmarks
{
    private const int PoolSize = 10_000;
    private const string Webhook = "https://bench.example.com/a2a/push";
    private const string Token = "bench-token-0123456789abcdef";

    private static readonly byte[] Body = Encoding.UTF8.GetBytes(
        """{"statusUpdate":{"taskId":"3f1c2b7e-bench","contextId":"9a8b7c6d-bench","status":{"state":"TASK_STATE_WORKING","timestamp":"2026-11-21T12:00:00.000Z"}}}""");

    private static readonly Func<A2APushNotification, CancellationToken, Task> Handler = static (_, _) => Task.CompletedTask;

    private WebApplication _app = null!;
    private PushReceiver _receiver = null!;
    private SwappableReplayCache _replay = null!;
    private SigningKey _key = null!;
    private string[] _tokens = null!;
    private byte[] _signingInput = null!;
    private byte[] _signature = null!;
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        var clock = new FixedClock(DateTimeOffset.UtcNow);
        _replay = new SwappableReplayCache(clock);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<TimeProvider>(clock);
        builder.Services.AddSingleton<IReplayCache>(_replay);
        builder.Services.AddA2APushReceiver(o =>
        {
            o.PublicUrl = Webhook;
            o.AcceptToken("bench-sender", Token);
        });
        _app = builder.Build();
        _receiver = _app.Services.GetRequiredService<PushReceiverRegistry>().Add("/a2a/push", Options.DefaultName).Receiver;

        _key = SigningKey.Create(SigningAlgorithm.Ed25519);
        _app.Services.GetRequiredService<A2AKeyRing>().TrustStore.Add("bench-sender", _key.PublicKey);
        var signer = new RequestSigner(_key, "bench-sender", new RequestSigningOptions { TimeProvider = clock });
        _tokens = [.. Enumerable.Range(0, PoolSize).Select(_ => signer.Sign("POST", new Uri(Webhook), Body))];
        var lastDot = _tokens[0].LastIndexOf('.');
        _signingInput = Encoding.ASCII.GetBytes(_tokens[0][..lastDot]);
        _signature = Convert.FromBase64String(Pad(_tokens[0][(lastDot + 1)..]));
        if (ReceiveSigned().GetAwaiter().GetResult() != StatusCodes.Status204NoContent || ReceiveToken().GetAwaiter().GetResult() != StatusCodes.Status204NoContent || !BareVerify())
        {
            throw new InvalidOperationException("The benchmark notification is not accepted.");
        }
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        _key.Dispose();
        await _app.DisposeAsync();
    }

    [BenchmarkCategory("Receiver"), Benchmark(Baseline = true)]
    public bool BareVerify() => _key.Algorithm.Verify(_key.PublicKey, _signingInput, _signature);

    [BenchmarkCategory("Receiver"), Benchmark]
    public async Task<int> ReceiveSigned()
    {
        var token = _tokens[_next];
        if (++_next == PoolSize)
        {
            _next = 0;
            _replay.Reset();
        }

        var context = NewContext();
        context.Request.Headers["A2A-Signature"] = token;
        await _receiver.HandleAsync(context, Handler);
        return context.Response.StatusCode;
    }

    [BenchmarkCategory("Receiver"), Benchmark]
    public async Task<int> ReceiveToken()
    {
        var context = NewContext();
        context.Request.Headers.Authorization = "Bearer " + Token;
        await _receiver.HandleAsync(context, Handler);
        return context.Response.StatusCode;
    }

    private static DefaultHttpContext NewContext()
    {
        var context = new DefaultHttpContext();
        context.Request.Method = "POST";
        context.Request.Scheme = "http";
        context.Request.Host = new HostString("10.0.0.7:8080");
        context.Request.Path = "/a2a/push";
        context.Request.ContentType = "application/a2a+json";
        context.Request.ContentLength = Body.Length;
        context.Request.Body = new MemoryStream(Body, writable: false);
        context.Response.Body = Stream.Null;
        return context;
    }

    private static string Pad(string base64Url)
    {
        var s = base64Url.Replace('-', '+').Replace('_', '/');
        return s.PadRight(s.Length + ((4 - (s.Length % 4)) % 4), '=');
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    private sealed class SwappableReplayCache(TimeProvider clock) : IReplayCache
    {
        private InMemoryReplayCache _inner = new(new InMemoryReplayCacheOptions { TimeProvider = clock });

        public void Reset() => _inner = new InMemoryReplayCache(new InMemoryReplayCacheOptions { TimeProvider = clock });

        public ValueTask<bool> TryAddAsync(string issuer, string tokenId, DateTimeOffset keepUntil, CancellationToken cancellationToken = default) =>
            _inner.TryAddAsync(issuer, tokenId, keepUntil, cancellationToken);
    }
}
