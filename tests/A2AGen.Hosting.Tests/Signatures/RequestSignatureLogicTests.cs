using System.Text;
using System.Text.Json;
using A2AGen.Security;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace A2AGen.Hosting.Tests.Signatures;

/// <summary>
/// The pure request-signature logic in <c>A2AGen.Security</c> (runtime <c>Security/Requests</c>), without HTTP:
/// signer claims, URL normal form, validator ordering and time handling, and the replay caches. Everything that reads
/// the clock reads the test's <see cref="FakeTimeProvider"/>, so no outcome depends on the date the tests run.
/// </summary>
public sealed class RequestSignatureLogicTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);
    private static readonly Uri Url = new("https://agents.example.com/a2a");
    private static readonly byte[] Body = """{"jsonrpc":"2.0","id":1,"method":"SendMessage"}"""u8.ToArray();

    [Fact]
    public void The_signer_writes_every_claim_over_the_exact_body()
    {
        using var key = SigningKey.Create(SigningAlgorithm.Ed25519);
        var clock = new FakeTimeProvider(Start);
        var signer = new RequestSigner(key, "travel-desk", new RequestSigningOptions { TimeProvider = clock });
        var token = signer.Sign("POST", new Uri("HTTPS://Agents.Example.com:443/a2a?A2A-Version=1.0#frag"), Body);

        var parts = token.Split('.');
        using var header = JsonDocument.Parse(StrictBase64Url.Decode(parts[0]));
        Assert.Equal(["alg", "kid", "typ"], header.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal("EdDSA", header.RootElement.GetProperty("alg").GetString());
        Assert.Equal(key.PublicKey.Thumbprint, header.RootElement.GetProperty("kid").GetString());
        Assert.Equal("a2a-request+jwt", header.RootElement.GetProperty("typ").GetString());

        using var claims = JsonDocument.Parse(StrictBase64Url.Decode(parts[1]));
        var root = claims.RootElement;
        Assert.Equal(["iss", "aud", "iat", "exp", "jti", "htm", "htu", "bh"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal("travel-desk", root.GetProperty("iss").GetString());
        Assert.Equal("https://agents.example.com/a2a", root.GetProperty("aud").GetString());
        Assert.Equal("https://agents.example.com/a2a", root.GetProperty("htu").GetString());
        Assert.Equal(Start.ToUnixTimeSeconds(), root.GetProperty("iat").GetInt64());
        Assert.Equal(Start.ToUnixTimeSeconds() + 60, root.GetProperty("exp").GetInt64());
        Assert.Equal("POST", root.GetProperty("htm").GetString());
        Assert.Equal(Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(Body)).TrimEnd('=').Replace('+', '-').Replace('/', '_'), root.GetProperty("bh").GetString());
        Assert.Equal(22, root.GetProperty("jti").GetString()!.Length);
        Assert.NotEqual(root.GetProperty("jti").GetString(), JsonDocument.Parse(StrictBase64Url.Decode(signer.Sign("POST", Url, Body).Split('.')[1])).RootElement.GetProperty("jti").GetString());
    }

    [Fact]
    public void The_signer_refuses_bad_issuers_urls_and_lifetimes()
    {
        using var key = SigningKey.Create(SigningAlgorithm.Ed25519);
        Assert.Throws<ArgumentException>(() => new RequestSigner(key, "../etc"));
        Assert.Throws<ArgumentException>(() => new RequestSigner(key, "a", new RequestSigningOptions { Lifetime = TimeSpan.FromHours(1) }));
        var signer = new RequestSigner(key, "a");
        Assert.Throws<ArgumentException>(() => signer.Sign("POST", new Uri("ftp://h/x"), Body));
        Assert.Throws<ArgumentException>(() => signer.Sign("POST", new Uri("https://user:secret@h/x"), Body));
    }

    [Theory]
    [InlineData("https://agents.example.com/a2a", "https://agents.example.com/a2a")]
    [InlineData("HTTPS://AGENTS.example.COM:443/a2a", "https://agents.example.com/a2a")]
    [InlineData("http://h:80/a/./b/../c?q=1#f", "http://h/a/c")]
    [InlineData("https://h:8443/A2A", "https://h:8443/A2A")]
    [InlineData("https://h", "https://h/")]
    [InlineData("https://[::1]:443/x", "https://[::1]/x")]
    [InlineData("https://bücher.example/x", "https://xn--bcher-kva.example/x")]
    [InlineData("ftp://h/x", null)]
    [InlineData("https://u:p@h/x", null)]
    [InlineData("/relative", null)]
    [InlineData("", null)]
    public void Urls_compare_in_a_normal_form(string url, string? expected) => Assert.Equal(expected, RequestTarget.Normalize(url));

    [Fact]
    public void A_target_matches_only_its_urls()
    {
        var target = RequestTarget.Create("https://agents.example.com/a2a", "https://alias.example.net/x");
        Assert.True(target.Matches("https://AGENTS.example.com/a2a?x=1"));
        Assert.True(target.Matches("https://alias.example.net/x"));
        Assert.False(target.Matches("https://agents.example.com/a2a/"));
        Assert.False(target.Matches("https://agents.example.com/A2A"));
        Assert.False(target.Matches("http://agents.example.com/a2a"));
        Assert.False(target.Matches(null));
        Assert.Throws<ArgumentException>(() => RequestTarget.Create("not a url"));
    }

    /// <summary>
    /// A caller and a verifier. The verifier and its replay cache read <see cref="Clock"/>; the caller signs on
    /// <see cref="SignerClock"/>, the same clock unless the caller's runs ahead (time only moves forward on a fake clock).
    /// </summary>
    private sealed class Setup : IDisposable
    {
        public Setup(Func<TimeProvider, IReplayCache>? cache = null, TimeSpan? signerAhead = null)
        {
            Clock = new FakeTimeProvider(Start);
            SignerClock = signerAhead is { } ahead ? new FakeTimeProvider(Start + ahead) : Clock;
            Trust.Add("travel-desk", Caller.PublicKey);
            Signer = new RequestSigner(Caller, "travel-desk", new RequestSigningOptions { TimeProvider = SignerClock });
            Validator = new RequestSignatureValidator(Trust, cache?.Invoke(Clock) ?? new InMemoryReplayCache(new InMemoryReplayCacheOptions { TimeProvider = Clock }), new RequestSignatureValidationOptions { TimeProvider = Clock });
        }

        public FakeTimeProvider Clock { get; }

        public FakeTimeProvider SignerClock { get; }

        public SigningKey Caller { get; } = SigningKey.Create(SigningAlgorithm.Ed25519);

        public TrustStore Trust { get; } = new();

        public RequestSigner Signer { get; }

        public RequestSignatureValidator Validator { get; }

        public RequestTarget Target { get; } = RequestTarget.Create(Url.ToString());

        public ValueTask<RequestSignatureValidationResult> ValidateAsync(string token, byte[]? body = null, string method = "POST") =>
            Validator.ValidateAsync(token, method, Target, body ?? Body);

        public void Dispose() => Caller.Dispose();
    }

    [Fact]
    public async Task Time_limits_hold_exactly_at_their_edges()
    {
        using var setup = new Setup();
        var token = setup.Signer.Sign("POST", Url, Body);

        // exp = iat + 60 s; accepted until exp + 5 s skew.
        setup.Clock.Advance(TimeSpan.FromSeconds(64));
        Assert.True((await setup.ValidateAsync(token)).IsValid);
        var late = setup.Signer.Sign("POST", Url, Body);
        setup.Clock.Advance(TimeSpan.FromSeconds(65));
        Assert.Equal(RequestSignatureReasons.Expired, (await setup.ValidateAsync(late)).Reason);

        // iat may lie up to 5 s ahead of the verifier's clock.
        using var ahead = new Setup(signerAhead: TimeSpan.FromSeconds(5));
        var future = ahead.Signer.Sign("POST", Url, Body);
        Assert.True((await ahead.ValidateAsync(future)).IsValid);
        ahead.SignerClock.Advance(TimeSpan.FromSeconds(1));
        var further = ahead.Signer.Sign("POST", Url, Body);
        Assert.Equal(RequestSignatureReasons.IssuedInFuture, (await ahead.ValidateAsync(further)).Reason);
    }

    [Fact]
    public async Task The_replay_cache_only_sees_tokens_that_passed_every_other_check()
    {
        // The cache behind the counter reads the test's clock too: on the system clock it would find the token expired
        // once the real date passed Start + 65 s, and admit the replay.
        CountingCache cache = null!;
        using var setup = new Setup(clock => cache = new CountingCache(clock));
        var token = setup.Signer.Sign("POST", Url, Body);
        Assert.Equal(RequestSignatureReasons.BodyHashMismatch, (await setup.ValidateAsync(token, "{}"u8.ToArray())).Reason);
        Assert.Equal(RequestSignatureReasons.MethodMismatch, (await setup.ValidateAsync(token, method: "PUT")).Reason);
        Assert.Equal(0, cache.Calls);

        // The failed attempts did not burn the token: the genuine request still passes, once.
        Assert.True((await setup.ValidateAsync(token)).IsValid);
        Assert.Equal(RequestSignatureReasons.Replayed, (await setup.ValidateAsync(token)).Reason);
        Assert.Equal(2, cache.Calls);
        Assert.Equal(Start.AddSeconds(65), cache.LastKeepUntil);
    }

    [Fact]
    public async Task An_empty_body_needs_no_bh_but_a_present_bh_must_match()
    {
        using var setup = new Setup();
        var withoutBody = setup.Signer.Sign("POST", Url, []);
        Assert.True((await setup.ValidateAsync(withoutBody, [])).IsValid);
        var forBody = setup.Signer.Sign("POST", Url, Body);
        Assert.Equal(RequestSignatureReasons.BodyHashMismatch, (await setup.ValidateAsync(forBody, [])).Reason);
    }

    [Fact]
    public async Task An_unreachable_replay_cache_refuses_rather_than_lets_through()
    {
        using var setup = new Setup(clock => new CountingCache(clock) { Fail = true });
        var result = await setup.ValidateAsync(setup.Signer.Sign("POST", Url, Body));
        Assert.False(result.IsValid);
        Assert.True(result.IsUnavailable);
        Assert.Equal(RequestSignatureReasons.ReplayCacheUnavailable, result.Reason);
    }

    [Fact]
    public async Task The_in_memory_cache_forgets_ids_only_after_they_expire()
    {
        var clock = new FakeTimeProvider(Start);
        var cache = new InMemoryReplayCache(new InMemoryReplayCacheOptions { Capacity = 2, TimeProvider = clock });
        Assert.True(await cache.TryAddAsync("a", "1", Start.AddSeconds(10)));
        Assert.False(await cache.TryAddAsync("a", "1", Start.AddSeconds(10)));
        Assert.True(await cache.TryAddAsync("b", "1", Start.AddSeconds(20)));

        // Full of live ids: refuse, never evict one that could still be replayed.
        await Assert.ThrowsAsync<ReplayCacheUnavailableException>(async () => await cache.TryAddAsync("c", "1", Start.AddSeconds(30)));

        clock.Advance(TimeSpan.FromSeconds(10));
        Assert.True(await cache.TryAddAsync("c", "1", Start.AddSeconds(40)));
        Assert.False(await cache.TryAddAsync("b", "1", Start.AddSeconds(20)));
        Assert.Equal(2, cache.Count);

        // An id whose entry expired may be recorded again (its token can no longer pass the time checks anyway).
        clock.Advance(TimeSpan.FromSeconds(15));
        Assert.True(await cache.TryAddAsync("b", "1", Start.AddSeconds(60)));
    }

    [Fact]
    public async Task The_in_memory_cache_admits_an_id_exactly_once_under_contention()
    {
        var cache = new InMemoryReplayCache(new InMemoryReplayCacheOptions { TimeProvider = new FakeTimeProvider(Start) });
        var keepUntil = Start.AddMinutes(1);
        for (var round = 0; round < 50; round++)
        {
            var id = "jti-" + round;
            var results = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(async () => await cache.TryAddAsync("travel-desk", id, keepUntil))));
            Assert.Equal(1, results.Count(r => r));
        }
    }

    [Fact]
    public async Task Ids_are_scoped_by_issuer()
    {
        var cache = new InMemoryReplayCache(new InMemoryReplayCacheOptions { TimeProvider = new FakeTimeProvider(Start) });
        var keepUntil = Start.AddMinutes(1);
        Assert.True(await cache.TryAddAsync("travel-desk", "same", keepUntil));
        Assert.True(await cache.TryAddAsync("billing", "same", keepUntil));
        Assert.False(await cache.TryAddAsync("billing", "same", keepUntil));
    }

    [Fact]
    public async Task The_distributed_cache_refuses_a_replay_seen_by_another_instance_and_keeps_the_entry_until_expiry()
    {
        var clock = new FakeTimeProvider(Start);
        var shared = SharedCache(clock);
        var first = new DistributedReplayCache(shared, Options.Create(new DistributedReplayCacheOptions()), clock);
        var second = new DistributedReplayCache(shared, Options.Create(new DistributedReplayCacheOptions()), clock);
        var keepUntil = Start.AddSeconds(2);
        Assert.True(await first.TryAddAsync("travel-desk", "abc", keepUntil));
        Assert.False(await second.TryAddAsync("travel-desk", "abc", keepUntil));
        Assert.False(await first.TryAddAsync("travel-desk", "abc", keepUntil));

        // The shared entry is keyed by a hash, never by caller-chosen text.
        var key = "a2agen:replay:" + StrictBase64Url.Encode(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes("travel-desk\0abc")));
        clock.Advance(TimeSpan.FromSeconds(1.5));
        Assert.NotNull(await shared.GetAsync(key));
        clock.Advance(TimeSpan.FromSeconds(0.5));
        Assert.Null(await shared.GetAsync(key));
    }

    [Fact]
    public async Task Instances_sharing_a_cache_admit_each_id_once_when_their_calls_do_not_overlap()
    {
        // Each instance gets its own in-process cache: they only meet in the shared one. Sequential calls from several
        // instances (the replay-later case) are always refused; that is the guarantee this adapter gives.
        var clock = new FakeTimeProvider(Start);
        var shared = SharedCache(clock);
        var instances = Enumerable.Range(0, 4).Select(_ => new DistributedReplayCache(shared, Options.Create(new DistributedReplayCacheOptions()), clock)).ToArray();
        var keepUntil = Start.AddMinutes(1);
        for (var i = 0; i < 100; i++)
        {
            var admitted = 0;
            foreach (var instance in instances)
            {
                admitted += await instance.TryAddAsync("travel-desk", "id-" + i, keepUntil) ? 1 : 0;
            }

            Assert.Equal(1, admitted);
        }
    }

    [Fact]
    public async Task An_unreachable_shared_cache_is_reported_as_unavailable()
    {
        var cache = new DistributedReplayCache(new BrokenCache(), Options.Create(new DistributedReplayCacheOptions()), new FakeTimeProvider(Start));
        var error = await Assert.ThrowsAsync<ReplayCacheUnavailableException>(async () => await cache.TryAddAsync("a", "b", Start.AddMinutes(1)));
        Assert.Contains("IOException", error.Message, StringComparison.Ordinal);
    }

    /// <summary>An in-process <see cref="IDistributedCache"/> whose entries expire on the test's clock.</summary>
    private static MemoryDistributedCache SharedCache(TimeProvider clock) =>
        new(Options.Create(new MemoryDistributedCacheOptions { Clock = new CacheClock(clock) }));

    private sealed class CacheClock(TimeProvider clock) : Microsoft.Extensions.Internal.ISystemClock
    {
        public DateTimeOffset UtcNow => clock.GetUtcNow();
    }

    private sealed class CountingCache(TimeProvider clock) : IReplayCache
    {
        private readonly InMemoryReplayCache _inner = new(new InMemoryReplayCacheOptions { TimeProvider = clock });

        public int Calls { get; private set; }

        public bool Fail { get; init; }

        public DateTimeOffset LastKeepUntil { get; private set; }

        public ValueTask<bool> TryAddAsync(string issuer, string tokenId, DateTimeOffset keepUntil, CancellationToken cancellationToken = default)
        {
            Calls++;
            LastKeepUntil = keepUntil;
            return Fail ? throw new ReplayCacheUnavailableException("store down") : _inner.TryAddAsync(issuer, tokenId, keepUntil, cancellationToken);
        }
    }

    private sealed class BrokenCache : IDistributedCache
    {
        public byte[]? Get(string key) => throw new IOException("connection refused");

        public Task<byte[]?> GetAsync(string key, CancellationToken token = default) => throw new IOException("connection refused");

        public void Refresh(string key) => throw new IOException("connection refused");

        public Task RefreshAsync(string key, CancellationToken token = default) => throw new IOException("connection refused");

        public void Remove(string key) => throw new IOException("connection refused");

        public Task RemoveAsync(string key, CancellationToken token = default) => throw new IOException("connection refused");

        public void Set(string key, byte[] value, DistributedCacheEntryOptions options) => throw new IOException("connection refused");

        public Task SetAsync(string key, byte[] value, DistributedCacheEntryOptions options, CancellationToken token = default) => throw new IOException("connection refused");
    }
}
