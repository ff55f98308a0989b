using A2AGen.Biscuit;
using A2AGen.Biscuit.Token;
using BenchmarkDotNet.Attributes;
using Schema = global::Biscuit.Format.Schema;

namespace A2AGen.Benchmarks.Biscuit;

/// <summary>
/// Verify + authorize a 3-block token with a 5-rule policy (issue 18). <see cref="SignatureChecksOnly"/> is the
/// baseline: just the three Ed25519 verifications of the blocks' signed payloads, the floor any implementation pays.
/// Target: everything else (<see cref="VerifyAndAuthorize"/> minus the baseline) costs at most the baseline.
/// </summary>
[MemoryDiagnoser]
public class BiscuitBenchmarks
{
    private byte[] token = [];
    private BiscuitToken parsed = null!;
    private Authorizer authorizer = null!;
    private (A2AGen.Biscuit.Crypto.BiscuitPublicKey Key, byte[] Payload, byte[] Signature)[] signatures = [];

    [GlobalSetup]
    public void Setup()
    {
        var created = BiscuitScenario.CreateToken();
        token = created.ToBytes();
        parsed = BiscuitToken.FromBytes(token, BiscuitScenario.Root.PublicKey);
        authorizer = BiscuitScenario.CreateAuthorizer();
        if (!authorizer.Authorize(parsed).IsAllowed)
        {
            throw new InvalidOperationException("the scenario must be allowed");
        }

        var message = Schema.Biscuit.Parser.ParseFrom(token);
        var key = BiscuitScenario.Root.PublicKey;
        var previous = Array.Empty<byte>();
        var list = new List<(A2AGen.Biscuit.Crypto.BiscuitPublicKey, byte[], byte[])>();
        foreach (var (block, i) in message.Blocks.Prepend(message.Authority).Select((b, i) => (b, i)))
        {
            var next = A2AGen.Biscuit.Format.BlockCodec.DecodeKey(block.NextKey);
            var payload = Signatures.BlockPayload(block.Version, block.Block.ToByteArray(), next, default, false, previous, i == 0);
            list.Add((key, payload, block.Signature.ToByteArray()));
            key = next;
            previous = block.Signature.ToByteArray();
        }

        signatures = [.. list];
    }

    [Benchmark(Baseline = true)]
    public bool SignatureChecksOnly()
    {
        var ok = true;
        foreach (var (key, payload, signature) in signatures)
        {
            ok &= key.Verify(payload, signature);
        }

        return ok;
    }

    [Benchmark]
    public BiscuitToken Verify() => BiscuitToken.FromBytes(token, BiscuitScenario.Root.PublicKey);

    [Benchmark]
    public bool Authorize() => authorizer.Authorize(parsed).IsAllowed;

    [Benchmark]
    public bool VerifyAndAuthorize() => authorizer.Authorize(BiscuitToken.FromBytes(token, BiscuitScenario.Root.PublicKey)).IsAllowed;
}
