using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using A2AGen.Hosting.Redis;
using StackExchange.Redis;

namespace A2AGen.Benchmarks.Hosting;

/// <summary>
/// <c>redis-load [--seconds N] [--concurrency C] [--rounds R] [--warmup W] [--checks K]</c>: signed <c>SendMessage</c>
/// against the echo agent with the in-memory replay cache and task store, and against the same agent with Redis's
/// (<c>AddA2ARedis</c>, a local <c>redis-server</c> this command starts on a free port and stops), measured in the same
/// run with the load test's closed-loop generator, rotating for R rounds; then the latency of one replay-cache check
/// (<see cref="RedisReplayCache.TryAddAsync"/>, one <c>SET NX PX</c>) against that Redis, K checks from C concurrent
/// callers. Prints Markdown tables and the throughput ratio.
/// </summary>
public static class RedisLoadTest
{
    // A fresh message id per request: a message id sent again is answered from the idempotency store instead.
    private static byte[] NewBody() => System.Text.Encoding.UTF8.GetBytes(
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"SendMessage\",\"params\":{\"message\":{\"messageId\":\"" + Guid.NewGuid().ToString("N")
        + "\",\"role\":\"ROLE_USER\",\"parts\":[{\"text\":\"hello, load test\"}]}}}");

    public static async Task<int> RunAsync(string[] args)
    {
        var seconds = BenchmarkCommandLine.Option(args, "--seconds", 8);
        var concurrency = BenchmarkCommandLine.Option(args, "--concurrency", 32);
        var rounds = BenchmarkCommandLine.Option(args, "--rounds", 3);
        var warmup = TimeSpan.FromSeconds(BenchmarkCommandLine.Option(args, "--warmup", 3));
        var checks = BenchmarkCommandLine.Option(args, "--checks", 50_000);
        var repoRoot = BenchmarkCommandLine.FindRepoRoot();

        await using var redis = await LocalRedis.StartAsync();
        using var callerKey = A2AGen.Security.SigningKey.Create(A2AGen.Security.SigningAlgorithm.Ed25519);
        var signer = new A2AGen.Security.RequestSigner(callerKey, "load-client");
        var trusted = new Dictionary<string, string> { [A2AGen.Security.KeyEnvironment.TrustedKeys] = "{\"load-client\":" + A2AGen.Security.JsonWebKeySet.Create([callerKey.PublicKey]).ToJson() + "}" };
        await using var memory = await ChildServer.StartAsync("dotnet", [typeof(LoadTest).Assembly.Location, "hosting-echo-server", "0"], repoRoot, trusted);
        await using var shared = await ChildServer.StartAsync("dotnet", [typeof(LoadTest).Assembly.Location, "hosting-echo-server", "0", redis.Configuration], repoRoot, trusted);

        var targets = new (string Name, Uri Url)[]
        {
            ("in-memory replay cache and task store, signed", new Uri($"http://127.0.0.1:{memory.Port}/a2a/jsonrpc")),
            ("Redis replay cache and task store, signed", new Uri($"http://127.0.0.1:{shared.Port}/a2a/jsonrpc")),
        };
        foreach (var target in targets)
        {
            await MeasureAsync(target.Url, signer, concurrency, warmup);
        }

        var results = targets.ToDictionary(t => t.Name, _ => new List<Measurement>());
        for (var round = 0; round < rounds; round++)
        {
            foreach (var target in round % 2 == 0 ? targets : targets.Reverse())
            {
                results[target.Name].Add(await MeasureAsync(target.Url, signer, concurrency, TimeSpan.FromSeconds(seconds)));
            }
        }

        Console.WriteLine($"Signed SendMessage, loopback, {concurrency} connections, {rounds} × {seconds} s per target (after {warmup.TotalSeconds:0} s warm-up), {Environment.ProcessorCount} cores");
        Console.WriteLine();
        Console.WriteLine("| server | requests/s | p50 ms | p90 ms | p99 ms | max ms | errors |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
        var throughput = new Dictionary<string, double>();
        foreach (var (name, list) in results)
        {
            var merged = Measurement.Merge(list);
            throughput[name] = merged.RequestsPerSecond;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {name} | {merged.RequestsPerSecond:N0} | {merged.Percentile(0.50):0.00} | {merged.Percentile(0.90):0.00} | {merged.Percentile(0.99):0.00} | {merged.Percentile(1):0.00} | {merged.Errors} |"));
        }

        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Throughput ratio, Redis / in-memory: {throughput[targets[1].Name] / throughput[targets[0].Name]:0.00}×"));
        Console.WriteLine();

        // The replay-cache check alone: one SET NX PX per fresh token id, from one caller, then from concurrent callers.
        await using var connection = await ConnectionMultiplexer.ConnectAsync(redis.Configuration);
        var cache = new RedisReplayCache(new A2ARedisConnection(connection, "bench-check:"), TimeProvider.System);
        Console.WriteLine($"Replay-cache check (RedisReplayCache.TryAddAsync: SET NX PX), {checks:N0} fresh ids per row");
        Console.WriteLine();
        Console.WriteLine("| callers | checks/s | p50 ms | p90 ms | p99 ms | max ms | refused |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|");
        var refused = 0;
        foreach (var callers in new[] { 1, concurrency })
        {
            var latencies = new double[checks];
            var next = -1;
            var refusedHere = 0;
            var started = Stopwatch.GetTimestamp();
            await Task.WhenAll(Enumerable.Range(0, callers).Select(_ => Task.Run(async () =>
            {
                int i;
                while ((i = Interlocked.Increment(ref next)) < checks)
                {
                    var jti = Guid.NewGuid().ToString("N");
                    var begin = Stopwatch.GetTimestamp();
                    if (!await cache.TryAddAsync("load-client", jti, DateTimeOffset.UtcNow.AddMinutes(5)))
                    {
                        Interlocked.Increment(ref refusedHere);
                    }

                    latencies[i] = Stopwatch.GetElapsedTime(begin).TotalMilliseconds;
                }
            })));
            var check = new Measurement(latencies, refusedHere, Stopwatch.GetElapsedTime(started));
            refused += refusedHere;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {callers} | {check.RequestsPerSecond:N0} | {check.Percentile(0.50):0.000} | {check.Percentile(0.90):0.000} | {check.Percentile(0.99):0.000} | {check.Percentile(1):0.000} | {refusedHere} |"));
        }

        return results.Values.SelectMany(r => r).Any(r => r.Errors > 0) || refused > 0 ? 1 : 0;
    }

    // The closed-loop generator of the load test: C keep-alive connections, one signed request in flight on each.
    private static async Task<Measurement> MeasureAsync(Uri url, A2AGen.Security.RequestSigner signer, int concurrency, TimeSpan duration)
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
                var body = NewBody();
                using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
                request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
                request.Headers.Add("A2A-Version", "1.0");
                request.Headers.Add("A2A-Signature", signer.Sign("POST", url, body));
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
        return new Measurement(done.SelectMany(w => w.latencies).ToArray(), done.Sum(w => w.errors), Stopwatch.GetElapsedTime(started));
    }

