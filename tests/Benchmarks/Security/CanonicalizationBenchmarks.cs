using A2AGen.Protocol;
using A2AGen.Protocol.Serialization;
using A2AGen.Security;
using BenchmarkDotNet.Attributes;

namespace A2AGen.Benchmarks.Security;

/// <summary>RFC 8785 canonicalization of a ~4 KB Agent Card against System.Text.Json serializing the same card (target: ≤ 2×).</summary>
[MemoryDiagnoser]
public class CanonicalizationBenchmarks
{
    private AgentCard _card = null!;
    private byte[] _protoJson = null!;
    private byte[] _canonical = null!;

    [GlobalSetup]
    public void Setup()
    {
        _card = SampleCard.Create(skills: 12);
        _protoJson = A2AJson.SerializeToUtf8Bytes(_card);
        _canonical = JsonCanonicalizer.Canonicalize(_protoJson);
        Console.WriteLine($"// card: {_protoJson.Length} bytes ProtoJSON, {_canonical.Length} bytes canonical");
    }

    /// <summary>The reference: System.Text.Json (source-generated) serializing the card.</summary>
    [Benchmark(Baseline = true)]
    public byte[] SerializeCard() => A2AJson.SerializeToUtf8Bytes(_card);

    /// <summary>Canonicalizing the card as hosting serializes it (members not sorted: the reordering path).</summary>
    [Benchmark]
    public byte[] CanonicalizeProtoJson() => JsonCanonicalizer.Canonicalize(_protoJson);

    /// <summary>Canonicalizing a card that is already canonical (what a verifier receives from A2AGen).</summary>
    [Benchmark]
    public byte[] CanonicalizeCanonical() => JsonCanonicalizer.Canonicalize(_canonical);
}
