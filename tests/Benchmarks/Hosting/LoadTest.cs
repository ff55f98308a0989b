using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;

namespace A2AGen.Benchmarks.Hosting;

/// <summary>
/// <c>hosting-load [--seconds N] [--concurrency C] [--rounds R] [--warmup W] [--generator builtin|wrk] [--baseline DLL]</c>: a bounded
/// loopback load test of <c>SendMessage</c>. Servers, each in its own process: our echo agent (every binding it serves),
/// the floor (<see cref="FloorServer"/>: the same request parsed and the same answer written by a bare Kestrel endpoint)
/// and the <c>@a2a-js/sdk</c> echo server. Targets: ours over JSON-RPC, HTTP+JSON and gRPC, unsigned and signed (a fresh
/// <c>A2A-Signature</c> per request, made by the load generator as a calling agent would; on gRPC over the serialized
/// message, the C calls multiplexed on one HTTP/2 connection as gRPC clients do), the floor, and the JS server,
/// measured in the same run in rotating order. The built-in generator is closed-loop (C concurrent HTTP/1.1 keep-alive
/// connections, one request in flight each) and checks every response; <c>--generator wrk</c> drives the unsigned
/// HTTP targets with <c>wrk</c> instead (C connections, 2 threads), which leaves more of the shared cores to the server
/// (wrk cannot sign a fresh token per request and speaks HTTP/1.1, so signed and gRPC targets are left out in that mode). Besides throughput and
/// latency, each target's server CPU per request is read from <c>/proc/&lt;pid&gt;/stat</c> over the measured window.
/// Prints a Markdown table and the ratios between targets.
/// </summary>
public static class LoadTest
{
    private const string Text = "hello, load test";
    private const string BaselineUnsigned = "baseline JSON-RPC, unsigned";
    private const string BaselineSigned = "baseline JSON-RPC, signed";

    private static readonly byte[] JsonRpcBody = Encoding.UTF8.GetBytes(
        """{"jsonrpc":"2.0","id":1,"method":"SendMessage","params":{"message":{"messageId":"bench-1","role":"ROLE_USER","parts":[{"text":"hello, load test"}]}}}""");

    private static readonly byte[] RestBody = Encoding.UTF8.GetBytes(
        """{"message":{"messageId":"bench-1","role":"ROLE_USER","parts":[{"text":"hello, load test"}]}}""");

