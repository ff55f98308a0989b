using A2AGen.Security;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace A2AGen.Hosting;

/// <summary>
/// The receivers <c>MapA2APushReceiver</c> mapped. Each is built when the host starts (options validated, the key ring
/// loaded), so a configuration problem stops the start instead of failing the first notification.
/// </summary>
internal sealed class PushReceiverRegistry(IServiceProvider services)
{
    /// <summary>The named <see cref="HttpClient"/> that fetches senders' JWKS: no redirects, no cookies.</summary>
    public const string JwksHttpClientName = "A2AGen.PushReceiver.Jwks";

    private readonly List<MappedPushReceiver> _receivers = [];
    private readonly Lock _gate = new();

    public MappedPushReceiver Add(string path, string optionsName)
    {
        var mapped = new MappedPushReceiver(path, optionsName, this);
        lock (_gate)
        {
            _receivers.Add(mapped);
        }

        return mapped;
    }

    public void StartAll()
    {
        lock (_gate)
        {
            foreach (var receiver in _receivers)
            {
                _ = receiver.Receiver;
            }
        }
    }

    internal PushReceiver Build(string path, string optionsName)
    {
        // Reading the options runs their validation (OptionsValidationException names every problem).
        var options = services.GetRequiredService<IOptionsMonitor<A2APushReceiverOptions>>().Get(optionsName);
        var time = services.GetRequiredService<TimeProvider>();
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("A2AGen.Hosting.PushReceiver");
        var jwks = new SenderJwksKeys(options, services.GetRequiredService<IHttpClientFactory>().CreateClient(JwksHttpClientName), time, logger);
        return new PushReceiver(path, options, services.GetRequiredService<A2AKeyRing>().TrustStore, jwks,
            services.GetRequiredService<IReplayCache>(), time, services.GetRequiredService<PushReceiverTelemetry>(), logger);
    }
}

/// <summary>A mapped receiver, built on first use (the host's start, see <see cref="PushReceiverRegistry.StartAll"/>).</summary>
internal sealed class MappedPushReceiver(string path, string optionsName, PushReceiverRegistry registry)
{
    private readonly Lazy<PushReceiver> _receiver = new(() => registry.Build(path, optionsName), LazyThreadSafetyMode.ExecutionAndPublication);

    public PushReceiver Receiver => _receiver.Value;
}

/// <summary>Builds every mapped receiver before the server listens.</summary>
internal sealed class PushReceiverStartup(PushReceiverRegistry registry) : IHostedLifecycleService
{
    public Task StartingAsync(CancellationToken cancellationToken)
    {
        registry.StartAll();
        return Task.CompletedTask;
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
