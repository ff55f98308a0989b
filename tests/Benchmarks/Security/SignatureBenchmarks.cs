using A2AGen.Security;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using NSecBlobFormat = NSec.Cryptography.KeyBlobFormat;
using NSecKey = NSec.Cryptography.Key;
using NSecPublicKey = NSec.Cryptography.PublicKey;
using NSecSignatureAlgorithm = NSec.Cryptography.SignatureAlgorithm;

namespace A2AGen.Benchmarks.Security;

/// <summary>
/// Sign and verify over a 400-byte message (a typical JWS signing input), one key: through the A2AGen facade, through
/// NSec directly (the baseline; target: facade ≤ 5 % more), through the old system-libsodium P/Invoke path
/// (<see cref="LegacySystemLibsodium"/>, before/after), and ES256 for scale.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class SignatureBenchmarks
{
    private readonly byte[] _message = new byte[400];
    private readonly byte[] _signature = new byte[64];
    private SigningKey _facade = null!;
    private NSecKey _nsec = null!;
    private NSecPublicKey _nsecPublicKey = null!;
    private LegacySystemLibsodium _legacy = null!;
    private SigningKey _es256 = null!;
    private byte[] _ed25519Signature = null!;
    private byte[] _es256Signature = null!;

    [GlobalSetup]
    public void Setup()
    {
        new Random(1).NextBytes(_message);
        var seed = new byte[32];
        new Random(2).NextBytes(seed);
        _facade = SigningKey.Import(SigningAlgorithm.Ed25519, seed, KeyFormat.RawPrivateKey);
        _nsec = NSecKey.Import(NSecSignatureAlgorithm.Ed25519, seed, NSecBlobFormat.RawPrivateKey);
        _nsecPublicKey = _nsec.PublicKey;
        _legacy = new LegacySystemLibsodium(seed);
        _es256 = SigningKey.Create(SigningAlgorithm.EcdsaP256Sha256);
        _ed25519Signature = _facade.Algorithm.Sign(_facade, _message);
        _es256Signature = _es256.Algorithm.Sign(_es256, _message);

        // The three Ed25519 paths are the same function: same public key, same signature bytes.
        var legacySignature = new byte[64];
        _legacy.Sign(_message, legacySignature);
        if (!legacySignature.AsSpan().SequenceEqual(_ed25519Signature)
            || !NSecSignatureAlgorithm.Ed25519.Sign(_nsec, _message).AsSpan().SequenceEqual(_ed25519Signature)
            || !_legacy.PublicKey.SequenceEqual(_facade.PublicKey.Export(KeyFormat.RawPublicKey)))
        {
            throw new InvalidOperationException("The Ed25519 paths disagree.");
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _facade.Dispose();
        _nsec.Dispose();
        _es256.Dispose();
    }

    [BenchmarkCategory("Sign"), Benchmark(Baseline = true)]
    public void SignNSecDirect() => NSecSignatureAlgorithm.Ed25519.Sign(_nsec, _message, _signature);

    [BenchmarkCategory("Sign"), Benchmark]
    public void SignFacade() => _facade.Algorithm.Sign(_facade, _message, _signature);

    [BenchmarkCategory("Sign"), Benchmark]
    public void SignLegacySystemLibsodium() => _legacy.Sign(_message, _signature);

    [BenchmarkCategory("Sign"), Benchmark]
    public void SignEs256() => _es256.Algorithm.Sign(_es256, _message, _signature);

    [BenchmarkCategory("Verify"), Benchmark(Baseline = true)]
    public bool VerifyNSecDirect() => NSecSignatureAlgorithm.Ed25519.Verify(_nsecPublicKey, _message, _ed25519Signature);

    [BenchmarkCategory("Verify"), Benchmark]
    public bool VerifyFacade() => _facade.Algorithm.Verify(_facade.PublicKey, _message, _ed25519Signature);

    [BenchmarkCategory("Verify"), Benchmark]
    public bool VerifyLegacySystemLibsodium() => _legacy.Verify(_message, _ed25519Signature);

    [BenchmarkCategory("Verify"), Benchmark]
    public bool VerifyEs256() => _es256.Algorithm.Verify(_es256.PublicKey, _message, _es256Signature);
}