    public static async Task<int> RunAsync(string[] args)
    {
        var seconds = BenchmarkCommandLine.Option(args, "--seconds", 10);
        var concurrency = BenchmarkCommandLine.Option(args, "--concurrency", 32);
        var rounds = BenchmarkCommandLine.Option(args, "--rounds", 2);
        var warmup = TimeSpan.FromSeconds(BenchmarkCommandLine.Option(args, "--warmup", 3));
        var useWrk = BenchmarkCommandLine.OptionText(args, "--generator", "builtin") == "wrk";
        var repoRoot = BenchmarkCommandLine.FindRepoRoot();

        // The calling agent of the signed runs: its key lives in this process, the server trusts it through the
        // environment variable an operator would use.
        using var callerKey = A2AGen.Security.SigningKey.Create(A2AGen.Security.SigningAlgorithm.Ed25519);
        var signer = new A2AGen.Security.RequestSigner(callerKey, "load-client");
        var trusted = "{\"load-client\":" + A2AGen.Security.JsonWebKeySet.Create([callerKey.PublicKey]).ToJson() + "}";
        await using var ours = await ChildServer.StartAsync("dotnet", [typeof(LoadTest).Assembly.Location, "hosting-echo-server", "0"], repoRoot,
            new Dictionary<string, string> { [A2AGen.Security.KeyEnvironment.TrustedKeys] = trusted });
        await using var floor = await ChildServer.StartAsync("dotnet", [typeof(LoadTest).Assembly.Location, "hosting-floor-server", "0"], repoRoot);
        await using var js = await ChildServer.StartAsync("node", ["a2a-echo-server.mjs", "0"], Path.Combine(repoRoot, "tests", "interop"));
        // --baseline DLL: the same echo server built from an earlier commit (its A2AGen.Benchmarks.dll), measured in the
        // same run, so a change to the hot path is compared with what it replaced on the same machine at the same time.
        var baselineDll = BenchmarkCommandLine.OptionText(args, "--baseline", "");
        await using var baseline = baselineDll.Length == 0 ? null
            : await ChildServer.StartAsync("dotnet", [Path.GetFullPath(baselineDll), "hosting-echo-server", "0"], repoRoot,
                new Dictionary<string, string> { [A2AGen.Security.KeyEnvironment.TrustedKeys] = trusted });

        var jsonRpc = new Uri($"http://127.0.0.1:{ours.Port}/a2a/jsonrpc");
        var rest = new Uri($"http://127.0.0.1:{ours.Port}/a2a/jsonrpc/message:send");
        var grpc = new Uri($"http://127.0.0.1:{ours.ExtraPort}/lf.a2a.v1.A2AService/SendMessage");
        var all = new List<Target>
        {
            new("A2AGen JSON-RPC, unsigned", ours, jsonRpc, JsonRpcBody, null),
            new("A2AGen JSON-RPC, signed", ours, jsonRpc, JsonRpcBody, signer),
            new("A2AGen HTTP+JSON, unsigned", ours, rest, RestBody, null),
            new("A2AGen HTTP+JSON, signed", ours, rest, RestBody, signer),
            new("A2AGen gRPC, unsigned", ours, grpc, [], null, Grpc: true),
            new("A2AGen gRPC, signed", ours, grpc, [], signer, Grpc: true),
            new("floor (bare Kestrel, JSON-RPC)", floor, new Uri($"http://127.0.0.1:{floor.Port}/a2a/jsonrpc"), JsonRpcBody, null),
            new("@a2a-js/sdk 1.3.0 JSON-RPC, unsigned", js, new Uri($"http://127.0.0.1:{js.Port}/a2a/jsonrpc"), JsonRpcBody, null),
        };
        if (baseline is not null)
        {
            var baselineUrl = new Uri($"http://127.0.0.1:{baseline.Port}/a2a/jsonrpc");
            all.Add(new(BaselineUnsigned, baseline, baselineUrl, JsonRpcBody, null));
            all.Add(new(BaselineSigned, baseline, baselineUrl, JsonRpcBody, signer));
        }

        var targets = useWrk ? all.Where(t => t.Signer is null && !t.Grpc).ToArray() : all.ToArray();
        var scriptDirectory = Directory.CreateTempSubdirectory("a2agen-wrk-");
        try
        {
            foreach (var target in targets)
            {
                await CheckAnswerAsync(target);
                await MeasureAsync(target, concurrency, warmup, useWrk, scriptDirectory.FullName);
            }

            var results = targets.ToDictionary(t => t.Name, _ => new List<Result>());
            for (var round = 0; round < rounds; round++)
            {
                // Rotate the order so no target always runs first (or right after another's garbage collection).
                foreach (var target in targets.Skip(round % targets.Length).Concat(targets.Take(round % targets.Length)))
                {
                    results[target.Name].Add(await MeasureAsync(target, concurrency, TimeSpan.FromSeconds(seconds), useWrk, scriptDirectory.FullName));
                }
            }

            Report(results, concurrency, rounds, seconds, warmup, useWrk ? "wrk, 2 threads" : "built-in closed loop");
            return results.Values.SelectMany(r => r).Any(r => r.Errors > 0) ? 1 : 0;
        }
        finally
        {
            scriptDirectory.Delete(recursive: true);
        }
    }

