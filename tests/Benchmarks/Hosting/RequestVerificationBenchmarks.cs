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
/// Server-side verification of a signed <c>SendMessage</c> — the hosting's signature stage: header, endpoint URL, JWS
/// checks, trust-store lookup by <c>iss</c>/<c>kid</c>, signature, times, <c>aud</c>/<c>htm</c>/<c>htu</c>, <c>bh</c> over the
/// body, and the in-memory replay cache — against the bare signature verification of the same token with the same
/// key (target: ≤ 30 % more). Every measured request carries a fresh token (a pool of 10,000 signed in setup, each
/// with its own <c>jti</c>) so the replay cache records each one; the clock is fixed so the pool never expires.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class RequestVerificationBenchmarks
{
    private const int PoolSize = 10_000;
    private const string PublicUrl = "https://bench.example.com/a2a";

    private static readonly byte[] Body = Encoding.UTF8.GetBytes(
        """{"jsonrpc":"2.0","id":1,"method":"SendMessage","params":{"message":{"messageId":"bench-1","role":"ROLE_USER","parts":[{"text":"hello, benchmark"}]}}}""");

    private readonly Dictionary<string, Case> _cases = [];
    private WebApplication _app = null!;
    private AgentHost _agent = null!;
    private SwappableReplayCache _replay = null!;
    private SkillDescriptor _skill = null!;
    private RequestBody _body = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        var clock = new FixedClock(DateTimeOffset.UtcNow);
        _replay = new SwappableReplayCache(clock);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<TimeProvider>(clock);
        builder.Services.AddA2AAgent<BenchEchoAgent>(o =>
        {
            o.PublicUrl = PublicUrl;
            o.SigningKey = SigningKey.Create(SigningAlgorithm.Ed25519);
        });
        builder.Services.AddSingleton<IReplayCache>(_replay);
        _app = builder.Build();
        var services = _app.Services;
        var registration = services.GetServices<A2AAgentRegistration>().Single();
        _agent = new AgentHost(registration, services.GetRequiredService<IOptionsMonitor<A2AAgentOptions>>().Get(registration.AgentId), "/a2a", services);
        _skill = BenchEchoAgent.Descriptor.Skills[0];

        var bodyContext = new DefaultHttpContext();
        bodyContext.Request.Body = new MemoryStream(Body, writable: false);
        bodyContext.Request.ContentLength = Body.Length;
        _body = (await RequestBody.ReadAsync(bodyContext, 1024 * 1024)).Body!;

        Add("Ed25519", SigningKey.Create(SigningAlgorithm.Ed25519), clock);
        Add("ES256", SigningKey.Create(SigningAlgorithm.EcdsaP256Sha256), clock);
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        foreach (var entry in _cases.Values)
        {
            entry.Key.Dispose();
        }

        _body.Dispose();
        await _app.DisposeAsync();
    }

    [BenchmarkCategory("Ed25519"), Benchmark(Baseline = true)]
    public bool BareVerifyEd25519() => Bare("Ed25519");

    [BenchmarkCategory("Ed25519"), Benchmark]
    public ValueTask<bool> ServerVerifyEd25519() => Server("Ed25519");

    [BenchmarkCategory("ES256"), Benchmark(Baseline = true)]
    public bool BareVerifyEs256() => Bare("ES256");

    [BenchmarkCategory("ES256"), Benchmark]
    public ValueTask<bool> ServerVerifyEs256() => Server("ES256");

    private bool Bare(string name)
    {
        var c = _cases[name];
        return c.Key.Algorithm.Verify(c.Key.PublicKey, c.SigningInput, c.Signature);
    }

    private async ValueTask<bool> Server(string name)
    {
        var c = _cases[name];
        var token = c.Tokens[c.Next];
        if (++c.Next == PoolSize)
        {
            // The pool starts over: a fresh cache, so its tokens are fresh again (amortized over 10,000 requests).
            c.Next = 0;
            _replay.Reset();
        }

        c.Context.Request.Headers["A2A-Signature"] = token;
        var request = new A2ARequest(c.Context, _agent, activity: null) { Body = _body };
        return await SecurityStages.VerifyRequestSignatureAsync(request, _skill) is null && request.Signature is not null;
    }

    private void Add(string name, SigningKey key, TimeProvider clock)
    {
        var issuer = "caller-" + name.ToLowerInvariant();
        _agent.KeyRing.TrustStore.Add(issuer, key.PublicKey);
        var signer = new RequestSigner(key, issuer, new RequestSigningOptions { TimeProvider = clock });
        var tokens = new string[PoolSize];
        for (var i = 0; i < tokens.Length; i++)
        {
            tokens[i] = signer.Sign("POST", new Uri(PublicUrl), Body);
        }

        var lastDot = tokens[0].LastIndexOf('.');
        var context = new DefaultHttpContext();
        context.Request.Method = "POST";
        context.Request.Scheme = "http";
        context.Request.Host = new HostString("10.0.0.7:8080");
        context.Request.Path = "/a2a";
        var c = new Case(key, tokens, Encoding.ASCII.GetBytes(tokens[0][..lastDot]), StrictBase64Url.Decode(tokens[0].AsSpan(lastDot + 1)), context);
        _cases[name] = c;
        if (!Server(name).AsTask().GetAwaiter().GetResult() || !Bare(name))
        {
            throw new InvalidOperationException($"{name}: the benchmark request does not verify");
        }
    }

    private sealed class Case(SigningKey key, string[] tokens, byte[] signingInput, byte[] signature, DefaultHttpContext context)
    {
        public SigningKey Key { get; } = key;

        public string[] Tokens { get; } = tokens;

        public byte[] SigningInput { get; } = signingInput;

        public byte[] Signature { get; } = signature;

        public DefaultHttpContext Context { get; } = context;

        public int Next { get; set; }
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    /// <summary>The default in-memory replay cache, replaceable when the token pool starts over.</summary>
    private sealed class SwappableReplayCache(TimeProvider clock) : IReplayCache
    {
        private InMemoryReplayCache _inner = new(new InMemoryReplayCacheOptions { TimeProvider = clock });

        public void Reset() => _inner = new InMemoryReplayCache(new InMemoryReplayCacheOptions { TimeProvider = clock });

        public ValueTask<bool> TryAddAsync(string issuer, string tokenId, DateTimeOffset keepUntil, CancellationToken cancellationToken = default) =>
            _inner.TryAddAsync(issuer, tokenId, keepUntil, cancellationToken);
    }
}
