using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;

namespace A2AGen.Benchmarks.Hosting;

/// <summary>
/// <c>hosting-load [--seconds N] [--concurrency C] [--rounds R]</c>: a bounded loopback load test of <c>SendMessage</c>
/// against our echo agent — unsigned, and signed (<c>A2A-Signature</c>, a fresh token per request, made by the load
/// generator as a calling agent would) — and unsigned against the <c>@a2a-js/sdk</c> echo server, measured in the same
/// run. Each server runs in its own process; the same closed-loop generator (C concurrent HTTP/1.1 keep-alive
/// connections, one request in flight each) drives all three, rotating for R rounds after a warm-up. Every response
/// is checked. Prints throughput, latency percentiles and the throughput ratios as a Markdown table.
/// </summary>
public static class LoadTest
{
    private static readonly byte[] Body = Encoding.UTF8.GetBytes(
        """{"jsonrpc":"2.0","id":1,"method":"SendMessage","params":{"message":{"messageId":"bench-1","role":"ROLE_USER","parts":[{"text":"hello, load test"}]}}}""");

    public static async Task<int> RunAsync(string[] args)
    {
        var seconds = Option(args, "--seconds", 10);
        var concurrency = Option(args, "--concurrency", 32);
        var rounds = Option(args, "--rounds", 2);
        var warmup = TimeSpan.FromSeconds(Option(args, "--warmup", 3));
        var repoRoot = FindRepoRoot();

        // The calling agent of the signed runs: its key lives in this process, the server trusts it through the
        // environment variable an operator would use.
        using var callerKey = A2AGen.Security.SigningKey.Create(A2AGen.Security.SigningAlgorithm.Ed25519);
        var signer = new A2AGen.Security.RequestSigner(callerKey, "load-client");
        var trusted = "{\"load-client\":" + A2AGen.Security.JsonWebKeySet.Create([callerKey.PublicKey]).ToJson() + "}";
        await using var ours = await ChildServer.StartAsync("dotnet", [typeof(LoadTest).Assembly.Location, "hosting-echo-server", "0"], repoRoot,
            new Dictionary<string, string> { [A2AGen.Security.KeyEnvironment.TrustedKeys] = trusted });
        await using var js = await ChildServer.StartAsync("node", ["a2a-echo-server.mjs", "0"], Path.Combine(repoRoot, "tests", "interop"));

        var ourUrl = new Uri($"http://127.0.0.1:{ours.Port}/a2a/jsonrpc");
        var targets = new (string Name, Uri Url, A2AGen.Security.RequestSigner? Signer)[]
        {
            ("A2AGen.Hosting (Kestrel), unsigned", ourUrl, null),
            ("A2AGen.Hosting (Kestrel), signed", ourUrl, signer),
            ("@a2a-js/sdk 1.3.0 (express), unsigned", new Uri($"http://127.0.0.1:{js.Port}/a2a/jsonrpc"), null),
        };

        foreach (var target in targets)
        {
            await MeasureAsync(target.Url, target.Signer, concurrency, warmup);
        }

        var results = targets.ToDictionary(t => t.Name, _ => new List<Result>());
        for (var round = 0; round < rounds; round++)
        {
            // Rotate the order so no target always runs first (or right after another's garbage collection).
            foreach (var target in targets.Skip(round % targets.Length).Concat(targets.Take(round % targets.Length)))
            {
                results[target.Name].Add(await MeasureAsync(target.Url, target.Signer, concurrency, TimeSpan.FromSeconds(seconds)));
            }
        }

        Console.WriteLine($"SendMessage, loopback, {concurrency} connections, {rounds} × {seconds} s per target (after {warmup.TotalSeconds:0} s warm-up), {Environment.ProcessorCount} cores");
        Console.WriteLine();
        Console.WriteLine("| server | requests/s | p50 ms | p90 ms | p99 ms | max ms | errors |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
        var throughput = new Dictionary<string, double>();
        foreach (var (name, list) in results)
        {
            var merged = Result.Merge(list);
            throughput[name] = merged.RequestsPerSecond;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {name} | {merged.RequestsPerSecond:N0} | {merged.Percentile(0.50):0.00} | {merged.Percentile(0.90):0.00} | {merged.Percentile(0.99):0.00} | {merged.Percentile(1):0.00} | {merged.Errors} |"));
        }

        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Throughput ratio, ours unsigned / JS: {throughput[targets[0].Name] / throughput[targets[2].Name]:0.00}×"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Throughput ratio, ours signed / JS: {throughput[targets[1].Name] / throughput[targets[2].Name]:0.00}×"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Throughput ratio, ours signed / ours unsigned: {throughput[targets[1].Name] / throughput[targets[0].Name]:0.00}"));
        return results.Values.SelectMany(r => r).Any(r => r.Errors > 0) ? 1 : 0;
    }

    internal static async Task<Result> MeasureAsync(Uri url, A2AGen.Security.RequestSigner? signer, int concurrency, TimeSpan duration)
    {
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = concurrency, PooledConnectionLifetime = Timeout.InfiniteTimeSpan, UseProxy = false };
        using var http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(30) };
        var stopAt = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var started = Stopwatch.GetTimestamp();
        var workers = Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            var latencies = new List<double>(64 * 1024);
            var errors = 0;
            while (Stopwatch.GetTimestamp() < stopAt)
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(Body) };
                request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                request.Headers.Add("A2A-Version", "1.0");
                if (signer is not null)
                {
                    request.Headers.Add("A2A-Signature", signer.Sign("POST", url, Body));
                }

                var begin = Stopwatch.GetTimestamp();
                try
                {
                    using var response = await http.SendAsync(request);
                    var text = await response.Content.ReadAsStringAsync();
                    if (!response.IsSuccessStatusCode || !text.Contains("TASK_STATE_COMPLETED", StringComparison.Ordinal))
                    {
                        errors++;
                    }
                }
                catch (HttpRequestException)
                {
                    errors++;
                }

                latencies.Add(Stopwatch.GetElapsedTime(begin).TotalMilliseconds);
            }

            return (latencies, errors);
        })).ToArray();

        var done = await Task.WhenAll(workers);
        var elapsed = Stopwatch.GetElapsedTime(started);
        return new Result(done.SelectMany(w => w.latencies).ToArray(), done.Sum(w => w.errors), elapsed);
    }

    internal static int Option(string[] args, string name, int fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
    }

    internal static string FindRepoRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "A2AGen.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Run the load test from inside the repository (A2AGen.sln not found above the binaries).");
    }

    internal sealed record Result(double[] Latencies, int Errors, TimeSpan Elapsed)
    {
        public double RequestsPerSecond => Latencies.Length / Elapsed.TotalSeconds;

        public double Percentile(double p)
        {
            if (Latencies.Length == 0)
            {
                return double.NaN;
            }

            var sorted = Latencies.Order().ToArray();
            return sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1 < 0 ? 0 : (int)Math.Ceiling(p * sorted.Length) - 1)];
        }

        public static Result Merge(List<Result> results) =>
            new(results.SelectMany(r => r.Latencies).ToArray(), results.Sum(r => r.Errors), TimeSpan.FromTicks(results.Sum(r => r.Elapsed.Ticks)));
    }
}

/// <summary>A server in a child process that prints <c>LISTENING &lt;port&gt;</c>; disposing closes its stdin and waits.</summary>
internal sealed class ChildServer : IAsyncDisposable
{
    private readonly Process _process;

    private ChildServer(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    public static async Task<ChildServer> StartAsync(string file, string[] arguments, string workingDirectory, IReadOnlyDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo(file) { WorkingDirectory = workingDirectory, RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }

        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        var process = Process.Start(info)!;
        var line = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60));
        if (line is null || !line.StartsWith("LISTENING ", StringComparison.Ordinal))
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} did not start (printed '{line}').");
        }

        return new ChildServer(process, int.Parse(line["LISTENING ".Length..], CultureInfo.InvariantCulture));
    }

    public async ValueTask DisposeAsync()
    {
        _process.StandardInput.Close();
        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await _process.WaitForExitAsync(wait.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }
}