    private static void Report(Dictionary<string, List<Result>> results, int concurrency, int rounds, int seconds, TimeSpan warmup, string generator)
    {
        Console.WriteLine($"SendMessage, loopback, {concurrency} connections, {rounds} × {seconds} s per target (after {warmup.TotalSeconds:0} s warm-up), generator: {generator}, {Environment.ProcessorCount} cores");
        Console.WriteLine();
        Console.WriteLine("| target | requests/s | server CPU µs/request | p50 ms | p90 ms | p99 ms | errors |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
        var throughput = new Dictionary<string, double>();
        foreach (var (name, list) in results)
        {
            var merged = Result.Merge(list);
            throughput[name] = merged.RequestsPerSecond;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {name} | {merged.RequestsPerSecond:N0} | {merged.CpuMicrosecondsPerRequest:0.0} | {merged.P50:0.00} | {merged.P90:0.00} | {merged.P99:0.00} | {merged.Errors} |"));
        }

        Console.WriteLine();
        void Ratio(string label, string numerator, string denominator)
        {
            if (throughput.TryGetValue(numerator, out var a) && throughput.TryGetValue(denominator, out var b) && b > 0)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{label}: {a / b:0.00}×"));
            }
        }

        Ratio("JSON-RPC unsigned / floor", "A2AGen JSON-RPC, unsigned", "floor (bare Kestrel, JSON-RPC)");
        Ratio("HTTP+JSON unsigned / JSON-RPC unsigned", "A2AGen HTTP+JSON, unsigned", "A2AGen JSON-RPC, unsigned");
        Ratio("HTTP+JSON signed / JSON-RPC signed", "A2AGen HTTP+JSON, signed", "A2AGen JSON-RPC, signed");
        Ratio("gRPC unsigned / JSON-RPC unsigned", "A2AGen gRPC, unsigned", "A2AGen JSON-RPC, unsigned");
        Ratio("gRPC signed / JSON-RPC signed", "A2AGen gRPC, signed", "A2AGen JSON-RPC, signed");
        Ratio("JSON-RPC unsigned / JS", "A2AGen JSON-RPC, unsigned", "@a2a-js/sdk 1.3.0 JSON-RPC, unsigned");
        Ratio("JSON-RPC signed / JS", "A2AGen JSON-RPC, signed", "@a2a-js/sdk 1.3.0 JSON-RPC, unsigned");
        Ratio("JSON-RPC signed / unsigned", "A2AGen JSON-RPC, signed", "A2AGen JSON-RPC, unsigned");
        Ratio("JSON-RPC unsigned / baseline", "A2AGen JSON-RPC, unsigned", BaselineUnsigned);
        Ratio("JSON-RPC signed / baseline", "A2AGen JSON-RPC, signed", BaselineSigned);
    }

