using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using A2AGen.Biscuit;

namespace A2AGen.Benchmarks.Biscuit;

/// <summary>
/// <c>biscuit-reference [iterations]</c>: times verify, authorize and both for the benchmark scenario here (a
/// Stopwatch loop after warm-up) and, on the same token and authorizer, in the reference implementation
/// (biscuit-wasm 0.6.0 in Node, tests/interop/biscuit-bench.mjs), back to back, and prints both with their ratio.
/// BiscuitBenchmarks (BenchmarkDotNet) gives the precise figures for ours; this gives the same-run comparison.
/// </summary>
internal static class ReferenceComparison
{
    public static int Run(string[] args)
    {
        var iterations = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 2000;
        var token = BiscuitScenario.CreateToken();
        var bytes = token.ToBytes();
        var authorizer = BiscuitScenario.CreateAuthorizer();
        var parsed = BiscuitToken.FromBytes(bytes, BiscuitScenario.Root.PublicKey);

        var ours = new
        {
            verify = Time(iterations, () => BiscuitToken.FromBytes(bytes, BiscuitScenario.Root.PublicKey)),
            authorize = Time(iterations, () => authorizer.Authorize(parsed)),
            both = Time(iterations, () => authorizer.Authorize(BiscuitToken.FromBytes(bytes, BiscuitScenario.Root.PublicKey))),
        };

        var input = new JsonObject
        {
            ["token"] = token.ToBase64(),
            ["rootPublicKey"] = Convert.ToHexStringLower(BiscuitScenario.Root.PublicKey.Bytes),
            ["authorizer"] = BiscuitScenario.AuthorizerCode,
            ["iterations"] = iterations,
        };
        var reference = RunNode(input);
        Console.WriteLine($"token: {bytes.Length} bytes, 3 blocks; authorizer: 5 rules + 1 policy; {iterations} iterations each");
        Console.WriteLine($"reference policy result: {reference["policy"]} ({reference["spuriousTimeouts"]} spurious timeouts while timing); ours: {authorizer.Authorize(parsed).Reason}");
        Console.WriteLine("| Operation | A2AGen.Biscuit (µs) | biscuit-wasm 0.6.0 (µs) | Ratio (ours / reference) |");
        Console.WriteLine("|---|---:|---:|---:|");
        Row("Verify (parse + signatures)", ours.verify, (double)reference["verifyMicros"]!);
        Row("Authorize (parsed token)", ours.authorize, (double)reference["authorizeMicros"]!);
        Row("Verify + authorize", ours.both, (double)reference["verifyAndAuthorizeMicros"]!);
        return 0;
    }

    private static void Row(string name, double ours, double reference) =>
        Console.WriteLine($"| {name} | {ours:F1} | {reference:F1} | {ours / reference:F2} |");

    private static double Time(int iterations, Action action)
    {
        for (var i = 0; i < Math.Max(100, iterations / 10); i++)
        {
            action();
        }

        var clock = Stopwatch.StartNew();
        for (var i = 0; i < iterations; i++)
        {
            action();
        }

        return clock.Elapsed.TotalMicroseconds / iterations;
    }

    private static JsonNode RunNode(JsonObject input)
    {
        var directory = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "interop"));
        if (!File.Exists(Path.Combine(directory, "biscuit-bench.mjs")))
        {
            directory = Path.GetFullPath(Path.Combine(Environment.CurrentDirectory, "..", "interop"));
        }

        var start = new ProcessStartInfo("node") { WorkingDirectory = directory, RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "--experimental-wasm-modules", "--no-warnings", "biscuit-bench.mjs" })
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("node could not start");
        process.StandardInput.Write(input.ToJsonString());
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"biscuit-bench.mjs failed (run `npm ci` in tests/interop first): {error}");
        }

        return JsonNode.Parse(output.TrimEnd().Split('\n')[^1])!;
    }
}
