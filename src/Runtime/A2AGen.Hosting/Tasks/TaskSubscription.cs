using System.Threading.Channels;
using A2AGen.Protocol;

namespace A2AGen.Hosting.Tasks;

/// <summary>One stream's view of a running task: the state when it subscribed, then every later event in order.</summary>
internal sealed class TaskSubscription
{
    /// <summary>Events a subscriber may fall behind before it is dropped (it can resubscribe).</summary>
    public const int Capacity = 1024;

    public TaskSubscription(AgentTask snapshot, bool finished)
    {
        Snapshot = snapshot;
        if (!finished)
        {
            // One slot more than the drop threshold, so the final status always fits.
            Channel = System.Threading.Channels.Channel.CreateBounded<StreamResponse>(new BoundedChannelOptions(Capacity + 1)
            {
                SingleReader = true,
                SingleWriter = false,
            });
        }
    }

    /// <summary>The task at the moment of subscribing (the stream's first event).</summary>
    public AgentTask Snapshot { get; }

    /// <summary>Later events; null when the task had already finished.</summary>
    public ChannelReader<StreamResponse>? Events => Channel?.Reader;

    /// <summary>Set when the subscriber fell too far behind and was cut off.</summary>
    public bool Dropped { get; set; }

    internal Channel<StreamResponse>? Channel { get; }
}
