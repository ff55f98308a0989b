using System.Diagnostics;
using A2AGen.Hosting.Tasks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace A2AGen.Hosting.Push;

/// <summary>
/// Delivers push notifications in the background, at least once and in order per task. One loop turns the events the
/// <see cref="PushNotifier"/> buffers into queued deliveries (one per webhook configured for the task when the event
/// happened); another takes due deliveries from the <see cref="IPushDeliveryQueue"/> (shared by every instance when it
/// is Redis), makes the attempt (<see cref="PushSender"/>) and settles it: completed on a 2xx answer; retried after an
/// exponential, jittered wait on a failure, a timeout, 408, 429 or 5xx; dead-lettered when the schedule
/// (<see cref="A2APushOptions.MaxAttempts"/>) is used up, on any other answer, or when the SSRF guard refuses the
/// address. A delivery taken by an instance that stops is settled for a retry, or taken again when its lease ends.
/// </summary>
internal sealed class PushDeliveryWorker : BackgroundService
{
    private const int MaxEnqueueAttempts = 20;

    private readonly A2AEndpointRegistry _registry;
    private readonly IPushConfigStore _configs;
    private readonly IPushDeliveryQueue _queue;
    private readonly PushNotifier _notifier;
    private readonly A2APushOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly WebhookHttpClient _http;
    private readonly TimeSpan _lease;

    public PushDeliveryWorker(A2AEndpointRegistry registry, IPushConfigStore configs, IPushDeliveryQueue queue, PushNotifier notifier,
        IOptions<A2APushOptions> options, TimeProvider time, ILoggerFactory loggers)
    {
        _registry = registry;
        _configs = configs;
        _queue = queue;
        _notifier = notifier;
        _options = options.Value;
        _time = time;
        _logger = loggers.CreateLogger("A2AGen.Hosting.Push");
        _http = new WebhookHttpClient(new WebhookAddressPolicy(_options.AllowedNetworks), _options.MaxResponseBytes);
        _lease = _options.AttemptTimeout + TimeSpan.FromSeconds(15);
    }

    public override void Dispose()
    {
        _http.Dispose();
        base.Dispose();
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The agents were started (A2AStartup) before any hosted service: without a push agent there is nothing to do.
        if (!_registry.Agents.Any(a => a.IsStarted && a.Host.SupportsPushNotifications))
        {
            return Task.CompletedTask;
        }

        return Task.WhenAll(Task.Run(() => EnqueueLoopAsync(stoppingToken), CancellationToken.None), Task.Run(() => DeliveryLoopAsync(stoppingToken), CancellationToken.None));
    }

    private AgentHost? Agent(string agentId)
    {
        foreach (var agent in _registry.Agents)
        {
            if (agent.IsStarted && agent.Registration.AgentId == agentId && agent.Host.SupportsPushNotifications)
            {
                return agent.Host;
            }
        }

        return null;
    }

