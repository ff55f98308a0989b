using A2AGen.Security;
using BenchmarkDotNet.Attributes;

namespace A2AGen.Benchmarks.Security;

/// <summary>Raw sign and verify per Ed25519 backend and for ES256 over a 400-byte message (a typical JWS signing input).</summary>
[MemoryDiagnoser]
public class SignatureBenchmarks
{
    private readonly byte[] _message = new byte[400];
    private readonly byte[] _signature = new byte[64];
    private Key _libsodium = null!;
    private Key _openSsl = null!;
    private Key _es256 = null!;
    private byte[] _libsodiumSignature = null!;
    private byte[] _es256Signature = null!;

    [GlobalSetup]
    public void Setup()
    {
        new Random(1).NextBytes(_message);
        var seed = new byte[32];
        new Random(2).NextBytes(seed);
        _libsodium = Key.Import(Ed25519SignatureAlgorithm.ForBackend(Ed25519Backend.Libsodium), seed, KeyBlobFormat.RawPrivateKey);
        _openSsl = Key.Import(Ed25519SignatureAlgorithm.ForBackend(Ed25519Backend.OpenSsl), seed, KeyBlobFormat.RawPrivateKey);
        _es256 = Key.Create(SignatureAlgorithm.EcdsaP256Sha256);
        _libsodiumSignature = _libsodium.Algorithm.Sign(_libsodium, _message);
        _es256Signature = _es256.Algorithm.Sign(_es256, _message);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _libsodium.Dispose();
        _openSsl.Dispose();
        _es256.Dispose();
    }

    [Benchmark(Baseline = true)]
    public void SignEd25519Libsodium() => _libsodium.Algorithm.Sign(_libsodium, _message, _signature);

    [Benchmark]
    public void SignEd25519OpenSsl() => _openSsl.Algorithm.Sign(_openSsl, _message, _signature);

    [Benchmark]
    public void SignEs256() => _es256.Algorithm.Sign(_es256, _message, _signature);

    [Benchmark]
    public bool VerifyEd25519Libsodium() => _libsodium.Algorithm.Verify(_libsodium.PublicKey, _message, _libsodiumSignature);

    [Benchmark]
    public bool VerifyEd25519OpenSsl() => _openSsl.Algorithm.Verify(_openSsl.PublicKey, _message, _libsodiumSignature);

    [Benchmark]
    public bool VerifyEs256() => _es256.Algorithm.Verify(_es256.PublicKey, _message, _es256Signature);
}
