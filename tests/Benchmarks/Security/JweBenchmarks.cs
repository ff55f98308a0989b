using System.Text;
using BenchmarkDotNet.Attributes;
using A2AGen.Security;

namespace A2AGen.Benchmarks.Security;

/// <summary>
/// A2AGen's JWE (ECDH-ES+A256KW, A256GCM, compact) encrypt + decrypt of a 4 KB payload, X25519 and P-256 — the figures
/// issue 17 puts beside jose's (<c>tests/interop/jose-jwe-bench.mjs</c>, the same payload, key types and serialization,
/// run in the same session; docs/BENCHMARKS.md).
/// </summary>
[MemoryDiagnoser]
public class JweBenchmarks
{
    private readonly byte[] _payload = Encoding.UTF8.GetBytes(new string('x', 4096));
    private JweDecryptionKey _x25519 = null!;
    private JweDecryptionKey _p256 = null!;

    [GlobalSetup]
    public void Setup()
    {
        _x25519 = JweDecryptionKey.Generate(JweKeyType.X25519);
        _p256 = JweDecryptionKey.Generate(JweKeyType.P256);
        if (X25519() != _payload.Length || P256() != _payload.Length)
        {
            throw new InvalidOperationException("The round trip does not give the payload back.");
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _x25519.Dispose();
        _p256.Dispose();
    }

    [Benchmark(Baseline = true, Description = "encrypt+decrypt 4 KB, X25519")]
    public int X25519() => RoundTrip(_x25519);

    [Benchmark(Description = "encrypt+decrypt 4 KB, P-256")]
    public int P256() => RoundTrip(_p256);

    private int RoundTrip(JweDecryptionKey key)
    {
        var jwe = Jwe.EncryptCompact(_payload, key.PublicKey, "bench-sender", "bench-recipient");
        var result = Jwe.Decrypt(jwe, key);
        return result.Succeeded ? result.Plaintext!.Length : throw new InvalidOperationException(result.Reason);
    }
}
