using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using A2AGen.Hosting;
using A2AGen.Hosting.Tasks;
using A2AGen.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace A2AGen.Benchmarks.Hosting;

/// <summary>
/// <c>push-load [--notifications N] [--seconds S] [--concurrency C] [--rates R1,R2] [--queues memory,redis] [--warmup W]</c>:
/// push-notification deliveries per second from an agent host to a receiver, both on Kestrel on 127.0.0.1 in this
/// process. The agent (<see cref="BenchPushAgent"/>, production settings, no logging) is sent tasks over JSON-RPC with
/// <c>returnImmediately</c> and a push configuration naming the receiver, so each task makes four notifications (the
/// submitted task, working, the artifact, completed), each signed by the agent's delivery worker. The receiver is
/// <c>MapA2APushReceiver</c> trusting the agent's key: every notification counted was verified (signature, body hash,
/// audience, time, replay) and parsed. A run sends tasks until N notifications are due or S seconds pass, then waits
/// for the queued deliveries; throughput is verified notifications over the time from the first task sent to the last
/// notification accepted. Rate 0 sends with C concurrent clients as fast as the agent takes tasks (the delivery
/// backlog grows: throughput); a rate R &gt; 0 paces R tasks per second (latency below saturation). Latency is the
/// receiver's clock minus the event's status timestamp (submitted, working, completed: from the event to its
/// acceptance), and the sender's attempt time (<c>a2agen.hosting.push.attempt.duration</c>: POST to 2xx). With
/// <c>redis</c>, the agent's configurations and delivery queue are Redis's (<c>AddA2ARedis</c>, a local
/// <c>redis-server</c> started on a free port and stopped).
/// </summary>
public static class PushDeliveryLoadTest
{
    private const string AgentId = "bench-push";
    private const string HookPath = "/hook";

