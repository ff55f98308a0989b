using System.Threading.Channels;
using A2AGen.Protocol;

namespace A2AGen.Hosting.Push;

/// <summary>
/// Where the task lifecycle hands the events of push-notification agents' tasks: a bounded in-process buffer, written
/// without blocking (the lifecycle calls it under its lock, in the task's order) and read by the
/// <see cref="PushDeliveryWorker"/>, which turns each event into one queued delivery per webhook of the task, in order.
/// An event is durable once it is in the <see cref="IPushDeliveryQueue"/>, a few milliseconds after it happened.
/// </summary>
internal sealed class PushNotifier
{
    /// <summary>Events buffered before they are queued; beyond it new ones are dropped (and counted).</summary>
    public const int Capacity = 10_000;

    private readonly Channel<PushEvent> _events = Channel.CreateBounded<PushEvent>(new BoundedChannelOptions(Capacity)
    {
        SingleReader = true,
        FullMode = BoundedChannelFullMode.Wait,
    });

    private readonly SemaphoreSlim _work = new(0, 1);

    public ChannelReader<PushEvent> Events => _events.Reader;

    /// <summary>An event of a task of <paramref name="agent"/>; never blocks.</summary>
    public void Notify(AgentHost agent, string taskId, StreamResponse item)
    {
        if (!_events.Writer.TryWrite(new PushEvent(agent.AgentId, taskId, item)))
        {
            agent.Telemetry.RecordPushEvent(agent.AgentId, "dropped");
            HostingLog.PushEventDropped(agent.Logger, agent.AgentId, taskId, $"more than {Capacity} events are waiting to be queued");
        }
    }

    /// <summary>Tells the delivery loop that a delivery may be due now.</summary>
    public void Wake()
    {
        try
        {
            _work.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already signalled.
        }
    }

    /// <summary>Waits until <see cref="Wake"/> or <paramref name="timeout"/>.</summary>
    public Task WaitForWorkAsync(TimeSpan timeout, CancellationToken cancellationToken) => _work.WaitAsync(timeout, cancellationToken);
}

/// <summary>An event of a task, for its webhooks.</summary>
internal readonly record struct PushEvent(string AgentId, string TaskId, StreamResponse Item);