    private sealed record Measurement(double[] Latencies, int Errors, TimeSpan Elapsed)
    {
        public double RequestsPerSecond => Latencies.Length / Elapsed.TotalSeconds;

        public double Percentile(double p)
        {
            if (Latencies.Length == 0)
            {
                return double.NaN;
            }

            var sorted = Latencies.Order().ToArray();
            return sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
        }

        public static Measurement Merge(List<Measurement> results) =>
            new(results.SelectMany(r => r.Latencies).ToArray(), results.Sum(r => r.Errors), TimeSpan.FromTicks(results.Sum(r => r.Elapsed.Ticks)));
    }

    /// <summary>A <c>redis-server</c> on a free loopback port with a temporary directory, no persistence; stopped on dispose.</summary>
    internal sealed class LocalRedis : IAsyncDisposable
    {
        private readonly Process _process;
        private readonly string _directory;

        private LocalRedis(Process process, string directory, int port)
        {
            _process = process;
            _directory = directory;
            Configuration = $"127.0.0.1:{port}";
        }

        public string Configuration { get; }

        public static async Task<LocalRedis> StartAsync()
        {
            int port;
            using (var probe = new TcpListener(IPAddress.Loopback, 0))
            {
                probe.Start();
                port = ((IPEndPoint)probe.LocalEndpoint).Port;
            }

            var directory = Directory.CreateTempSubdirectory("a2agen-bench-redis-").FullName;
            var info = new ProcessStartInfo("redis-server") { UseShellExecute = false, RedirectStandardOutput = true, WorkingDirectory = directory };
            info.Environment.Remove("LD_PRELOAD"); // redis-server cannot start under libfaketime
            foreach (var argument in new[] { "--port", port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--dir", directory, "--save", "", "--appendonly", "no", "--loglevel", "warning" })
            {
                info.ArgumentList.Add(argument);
            }

            var redis = new LocalRedis(Process.Start(info)!, directory, port);
            for (var attempt = 0; attempt < 100; attempt++)
            {
                try
                {
                    await using var connection = await ConnectionMultiplexer.ConnectAsync(redis.Configuration);
                    await connection.GetDatabase().PingAsync();
                    return redis;
                }
                catch (RedisConnectionException)
                {
                    await Task.Delay(100);
                }
            }

            await redis.DisposeAsync();
            throw new InvalidOperationException("redis-server did not start (Debian: apt-get install redis-server).");
        }

        public async ValueTask DisposeAsync()
        {
            if (!_process.HasExited)
            {
                _process.Kill();
            }

            await _process.WaitForExitAsync();
            _process.Dispose();
            Directory.Delete(_directory, recursive: true);
        }
    }
}
