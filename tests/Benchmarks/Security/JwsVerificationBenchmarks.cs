using System.Text;
using A2AGen.Security;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using NSecBlobFormat = NSec.Cryptography.KeyBlobFormat;
using NSecPublicKey = NSec.Cryptography.PublicKey;
using NSecSignatureAlgorithm = NSec.Cryptography.SignatureAlgorithm;

namespace A2AGen.Benchmarks.Security;

/// <summary>
/// Full compact-JWS verification (parse, base64url, header, allow-list, key lookup, signature) against the bare
/// signature verification of the same signing input with the same key: for Ed25519 the bare check is NSec's own
/// <c>Verify</c>, not A2AGen's facade (target: ≤ 1.15×).
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class JwsVerificationBenchmarks
{
    private readonly Dictionary<string, (SigningKey Key, string Token, byte[] Input, byte[] Signature, JwsVerifier Verifier)> _cases = [];
    private string _unknownKidToken = null!;
    private NSecPublicKey _nsecPublicKey = null!;

    [GlobalSetup]
    public void Setup()
    {
        // A request-signature-sized token: header {alg,kid,typ} and ~250 bytes of claims.
        long now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var claims = Encoding.UTF8.GetBytes(
            $$"""{"iss":"travel-desk","aud":"https://currency.example.com/a2a","iat":{{now}},"exp":{{now + 60}},"jti":"3f2b0c4e-6a51-4a8e-9a53-0d2b7f1c9e10","htm":"POST","htu":"https://currency.example.com/a2a","bh":"47DEQpj8HBSa-_TImW-5JCeuQeRkm5NMpJWZG3hSuFU"}""");
        Add("Ed25519", SigningKey.Create(SigningAlgorithm.Ed25519), claims);
        _nsecPublicKey = NSecPublicKey.Import(NSecSignatureAlgorithm.Ed25519, _cases["Ed25519"].Key.PublicKey.Export(KeyFormat.RawPublicKey), NSecBlobFormat.RawPublicKey);
        Add("ES256", SigningKey.Create(SigningAlgorithm.EcdsaP256Sha256), claims);
        using var stranger = SigningKey.Create(SigningAlgorithm.Ed25519);
        _unknownKidToken = Jws.Sign(stranger, claims, new JwsSigningOptions { Type = "a2a-request+jwt" });
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        foreach (var entry in _cases.Values)
        {
            entry.Key.Dispose();
        }
    }

    [BenchmarkCategory("Ed25519"), Benchmark(Baseline = true)]
    public bool BareVerifyNSec()
    {
        var c = _cases["Ed25519"];
        return NSecSignatureAlgorithm.Ed25519.Verify(_nsecPublicKey, c.Input, c.Signature);
    }

    [BenchmarkCategory("Ed25519"), Benchmark]
    public bool JwsVerifyEd25519() => Full("Ed25519");

    [BenchmarkCategory("ES256"), Benchmark(Baseline = true)]
    public bool BareVerifyEs256() => Bare("ES256");

    [BenchmarkCategory("ES256"), Benchmark]
    public bool JwsVerifyEs256() => Full("ES256");

    /// <summary>Everything but the signature check (parse, base64url, header, allow-list, typ, key lookup): the verifier's own cost.</summary>
    [BenchmarkCategory("Overhead"), Benchmark]
    public bool JwsChecksWithoutSignature() => _cases["Ed25519"].Verifier.Verify(_unknownKidToken).Failure == VerificationFailure.KeyNotFound;

    private bool Bare(string name)
    {
        var c = _cases[name];
        return c.Key.Algorithm.Verify(c.Key.PublicKey, c.Input, c.Signature);
    }

    private bool Full(string name)
    {
        var c = _cases[name];
        return c.Verifier.Verify(c.Token).IsValid;
    }

    private void Add(string name, SigningKey key, byte[] claims)
    {
        string token = Jws.Sign(key, claims, new JwsSigningOptions { Type = "a2a-request+jwt" });
        int lastDot = token.LastIndexOf('.');
        var trust = new TrustStore();
        trust.Add("travel-desk", key.PublicKey);
        var verifier = new JwsVerifier(trust, new JwsVerificationOptions { ExpectedType = "a2a-request+jwt" });
        if (!verifier.Verify(token).IsValid)
        {
            throw new InvalidOperationException($"{name}: the benchmark token does not verify");
        }

        _cases[name] = (key, token, Encoding.ASCII.GetBytes(token[..lastDot]), StrictBase64Url.Decode(token.AsSpan(lastDot + 1)), verifier);
    }
}