    /// <summary>One request before measuring: a target that does not answer a completed task is a broken benchmark.</summary>
    private static async Task CheckAnswerAsync(Target target)
    {
        using var http = new HttpClient();
        using var response = await http.SendAsync(NewRequest(target));
        if (target.Grpc)
        {
            // A Task message (field 1 of SendMessageResponse) whose status is COMPLETED and whose artifact holds the text.
            var answer = await response.Content.ReadAsByteArrayAsync();
            var task = answer.Length > 5 ? Lf.A2a.V1.SendMessageResponse.Parser.ParseFrom(answer.AsSpan(5)).Task : null;
            if (!IsGrpcOk(response) || task?.Status.State != Lf.A2a.V1.TaskState.Completed || task.Artifacts[0].Parts[0].Text != Text)
            {
                throw new InvalidOperationException($"{target.Name} answered {(int)response.StatusCode}, grpc-status {string.Join(",", response.TrailingHeaders.Concat(response.Headers).Where(h => h.Key == "grpc-status").SelectMany(h => h.Value))}.");
            }

            return;
        }

        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode || !text.Contains("TASK_STATE_COMPLETED", StringComparison.Ordinal) || !text.Contains(Text, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"{target.Name} answered {(int)response.StatusCode}: {text}");
        }
    }

    private static bool IsGrpcOk(HttpResponseMessage response) =>
        response.IsSuccessStatusCode && response.TrailingHeaders.TryGetValues("grpc-status", out var status) && status.First() == "0";

    // The same request as an a2a.proto SendMessageRequest with a fresh messageId: the message bytes and the gRPC body.
    private static (byte[] Message, byte[] Body) FreshGrpcMessage()
    {
        var message = Google.Protobuf.MessageExtensions.ToByteArray(new Lf.A2a.V1.SendMessageRequest
        {
            Message = new Lf.A2a.V1.Message
            {
                MessageId = "bench-" + Interlocked.Increment(ref s_messageCounter).ToString(CultureInfo.InvariantCulture),
                Role = Lf.A2a.V1.Role.User,
                Parts = { new Lf.A2a.V1.Part { Text = Text } },
            },
        });
        var body = new byte[5 + message.Length];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(body.AsSpan(1), message.Length);
        message.CopyTo(body, 5);
        return (message, body);
    }

    private static long s_messageCounter;

    /// <summary>
    /// The target's request with a fresh <c>messageId</c> (<c>bench-1</c> replaced): A2AGen remembers message ids
    /// (idempotency), so a repeated id would be answered from that store instead of running the skill.
    /// </summary>
    private static byte[] FreshBody(byte[] body)
    {
        var text = Encoding.UTF8.GetString(body).Replace("\"bench-1\"", "\"bench-" + Interlocked.Increment(ref s_messageCounter).ToString(CultureInfo.InvariantCulture) + "\"", StringComparison.Ordinal);
        return Encoding.UTF8.GetBytes(text);
    }

    private static HttpRequestMessage NewRequest(Target target)
    {
        if (target.Grpc)
        {
            var (message, grpcBody) = FreshGrpcMessage();
            var call = new HttpRequestMessage(HttpMethod.Post, target.Url)
            {
                Version = System.Net.HttpVersion.Version20,
                VersionPolicy = HttpVersionPolicy.RequestVersionExact,
                Content = new ByteArrayContent(grpcBody),
            };
            call.Content.Headers.ContentType = new MediaTypeHeaderValue("application/grpc");
            call.Headers.TryAddWithoutValidation("te", "trailers");
            call.Headers.Add("a2a-version", "1.0");
            if (target.Signer is not null)
            {
                call.Headers.Add("a2a-signature", target.Signer.Sign("POST", target.Url, message));
            }

            return call;
        }

        var body = FreshBody(target.Body);
        var request = new HttpRequestMessage(HttpMethod.Post, target.Url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add("A2A-Version", "1.0");
        if (target.Signer is not null)
        {
            request.Headers.Add("A2A-Signature", target.Signer.Sign("POST", target.Url, body));
        }

        return request;
    }

    private static async Task<Result> MeasureAsync(Target target, int concurrency, TimeSpan duration, bool useWrk, string scriptDirectory)
    {
        var cpuBefore = target.Server.CpuTime();
        var result = useWrk
            ? await WrkAsync(target, concurrency, duration, scriptDirectory)
            : await ClosedLoopAsync(target, concurrency, duration);
        return result with { ServerCpu = target.Server.CpuTime() - cpuBefore };
    }

    private static async Task<Result> ClosedLoopAsync(Target target, int concurrency, TimeSpan duration)
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
                using var request = NewRequest(target);
                var begin = Stopwatch.GetTimestamp();
                try
                {
                    using var response = await http.SendAsync(request);
                    if (target.Grpc)
                    {
                        var answer = await response.Content.ReadAsByteArrayAsync();
                        if (!IsGrpcOk(response) || answer.Length <= 5)
                        {
                            errors++;
                        }
                    }
                    else
                    {
                        var text = await response.Content.ReadAsStringAsync();
                        if (!response.IsSuccessStatusCode || !text.Contains("TASK_STATE_COMPLETED", StringComparison.Ordinal))
                        {
                            errors++;
                        }
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
        var all = done.SelectMany(w => w.latencies).Order().ToArray();
        return new Result(all.Length, done.Sum(w => w.errors), elapsed, Percentile(all, 0.50), Percentile(all, 0.90), Percentile(all, 0.99), TimeSpan.Zero);
    }

    /// <summary>
    /// Runs <c>wrk</c> on one target. Its Lua script only builds each request (a <c>response</c> callback would make
    /// wrk parse every answer in Lua and become the bottleneck); non-2xx answers are wrk's error count, and
    /// <see cref="CheckAnswerAsync"/> checked the answer's content before.
    /// </summary>
    private static async Task<Result> WrkAsync(Target target, int concurrency, TimeSpan duration, string scriptDirectory)
    {
        var script = Path.Combine(scriptDirectory, "send-message.lua");
        // A fresh messageId per request (A2AGen remembers message ids): each wrk thread numbers its own, prefixed by
        // this run's id and the thread's number so neither threads nor runs collide.
        var text = Encoding.UTF8.GetString(target.Body);
        var split = text.IndexOf("bench-1", StringComparison.Ordinal);
        string Lua(string part) => part.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal);
        await File.WriteAllTextAsync(script, $$"""
            local threads = 0
            function setup(thread)
              threads = threads + 1
              thread:set("prefix", "bench-{{Guid.NewGuid():N}}-" .. threads .. "-")
            end
            local counter = 0
            local head = '{{Lua(text[..split])}}'
            local tail = '{{Lua(text[(split + "bench-1".Length)..])}}'
            local headers = { ["Content-Type"] = "application/json", ["A2A-Version"] = "1.0" }
            function request()
              counter = counter + 1
              return wrk.format("POST", nil, headers, head .. prefix .. counter .. tail)
            end
            """);
        var info = new ProcessStartInfo("wrk") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "-t2", $"-c{concurrency}", $"-d{Math.Max(1, (int)duration.TotalSeconds)}s", "--latency", "-s", script, target.Url.ToString() })
        {
            info.ArgumentList.Add(argument);
        }

        using var wrk = Process.Start(info) ?? throw new InvalidOperationException("wrk did not start (apt-get install wrk).");
        var output = await wrk.StandardOutput.ReadToEndAsync();
        await wrk.WaitForExitAsync();
        return WrkOutput.Parse(output);
    }

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];

    private sealed record Target(string Name, ChildServer Server, Uri Url, byte[] Body, A2AGen.Security.RequestSigner? Signer, bool Grpc = false);

    /// <summary>One measured window: completed requests, errors, percentiles (ms) and the server's CPU time over it.</summary>
    internal sealed record Result(long Requests, long Errors, TimeSpan Elapsed, double P50, double P90, double P99, TimeSpan ServerCpu)
    {
        public double RequestsPerSecond => Requests / Elapsed.TotalSeconds;

        public double CpuMicrosecondsPerRequest => Requests == 0 ? double.NaN : ServerCpu.TotalMicroseconds / Requests;

        /// <summary>Windows of one target: counts and times add up; each percentile is the request-weighted mean of the windows'.</summary>
        public static Result Merge(List<Result> results)
        {
            var requests = results.Sum(r => r.Requests);
            double Weighted(Func<Result, double> pick) => requests == 0 ? double.NaN : results.Sum(r => pick(r) * r.Requests) / requests;
            return new(requests, results.Sum(r => r.Errors), TimeSpan.FromTicks(results.Sum(r => r.Elapsed.Ticks)),
                Weighted(r => r.P50), Weighted(r => r.P90), Weighted(r => r.P99), TimeSpan.FromTicks(results.Sum(r => r.ServerCpu.Ticks)));
        }
    }
}

/// <summary>A server in a child process that prints <c>LISTENING &lt;port&gt;</c>; disposing closes its stdin and waits.</summary>
internal sealed class ChildServer : IAsyncDisposable
{
    private readonly Process _process;

    private ChildServer(Process process, int port, int extraPort)
    {
        _process = process;
        Port = port;
        ExtraPort = extraPort;
    }

    public int Port { get; }

    /// <summary>A second port the server printed (the echo server's gRPC endpoint), else 0.</summary>
    public int ExtraPort { get; }

    /// <summary>The CPU time the server process has used so far (user + system, all threads).</summary>
    public TimeSpan CpuTime()
    {
        _process.Refresh();
        return _process.TotalProcessorTime;
    }

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

        var ports = line["LISTENING ".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return new ChildServer(process, int.Parse(ports[0], CultureInfo.InvariantCulture), ports.Length > 1 ? int.Parse(ports[1], CultureInfo.InvariantCulture) : 0);
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
