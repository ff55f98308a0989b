using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using A2AGen.Security;
using NSec.Cryptography;

namespace A2AGen.Benchmarks.Security;

/// <summary>
/// Where a 4 KB X25519 JWE's time goes (docs/BENCHMARKS.md, payload encryption): NSec's ephemeral key creation and key
/// agreement (each a libsodium secure allocation), the AES-256-GCM pass over 4 KB, base64url of the ciphertext, against
/// the whole compact encryption.
/// </summary>
[MemoryDiagnoser]
public class JweCostBreakdownBenchmarks
{
    private readonly byte[] _payload = new byte[4096];
    private readonly byte[] _ciphertext = new byte[4096];
    private readonly byte[] _tag = new byte[16];
    private readonly byte[] _iv = new byte[12];
    private readonly byte[] _cek = RandomNumberGenerator.GetBytes(32);
    private JweDecryptionKey _recipient = null!;
    private Key _ephemeral = null!;
    private PublicKey _recipientPublic = null!;

    [GlobalSetup]
    public void Setup()
    {
        _recipient = JweDecryptionKey.Generate(JweKeyType.X25519);
        _ephemeral = Key.Create(KeyAgreementAlgorithm.X25519);
        _recipientPublic = _recipient.X25519Key!.PublicKey;
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _recipient.Dispose();
        _ephemeral.Dispose();
    }

    [Benchmark(Baseline = true, Description = "whole compact encrypt, 4 KB")]
    public int Encrypt() => Jwe.EncryptCompact(_payload, _recipient.PublicKey, "a", "b").Length;

    [Benchmark(Description = "NSec Key.Create (ephemeral X25519)")]
    public int CreateEphemeral()
    {
        using var key = Key.Create(KeyAgreementAlgorithm.X25519);
        return key.PublicKey.Size;
    }

    [Benchmark(Description = "NSec X25519 agree + export shared secret")]
    public int Agree()
    {
        using var secret = KeyAgreementAlgorithm.X25519.Agree(_ephemeral, _recipientPublic, new SharedSecretCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport })!;
        return secret.Export(SharedSecretBlobFormat.RawSharedSecret).Length;
    }

    [Benchmark(Description = "AES-256-GCM encrypt 4 KB")]
    public int Gcm()
    {
        using var gcm = new AesGcm(_cek, 16);
        gcm.Encrypt(_iv, _payload, _ciphertext, _tag);
        return _tag[0];
    }

    [Benchmark(Description = "base64url 4 KB")]
    public int Base64Url() => StrictBase64Url.Encode(_ciphertext).Length;
}