    public static async Task<int> RunAsync(string[] args)
    {
        var notifications = BenchmarkCommandLine.Option(args, "--notifications", 5_000);
        var seconds = BenchmarkCommandLine.Option(args, "--seconds", 10);
        var concurrency = BenchmarkCommandLine.Option(args, "--concurrency", 16);
        var warmup = BenchmarkCommandLine.Option(args, "--warmup", 100);
        var rates = BenchmarkCommandLine.OptionText(args, "--rates", "0").Split(',').Select(r => int.Parse(r, CultureInfo.InvariantCulture)).ToArray();
        var queues = BenchmarkCommandLine.OptionText(args, "--queues", "memory").Split(',');

        var results = new List<(string Queue, int Rate, Result Result)>();
        foreach (var queue in queues)
        {
            await using var redis = queue == "redis" ? await RedisLoadTest.LocalRedis.StartAsync() : null;
            if (queue is not ("memory" or "redis"))
            {
                throw new ArgumentException($"--queues: '{queue}' is neither memory nor redis.");
            }

            foreach (var rate in rates)
            {
                await using var bench = await Bench.StartAsync(redis?.Configuration);
                // Warm-up: JIT, connections, the receiver's first key lookup; not counted.
                await bench.RunAsync(warmup * 4, seconds, concurrency, rate: 0);
                results.Add((queue, rate, await bench.RunAsync(notifications, seconds, concurrency, rate)));
            }
        }

        Console.WriteLine($"Push deliveries, loopback, agent and receiver in one process, up to {notifications:N0} notifications or {seconds} s of sending per run, {concurrency} sending clients, {Environment.ProcessorCount} cores");
        Console.WriteLine();
        Console.WriteLine("| queue | tasks sent/s | tasks | verified notifications | notifications/s | event→accepted p50 ms | p99 ms | attempt p50 ms | p99 ms | failed attempts | not delivered | of which dropped before the queue |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var (queue, rate, r) in results)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {queue}, {(rate == 0 ? "as fast as taken" : rate + " tasks/s paced")} | {r.Tasks / r.SendTime.TotalSeconds:N0} | {r.Tasks:N0} | {r.Verified:N0} | {r.Verified / r.Elapsed.TotalSeconds:N0} | {r.EventP50:0.0} | {r.EventP99:0.0} | {r.AttemptP50:0.00} | {r.AttemptP99:0.00} | {r.FailedAttempts} | {r.Expected - r.Verified} | {r.DroppedEvents} |"));
        }

        return results.Any(r => r.Result.Verified != r.Result.Expected || r.Result.FailedAttempts > 0) ? 1 : 0;
    }

    private sealed record Result(int Tasks, long Expected, long Verified, TimeSpan SendTime, TimeSpan Elapsed, double EventP50, double EventP99, double AttemptP50, double AttemptP99, long FailedAttempts, long DroppedEvents);

    /// <summary>The agent host and the receiver, and what the receiver and the sender's metrics saw.</summary>
    private sealed class Bench : IAsyncDisposable
    {
        private readonly WebApplication _agent;
        private readonly WebApplication _receiver;
        private readonly SigningKey _key;
        private readonly MeterListener _meters = new();
        private readonly HttpClient _http = new(new SocketsHttpHandler { MaxConnectionsPerServer = 64, UseProxy = false }) { Timeout = TimeSpan.FromSeconds(30) };
        private readonly Uri _sendUrl;
        private readonly string _hookUrl;
        private readonly object _gate = new();
        private List<double> _eventLatencies = [];
        private List<double> _attempts = [];
        private long _verified;
        private long _lastAccepted;
        private long _failedAttempts;
        private long _droppedEvents;

        private Bench(WebApplication agent, WebApplication receiver, SigningKey key, Uri sendUrl, string hookUrl)
        {
            _agent = agent;
            _receiver = receiver;
            _key = key;
            _sendUrl = sendUrl;
            _hookUrl = hookUrl;
        }

        public static async Task<Bench> StartAsync(string? redis)
        {
            // Both public URLs must name the real ports (the receiver checks aud/htu against its own), so ports are picked first.
            var agentPort = FreePort();
            var receiverPort = FreePort();
            var hookUrl = $"http://127.0.0.1:{receiverPort}{HookPath}";
            var key = SigningKey.Create(SigningAlgorithm.Ed25519);

            var agentBuilder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
            agentBuilder.WebHost.UseKestrel().UseUrls($"http://127.0.0.1:{agentPort}");
            agentBuilder.Logging.ClearProviders();
            agentBuilder.Services.Configure<InMemoryTaskStoreOptions>(o => o.Capacity = 1_000_000);
            agentBuilder.Services.AddA2AAgent<BenchPushAgent>(o =>
            {
                o.PublicUrl = $"http://127.0.0.1:{agentPort}/a2a";
                o.TaskTimeToLive = TimeSpan.FromMinutes(5);
                o.SigningKey = key;
            });
            agentBuilder.Services.Configure<A2APushOptions>(o =>
            {
                // The receiver is plain http on loopback: allowed explicitly, as a test or sidecar setup would.
                o.AllowHttp = true;
                o.AllowedNetworks.Add("127.0.0.1/32");
            });
            if (redis is not null)
            {
                agentBuilder.Services.AddA2ARedis(redis, o =>
                {
                    o.KeyPrefix = "bench-push:" + Guid.NewGuid().ToString("N") + ":";
                    o.CapacityPerCaller = 100_000_000;
                    o.AnonymousCapacity = 100_000_000;
                });
            }

            var agent = agentBuilder.Build();
            agent.MapA2AAgent<BenchPushAgent>("/a2a");

            var receiverBuilder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
            receiverBuilder.WebHost.UseKestrel().UseUrls($"http://127.0.0.1:{receiverPort}");
            receiverBuilder.Logging.ClearProviders();
            receiverBuilder.Services.AddSingleton<IReplayCache>(new InMemoryReplayCache(new InMemoryReplayCacheOptions { Capacity = 4_000_000 }));
            receiverBuilder.Services.AddA2APushReceiver(o =>
            {
                o.PublicUrl = hookUrl;
                o.TrustedSenders.Add(AgentId);
            });
            var receiver = receiverBuilder.Build();
            // The receiver trusts the agent's public key, as a trust file or A2AGEN_TRUSTED_KEYS would make it.
            receiver.Services.GetRequiredService<A2AKeyRing>().TrustStore.Add(AgentId, key.PublicKey);

            var bench = new Bench(agent, receiver, key, new Uri($"http://127.0.0.1:{agentPort}/a2a"), hookUrl);
            receiver.MapA2APushReceiver(HookPath, bench.AcceptAsync);
            bench.ListenToSender();
            await receiver.StartAsync();
            await agent.StartAsync();
            return bench;
        }

        private Task AcceptAsync(A2APushNotification notification, CancellationToken cancellationToken)
        {
            var now = TimeProvider.System.GetUtcNow();
            var happened = notification.Kind switch
            {
                A2APushEventKind.Task => notification.Task!.Status.Timestamp,
                A2APushEventKind.StatusUpdate => notification.StatusUpdate!.Status.Timestamp,
                _ => null,
            };
            Interlocked.Increment(ref _verified);
            Volatile.Write(ref _lastAccepted, Stopwatch.GetTimestamp());
            if (happened is { } at)
            {
                lock (_gate)
                {
                    _eventLatencies.Add((now - at).TotalMilliseconds);
                }
            }

            return Task.CompletedTask;
        }

        private void ListenToSender()
        {
            _meters.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Name is "a2agen.hosting.push.attempt.duration" or "a2agen.hosting.push.attempts" or "a2agen.hosting.push.events")
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _meters.SetMeasurementEventCallback<double>((instrument, seconds, tags, _) =>
            {
                lock (_gate)
                {
                    _attempts.Add(seconds * 1000);
                }
            });
            _meters.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
            {
                foreach (var tag in tags)
                {
                    if (tag.Key == "result" && (string?)tag.Value != "delivered")
                    {
                        Interlocked.Add(ref _failedAttempts, value);
                    }
                    else if (tag.Key == "state" && (string?)tag.Value == "dropped")
                    {
                        // The notifier's in-process buffer was full: the event never reached the queue.
                        Interlocked.Add(ref _droppedEvents, value);
                    }
                }
            });
            _meters.Start();
        }

        /// <summary>Sends tasks until <paramref name="notifications"/> are due or the time is up, then waits for their delivery.</summary>
        public async Task<Result> RunAsync(int notifications, int seconds, int concurrency, int rate)
        {
            lock (_gate)
            {
                _eventLatencies = [];
                _attempts = [];
            }

            Interlocked.Exchange(ref _verified, 0);
            Interlocked.Exchange(ref _failedAttempts, 0);
            Interlocked.Exchange(ref _droppedEvents, 0);
            var tasks = (notifications + 3) / 4;
            var started = Stopwatch.GetTimestamp();
            var stopAt = started + (seconds * Stopwatch.Frequency);
            var next = -1;
            var workers = Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
            {
                var sent = 0;
                while (true)
                {
                    var index = Interlocked.Increment(ref next);
                    if (index >= tasks || Stopwatch.GetTimestamp() >= stopAt)
                    {
                        return sent;
                    }

                    if (rate > 0)
                    {
                        var due = started + (long)((double)index / rate * Stopwatch.Frequency);
                        var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
                        if (wait > TimeSpan.Zero)
                        {
                            await Task.Delay(wait);
                        }
                    }

                    await SendTaskAsync();
                    sent++;
                }
            })).ToArray();
            var sentTasks = (await Task.WhenAll(workers)).Sum();
            var sendTime = Stopwatch.GetElapsedTime(started);
            var expected = sentTasks * 4L;

            // Deliveries still queued are waited for (bounded): the backlog is part of the throughput.
            var waitUntil = Stopwatch.GetTimestamp() + (60 * Stopwatch.Frequency);
            while (Interlocked.Read(ref _verified) < expected && Stopwatch.GetTimestamp() < waitUntil)
            {
                await Task.Delay(10);
            }

            var elapsed = Stopwatch.GetElapsedTime(started, Volatile.Read(ref _lastAccepted));
            double[] events, attempts;
            lock (_gate)
            {
                events = [.. _eventLatencies.Order()];
                attempts = [.. _attempts.Order()];
            }

            return new Result(sentTasks, expected, Interlocked.Read(ref _verified), sendTime, elapsed,
                Percentile(events, 0.50), Percentile(events, 0.99), Percentile(attempts, 0.50), Percentile(attempts, 0.99), Interlocked.Read(ref _failedAttempts), Interlocked.Read(ref _droppedEvents));
        }

        private async Task SendTaskAsync()
        {
            var body = Encoding.UTF8.GetBytes(
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"SendMessage\",\"params\":{\"message\":{\"messageId\":\"" + Guid.NewGuid().ToString("N")
                + "\",\"role\":\"ROLE_USER\",\"parts\":[{\"text\":\"hello, push\"}]},\"configuration\":{\"returnImmediately\":true,\"taskPushNotificationConfig\":{\"url\":\""
                + _hookUrl + "\"}}}}");
            using var request = new HttpRequestMessage(HttpMethod.Post, _sendUrl) { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            request.Headers.Add("A2A-Version", "1.0");
            using var response = await _http.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            if (!response.IsSuccessStatusCode || !text.Contains("\"task\"", StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"SendMessage answered {(int)response.StatusCode}: {text}");
            }
        }

        private static double Percentile(double[] sorted, double p) =>
            sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];

        private static int FreePort()
        {
            using var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
            probe.Start();
            return ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
        }

        public async ValueTask DisposeAsync()
        {
            _meters.Dispose();
            _http.Dispose();
            await _agent.StopAsync();
            await _receiver.StopAsync();
            await _agent.DisposeAsync();
            await _receiver.DisposeAsync();
            _key.Dispose();
        }
    }
}
