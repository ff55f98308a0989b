using System.Text.Json;
using A2AGen.Passport;
using A2AGen.Security;
using BenchmarkDotNet.Attributes;

namespace A2AGen.Benchmarks.Passport;

/// <summary>
/// Verifying a signed Secure Passport the first time (every check, including the signature) against verifying the
/// same passport again (the verified-passport cache answers the signature check; the trust-store lookup, times,
/// audience and request signer are still checked). Target: a cache hit costs ≤ 5 % of a first verification. Both
/// run the whole <see cref="PassportVerifier.Verify"/> on the seed's finance passport with an audience and a signed
/// request's issuer; the first verification uses a verifier without a cache, so each call verifies the signature.
/// </summary>
[MemoryDiagnoser]
public class PassportVerificationBenchmarks
{
    private static readonly PassportVerificationContext Context = new()
    {
        AgentId = "finance-agent",
        Endpoint = RequestTarget.Create("https://finance.example.com/a2a"),
        RequestIssuer = "marketing-agent.com",
    };

    private PassportVerifier _uncached = null!;
    private PassportVerifier _cached = null!;
    private CallerContext _passport = null!;
    private SigningKey _key = null!;

    [Params("EdDSA", "ES256")]
    public string Algorithm { get; set; } = "EdDSA";

    [GlobalSetup]
    public void Setup()
    {
        _key = SigningKey.Create(Algorithm == "EdDSA" ? SigningAlgorithm.Ed25519 : SigningAlgorithm.EcdsaP256Sha256);
        var trust = new TrustStore();
        trust.Add("marketing-agent.com", _key.PublicKey);
        using var state = JsonDocument.Parse("""{"query_type":"quarterly_revenue","access_scope":["read:finance_db","user:Gulli"]}""");
        _passport = new PassportSigner(_key, "a2a://marketing-agent.com", new PassportSigningOptions { Lifetime = TimeSpan.FromHours(1) })
            .Create(PassportState.FromJsonObject(state.RootElement), sessionId: "finance-session-1", audience: "https://finance.example.com/a2a");

        _uncached = new PassportVerifier(trust, new PassportVerifierOptions { CacheCapacity = 0 });
        _cached = new PassportVerifier(trust);
        if (!_uncached.Verify(_passport, Context).IsVerified || !_cached.Verify(_passport, Context).IsVerified || !_cached.Verify(_passport, Context).FromCache)
        {
            throw new InvalidOperationException("The benchmark passport does not verify, or does not hit the cache.");
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _key.Dispose();

    [Benchmark(Baseline = true, Description = "first verification")]
    public PassportVerificationResult FirstVerification() => _uncached.Verify(_passport, Context);

    [Benchmark(Description = "repeated passport (cache hit)")]
    public PassportVerificationResult RepeatedPassport() => _cached.Verify(_passport, Context);
}
