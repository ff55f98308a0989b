using System.Threading.Channels;
using A2AGen.Protocol;

namespace A2AGen.Hosting.Tasks;

/// <summary>
/// One stream's view of a running task: the state when it subscribed, then every later event in order. The stream
/// that started the task (<c>SendStreamingMessage</c>) holds it back when it falls behind (the skill waits for the
/// client); any other stream (<c>SubscribeToTask</c>) that falls <see cref="Capacity"/> events behind is cut off and
/// can resubscribe, so one slow watcher never stalls the task.
/// </summary>
internal sealed class TaskSubscription
{
    /// <summary>Events a stream may have outstanding.</summary>
    public const int Capacity = 1024;

    private readonly SemaphoreSlim? _credits;

    public TaskSubscription(AgentTask snapshot, bool finished, bool holdsBackProducer)
    {
        Snapshot = snapshot;
        if (!finished)
        {
            // A few slots more than the threshold, so status events and the final status always fit.
            Channel = System.Threading.Channels.Channel.CreateBounded<StreamResponse>(new BoundedChannelOptions(Capacity + 8)
            {
                SingleReader = true,
                SingleWriter = false,
            });
            _credits = holdsBackProducer ? new SemaphoreSlim(Capacity) : null;
        }
    }

    /// <summary>The task at the moment of subscribing (the stream's first event).</summary>
    public AgentTask Snapshot { get; }

    /// <summary>Later events; null when the task had already finished.</summary>
    public ChannelReader<StreamResponse>? Events => Channel?.Reader;

    /// <summary>Set when the subscriber fell too far behind and was cut off.</summary>
    public bool Dropped { get; set; }

    /// <summary>Whether the producer waits for this stream instead of cutting it off.</summary>
    public bool HoldsBackProducer => _credits is not null;

    internal Channel<StreamResponse>? Channel { get; }

    /// <summary>The producer takes one credit per artifact event; waits while the stream has <see cref="Capacity"/> outstanding.</summary>
    internal Task TakeCreditAsync(CancellationToken cancellationToken) => _credits?.WaitAsync(cancellationToken) ?? Task.CompletedTask;

    /// <summary>The stream wrote an event: one more may be produced.</summary>
    public void ReturnCredit(StreamResponse written)
    {
        if (_credits is not null && written.ArtifactUpdate is not null && _credits.CurrentCount < Capacity)
        {
            _credits.Release();
        }
    }

    /// <summary>The stream is gone: never hold the producer back again.</summary>
    internal void ReleaseProducer()
    {
        // Wakes a producer waiting for a credit; it then sees the stream gone and stops taking credits.
        _credits?.Release(Capacity);
    }
}
