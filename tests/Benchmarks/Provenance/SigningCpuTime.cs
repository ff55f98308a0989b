using System.Globalization;
using System.Runtime.InteropServices;
using A2AGen.Protocol;
using A2AGen.Protocol.Serialization;
using A2AGen.Provenance;
using A2AGen.Security;

namespace A2AGen.Benchmarks.Provenance;

/// <summary>
/// <c>provenance-signing-cpu [--rounds N] [--batch N] [--breakdown]</c>: the ratio of <see cref="ProvenanceSigningBenchmarks"/> (an
/// envelope for the 4 KB artifact against a bare signature of its JSON), measured in this thread's CPU time with the two
/// operations interleaved in short batches. On a machine shared with other builds, wall-clock time counts the time the
/// thread waited for a core; CPU time does not, and interleaving exposes both operations to the same cache and clock
/// conditions. Prints the median per-operation CPU time of each and their ratio, per algorithm, and with
/// <c>--breakdown</c> the steps of <see cref="ProvenanceSigningBreakdown"/> the same way. Linux only.
/// </summary>
public static partial class SigningCpuTime
{
    private const int ClockThreadCpuTimeId = 3;

    public static int Run(string[] args)
    {
        int rounds = Option(args, "--rounds", 60);
        int batch = Option(args, "--batch", 100);
        var artifact = ProvenanceSigningBreakdown.FourKilobyteArtifact();
        var binding = new ProvenanceBinding("task-1", "ctx-1");
        foreach (var algorithm in new SigningAlgorithm[] { SigningAlgorithm.Ed25519, SigningAlgorithm.EcdsaP256Sha256 })
        {
            using var key = SigningKey.Create(algorithm);
            var signer = new ProvenanceSigner(key, "finance-agent");
            Func<object> bare = () => Jws.SignDetached(key, A2AJson.SerializeToUtf8Bytes(artifact));
            Func<object> envelope = () => signer.Sign(artifact, binding);
            for (int i = 0; i < 2_000; i++)
            {
                bare();
                envelope();
            }

            var bareTimes = new List<double>(rounds);
            var envelopeTimes = new List<double>(rounds);
            for (int round = 0; round < rounds; round++)
            {
                bareTimes.Add(PerOperation(bare, batch));
                envelopeTimes.Add(PerOperation(envelope, batch));
            }

            double bareMedian = Median(bareTimes);
            double envelopeMedian = Median(envelopeTimes);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{(algorithm is Ed25519SigningAlgorithm ? "EdDSA" : "ES256"),-6} bare {bareMedian,8:0.00} µs  envelope {envelopeMedian,8:0.00} µs  ratio {envelopeMedian / bareMedian:0.00}  ({rounds} rounds of {batch}, thread CPU time, medians)"));
        }

        if (args.Contains("--breakdown"))
        {
            using var key = SigningKey.Create(SigningAlgorithm.EcdsaP256Sha256);
            var signer = new ProvenanceSigner(key, "finance-agent");
            byte[] json = A2AJson.SerializeToUtf8Bytes(artifact);
            string digest = ProvenanceFormat.ComputeDigest(artifact);
            var signed = signer.CreateEnvelope(ProvenanceKind.Artifact, digest, artifact.ArtifactId, binding);
            (string Name, Func<object> Operation)[] steps =
            [
                ("ES256 bare signature", () => Jws.SignDetached(key, json)),
                ("artifact JSON (A2AJson)", () => A2AJson.SerializeToUtf8Bytes(artifact)),
                ("RFC 8785 of that JSON", () => JsonCanonicalizer.Canonicalize(json)),
                ("content digest", () => ProvenanceFormat.ComputeDigest(artifact)),
                ("statement + ES256 (CreateEnvelope)", () => signer.CreateEnvelope(ProvenanceKind.Artifact, digest, artifact.ArtifactId, binding)),
                ("attach", () => ProvenanceFormat.Attach(artifact, signed)),
            ];
            var times = steps.Select(_ => new List<double>(rounds)).ToArray();
            for (int round = 0; round < rounds; round++)
            {
                for (int i = 0; i < steps.Length; i++)
                {
                    times[i].Add(PerOperation(steps[i].Operation, batch));
                }
            }

            for (int i = 0; i < steps.Length; i++)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {steps[i].Name,-36} {Median(times[i]),8:0.00} µs"));
            }
        }

        return 0;
    }

    private static double PerOperation(Func<object> operation, int batch)
    {
        long start = ThreadCpuNanoseconds();
        for (int i = 0; i < batch; i++)
        {
            GC.KeepAlive(operation());
        }

        return (ThreadCpuNanoseconds() - start) / 1000.0 / batch;
    }

    private static double Median(List<double> values)
    {
        values.Sort();
        return values.Count % 2 == 1 ? values[values.Count / 2] : (values[(values.Count / 2) - 1] + values[values.Count / 2]) / 2;
    }

    private static int Option(string[] args, string name, int fallback)
    {
        int index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
    }

    private static long ThreadCpuNanoseconds()
    {
        if (clock_gettime(ClockThreadCpuTimeId, out var time) != 0)
        {
            throw new InvalidOperationException("clock_gettime(CLOCK_THREAD_CPUTIME_ID) failed; this command runs on Linux only.");
        }

        return (time.Seconds * 1_000_000_000) + time.Nanoseconds;
    }

    [LibraryImport("libc", SetLastError = true)]
    private static partial int clock_gettime(int clockId, out TimeSpec time);

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }
}
