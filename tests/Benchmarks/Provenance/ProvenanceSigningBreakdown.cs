using System.Text;
using System.Text.Json;
using A2AGen.Protocol;
using A2AGen.Protocol.Serialization;
using A2AGen.Provenance;
using A2AGen.Security;
using BenchmarkDotNet.Attributes;

namespace A2AGen.Benchmarks.Provenance;

/// <summary>
/// Where <see cref="ProvenanceSigningBenchmarks"/>'s envelope spends its time, step by step, on the same 4 KB artifact
/// with ES256 (the algorithm whose bare signature is cheapest, so the envelope's own work shows most): the artifact's
/// JSON, its RFC 8785 form, the whole content digest, the statement signed into an envelope, and the envelope attached.
/// </summary>
[MemoryDiagnoser]
public class ProvenanceSigningBreakdown
{
    private static readonly ProvenanceBinding Binding = new("task-1", "ctx-1");
    private SigningKey _key = null!;
    private ProvenanceSigner _signer = null!;
    private Artifact _artifact = null!;
    private byte[] _json = null!;
    private string _digest = null!;
    private ProvenanceEnvelope _envelope = null!;

    [GlobalSetup]
    public void Setup()
    {
        _key = SigningKey.Create(SigningAlgorithm.EcdsaP256Sha256);
        _signer = new ProvenanceSigner(_key, "finance-agent");
        _artifact = FourKilobyteArtifact();
        _json = A2AJson.SerializeToUtf8Bytes(_artifact);
        _digest = ProvenanceFormat.ComputeDigest(_artifact);
        _envelope = _signer.CreateEnvelope(ProvenanceKind.Artifact, _digest, _artifact.ArtifactId, Binding);
    }

    [GlobalCleanup]
    public void Cleanup() => _key.Dispose();

    /// <summary>The artifact of <see cref="ProvenanceSigningBenchmarks"/>: 40 rows of figures with non-ASCII notes, about 4 KB of JSON.</summary>
    public static Artifact FourKilobyteArtifact()
    {
        var rows = new StringBuilder("[");
        for (int i = 0; rows.Length < 3900; i++)
        {
            rows.Append(i == 0 ? "" : ",").Append($$"""{"quarter":"2026-Q{{(i % 4) + 1}}","region":"emea-{{i}}","revenue":{{125000.5 + i}},"note":"über ✓"}""");
        }

        rows.Append(']');
        return new Artifact
        {
            ArtifactId = "figures-2026",
            Name = "quarterly figures",
            Parts = [Part.FromData(JsonDocument.Parse(rows.ToString()).RootElement.Clone())],
        };
    }

    [Benchmark(Baseline = true, Description = "bare ES256 signature of the 4 KB JSON")]
    public string BareSignature() => Jws.SignDetached(_key, _json);

    [Benchmark(Description = "artifact JSON (A2AJson)")]
    public byte[] Serialize() => A2AJson.SerializeToUtf8Bytes(_artifact);

    [Benchmark(Description = "RFC 8785 of that JSON")]
    public byte[] Canonicalize() => JsonCanonicalizer.Canonicalize(_json);

    [Benchmark(Description = "content digest (all of the above + SHA-256)")]
    public string ContentDigest() => ProvenanceFormat.ComputeDigest(_artifact);

    [Benchmark(Description = "statement + ES256 signature (CreateEnvelope)")]
    public ProvenanceEnvelope Statement() => _signer.CreateEnvelope(ProvenanceKind.Artifact, _digest, _artifact.ArtifactId, Binding);

    [Benchmark(Description = "envelope attached to the artifact")]
    public Artifact Attach() => ProvenanceFormat.Attach(_artifact, _envelope);
}
