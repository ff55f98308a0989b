using A2AGen.Protocol;
using A2AGen.Protocol.Serialization;
using A2AGen.Provenance;
using A2AGen.Security;
using BenchmarkDotNet.Attributes;

namespace A2AGen.Benchmarks.Provenance;

/// <summary>
/// Signing a 4 KB artifact into a provenance envelope (content digest over its RFC 8785 form, statement, detached JWS,
/// the envelope attached to the metadata) against a bare signature of the same artifact (its JSON serialized and signed
/// as a detached JWS). Target: ≤ 1.3× the bare signature.
/// </summary>
[MemoryDiagnoser]
public class ProvenanceSigningBenchmarks
{
    private static readonly ProvenanceBinding Binding = new("task-1", "ctx-1");
    private SigningKey _key = null!;
    private ProvenanceSigner _signer = null!;
    private Artifact _artifact = null!;

    [Params("EdDSA", "ES256")]
    public string Algorithm { get; set; } = "EdDSA";

    [GlobalSetup]
    public void Setup()
    {
        _key = SigningKey.Create(Algorithm == "EdDSA" ? SigningAlgorithm.Ed25519 : SigningAlgorithm.EcdsaP256Sha256);
        _signer = new ProvenanceSigner(_key, "finance-agent");
        _artifact = ProvenanceSigningBreakdown.FourKilobyteArtifact();
        int size = A2AJson.SerializeToUtf8Bytes(_artifact).Length;
        if (size is < 3900 or > 4300)
        {
            throw new InvalidOperationException($"The artifact is {size} bytes, not about 4 KB.");
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _key.Dispose();

    [Benchmark(Baseline = true, Description = "bare signature of the artifact")]
    public string BareSignature() => Jws.SignDetached(_key, A2AJson.SerializeToUtf8Bytes(_artifact));

    [Benchmark(Description = "provenance envelope")]
    public Artifact ProvenanceEnvelope() => _signer.Sign(_artifact, Binding);
}
