using System.Text.Json;
using A2AGen.Protocol;
using A2AGen.Provenance;
using A2AGen.Security;
using BenchmarkDotNet.Attributes;

namespace A2AGen.Benchmarks.Provenance;

/// <summary>
/// Verifying provenance: one envelope (the baseline), a 10-link chain (the artifact's envelope and nine ancestors in a
/// line, each signed by one of three agents, carried along), and the same chain again through a verifier that has seen
/// it (the cache skips the signatures; keys, times, binding and content are checked again). Targets: the chain ≤ 11× one
/// envelope; the repeat ≤ 5 % of the chain's first verification. Every case runs the whole
/// <see cref="ProvenanceVerifier.Verify(Artifact, ProvenanceExpectations?)"/>, content digest included.
/// </summary>
[MemoryDiagnoser]
public class ProvenanceChainBenchmarks
{
    private static readonly ProvenanceExpectations Expected = new() { TaskId = "task-9", ContextId = "ctx" };

    private readonly List<SigningKey> _keys = [];
    private ProvenanceVerifier _uncached = null!;
    private ProvenanceVerifier _cached = null!;
    private Artifact _single = null!;
    private Artifact _chain = null!;

    [Params("EdDSA", "ES256")]
    public string Algorithm { get; set; } = "EdDSA";

    [GlobalSetup]
    public void Setup()
    {
        var trust = new TrustStore();
        var signers = new List<ProvenanceSigner>();
        foreach (string agent in (string[])["currency-agent", "finance-agent", "travel-desk"])
        {
            var key = SigningKey.Create(Algorithm == "EdDSA" ? SigningAlgorithm.Ed25519 : SigningAlgorithm.EcdsaP256Sha256);
            _keys.Add(key);
            trust.Add(agent, key.PublicKey);
            signers.Add(new ProvenanceSigner(key, agent));
        }

        ProvenanceEnvelope? previous = null;
        for (int i = 0; i < 10; i++)
        {
            var artifact = Content(i);
            var signed = signers[i % 3].Sign(artifact, new ProvenanceBinding($"task-{i}", "ctx"), previous is null ? null : [previous]);
            previous = ProvenanceEnvelope.Parse(ProvenanceFormat.FindEnvelope(signed)!.Value);
            if (i == 0)
            {
                _single = signed;
            }

            _chain = signed;
        }

        _uncached = new ProvenanceVerifier(trust, new ProvenanceVerifierOptions { CacheCapacity = 0 });
        _cached = new ProvenanceVerifier(trust);
        var one = _uncached.Verify(_single, new ProvenanceExpectations { TaskId = "task-0", ContextId = "ctx" });
        var chain = _uncached.Verify(_chain, Expected);
        _cached.Verify(_chain, Expected);
        if (!one.IsVerified || !chain.IsVerified || chain.Links.Count != 10 || !_cached.Verify(_chain, Expected).FromCache)
        {
            throw new InvalidOperationException("The benchmark chain does not verify, is not 10 links, or does not hit the cache.");
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _keys.ForEach(k => k.Dispose());

    [Benchmark(Baseline = true, Description = "one envelope")]
    public ProvenanceVerificationResult OneEnvelope() => _uncached.Verify(_single, new ProvenanceExpectations { TaskId = "task-0", ContextId = "ctx" });

    [Benchmark(Description = "10-link chain")]
    public ProvenanceVerificationResult TenLinkChain() => _uncached.Verify(_chain, Expected);

    [Benchmark(Description = "10-link chain seen before (cache)")]
    public ProvenanceVerificationResult TenLinkChainCached() => _cached.Verify(_chain, Expected);

    // A small quote-sized artifact (~150 bytes of JSON), the same size at every link.
    private static Artifact Content(int i) => new()
    {
        ArtifactId = $"artifact-{i}",
        Name = "quote",
        Parts = [Part.FromData(JsonDocument.Parse($$"""{"from":"EUR","to":"USD","rate":1.0842,"step":{{i}}}""").RootElement.Clone())],
    };
}