    private async Task EnqueueLoopAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var item in _notifier.Events.ReadAllAsync(stoppingToken).ConfigureAwait(false))
            {
                try
                {
                    await EnqueueAsync(item, stoppingToken).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // A bug or a store that fails in an unexpected way must not stop the host (a BackgroundService
                    // that throws does): this event is dropped and counted, the next one is tried.
                    Agent(item.AgentId)?.Telemetry.RecordPushEvent(item.AgentId, "dropped");
                    HostingLog.PushFailed(_logger, e, "queueing an event");
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    // One event: a delivery per webhook of the task. While the store or queue is unreachable the event waits (later
    // events wait behind it, keeping the order), up to a bound; then it is dropped and counted.
    private async Task EnqueueAsync(PushEvent item, CancellationToken stoppingToken)
    {
        var agent = Agent(item.AgentId);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var configs = await _configs.ListAsync(item.AgentId, item.TaskId, stoppingToken).ConfigureAwait(false);
                foreach (var config in configs)
                {
                    await _queue.EnqueueAsync(new PushDelivery
                    {
                        Id = TaskIds.NewId(),
                        AgentId = item.AgentId,
                        TaskId = item.TaskId,
                        ConfigId = config.Id!,
                        Event = item.Item,
                    }, stoppingToken).ConfigureAwait(false);
                    agent?.Telemetry.RecordPushEvent(item.AgentId, "queued");
                }

                if (configs.Count > 0)
                {
                    _notifier.Wake();
                }

                return;
            }
            catch (TaskStoreUnavailableException e)
            {
                if (attempt >= MaxEnqueueAttempts)
                {
                    agent?.Telemetry.RecordPushEvent(item.AgentId, "dropped");
                    HostingLog.PushEventDropped(_logger, item.AgentId, item.TaskId, "the push-notification store stayed unreachable");
                    return;
                }

                HostingLog.PushQueueUnavailable(_logger, e, "queueing an event");
                await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(5_000, 100 * attempt)), stoppingToken).ConfigureAwait(false);
            }
        }
    }

    private async Task DeliveryLoopAsync(CancellationToken stoppingToken)
    {
        using var slots = new SemaphoreSlim(_options.MaxConcurrentDeliveries, _options.MaxConcurrentDeliveries);
        var running = new List<Task>();
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await slots.WaitAsync(stoppingToken).ConfigureAwait(false);
                PushDeliveryLease? lease = null;
                try
                {
                    lease = await _queue.TakeAsync(_time.GetUtcNow(), _lease, stoppingToken).ConfigureAwait(false);
                }
                catch (TaskStoreUnavailableException e)
                {
                    HostingLog.PushQueueUnavailable(_logger, e, "taking a delivery");
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    HostingLog.PushFailed(_logger, e, "taking a delivery");
                }

                if (lease is null)
                {
                    slots.Release();
                    await _notifier.WaitForWorkAsync(_options.PollInterval, stoppingToken).ConfigureAwait(false);
                    continue;
                }

                running.RemoveAll(static t => t.IsCompleted);
                running.Add(DeliverAsync(lease, slots, stoppingToken));
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }

        await Task.WhenAll(running).ConfigureAwait(false);
    }

    private async Task DeliverAsync(PushDeliveryLease lease, SemaphoreSlim slots, CancellationToken stoppingToken)
    {
        await Task.Yield();
        var delivery = lease.Delivery;
        try
        {
            // An agent this instance does not serve: the lease lapses and an instance that serves it takes it.
            if (Agent(delivery.AgentId) is not { } agent)
            {
                return;
            }

            var config = await _configs.GetAsync(delivery.AgentId, delivery.TaskId, delivery.ConfigId, stoppingToken).ConfigureAwait(false);
            if (config is null)
            {
                // Deleted (or expired with its task) since the event: nothing to deliver to.
                await _queue.CompleteAsync(lease, stoppingToken).ConfigureAwait(false);
                agent.Telemetry.RecordPushOutcome(agent.AgentId, "skipped");
                _notifier.Wake();
                return;
            }

            var started = Stopwatch.GetTimestamp();
            var outcome = await PushSender.SendAsync(agent, _http, _options, config, delivery.Event, stoppingToken).ConfigureAwait(false);
            var attempt = delivery.Attempts + 1;
            if (outcome.Succeeded)
            {
                agent.Telemetry.RecordPushAttempt(agent.AgentId, "delivered", started);
                await _queue.CompleteAsync(lease, stoppingToken).ConfigureAwait(false);
                agent.Telemetry.RecordPushOutcome(agent.AgentId, "delivered");
                _notifier.Wake();
                return;
            }

            var problem = outcome.Refusal ?? outcome.Failure ?? $"the webhook answered HTTP {outcome.Status}";
            agent.Telemetry.RecordPushAttempt(agent.AgentId, outcome.Refusal is null ? "failed" : "refused", started);
            if (outcome.Refusal is not null || IsPermanent(outcome.Status) || attempt >= _options.MaxAttempts)
            {
                await _queue.DeadLetterAsync(lease, problem, stoppingToken).ConfigureAwait(false);
                agent.Telemetry.RecordPushOutcome(agent.AgentId, "dead_lettered");
                HostingLog.PushDeadLettered(agent.Logger, agent.AgentId, delivery.TaskId, delivery.ConfigId, attempt, problem);
                _notifier.Wake();
                return;
            }

            var delay = PushBackoff.Delay(attempt, _options.FirstRetryDelay, _options.MaxRetryDelay);
            HostingLog.PushAttemptFailed(agent.Logger, agent.AgentId, delivery.TaskId, delivery.ConfigId, attempt, problem, delay);
            await _queue.RetryAsync(lease, _time.GetUtcNow() + delay, stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping mid-attempt: hand the delivery back at once (another instance, or this one restarted, takes it)
            // rather than leaving it until the lease ends. The attempt count rises: the attempt may have reached the webhook.
            await SettleQuietlyAsync(() => _queue.RetryAsync(lease, _time.GetUtcNow(), CancellationToken.None)).ConfigureAwait(false);
        }
        catch (TaskStoreUnavailableException e)
        {
            // The lease lapses and the delivery is taken again.
            HostingLog.PushQueueUnavailable(_logger, e, "settling a delivery");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Never the host's end: the lease lapses and the delivery is taken again.
            HostingLog.PushFailed(_logger, e, "making a delivery");
        }
        finally
        {
            slots.Release();
        }
    }

    private static async Task SettleQuietlyAsync(Func<ValueTask<bool>> settle)
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await settle().AsTask().WaitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is TaskStoreUnavailableException or OperationCanceledException or TimeoutException)
        {
            // The lease lapses instead.
        }
    }

    // A refusal the webhook will repeat: client errors other than timeout, too early and too many requests; redirects.
    private static bool IsPermanent(int status) => status is >= 300 and < 500 and not 408 and not 425 and not 429;
}
