using A2AGen.Protocol;

namespace A2AGen.Hosting.Push;

/// <summary>
/// A durable queue of push-notification deliveries, shared by every instance when the queue is: at-least-once, in
/// order per task. Deliveries of one task come out one at a time, in the order they were enqueued: the next is handed
/// out only once the one before it is completed or dead-lettered. A taken delivery is leased: if the instance that took
/// it neither completes, reschedules nor dead-letters it before the lease ends (it crashed or restarted), another
/// instance takes it again. <see cref="InMemoryPushDeliveryQueue"/> is the default; A2AGen.Hosting.Redis keeps it in
/// Redis, durable across instance restarts. Implementations must be thread-safe.
/// </summary>
public interface IPushDeliveryQueue
{
    /// <summary>Adds a delivery behind the task's earlier ones; once this returns, the delivery survives a restart of any instance.</summary>
    /// <param name="delivery">What to deliver.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <exception cref="Tasks.TaskStoreUnavailableException">The queue cannot be reached (nothing was added).</exception>
    ValueTask EnqueueAsync(PushDelivery delivery, CancellationToken cancellationToken);

    /// <summary>The next delivery that is due (the head of some task's queue whose time has come), leased until <paramref name="now"/> + <paramref name="lease"/>; null when none is due.</summary>
    /// <param name="now">The current time.</param>
    /// <param name="lease">How long the caller may take before another instance takes the delivery again.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    ValueTask<PushDeliveryLease?> TakeAsync(DateTimeOffset now, TimeSpan lease, CancellationToken cancellationToken);

    /// <summary>The delivery was made: it leaves the queue and the task's next delivery becomes due.</summary>
    /// <param name="lease">The lease from <see cref="TakeAsync"/>.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>False when the lease had ended and another instance holds the delivery now.</returns>
    ValueTask<bool> CompleteAsync(PushDeliveryLease lease, CancellationToken cancellationToken);

    /// <summary>The attempt failed: the delivery stays at the head of its task's queue, due again at <paramref name="notBefore"/>, with its attempt count raised.</summary>
    /// <param name="lease">The lease from <see cref="TakeAsync"/>.</param>
    /// <param name="notBefore">When to try again (the caller's backoff).</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>False when the lease had ended.</returns>
    ValueTask<bool> RetryAsync(PushDeliveryLease lease, DateTimeOffset notBefore, CancellationToken cancellationToken);

    /// <summary>The delivery is given up (its schedule is exhausted): it moves to the dead-letter list with the reason, and the task's next delivery becomes due.</summary>
    /// <param name="lease">The lease from <see cref="TakeAsync"/>.</param>
    /// <param name="reason">Why (for operators; no secrets).</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>False when the lease had ended.</returns>
    ValueTask<bool> DeadLetterAsync(PushDeliveryLease lease, string reason, CancellationToken cancellationToken);
}

/// <summary>One push-notification delivery: an event of a task for one of its configurations.</summary>
public sealed record PushDelivery
{
    /// <summary>Unique id (the receiver can de-duplicate on it).</summary>
    public required string Id { get; init; }

    /// <summary>The agent.</summary>
    public required string AgentId { get; init; }

    /// <summary>The task (deliveries of one task keep their order).</summary>
    public required string TaskId { get; init; }

    /// <summary>The configuration to deliver to; its URL and credentials are read when delivering, so none sit in the queue.</summary>
    public required string ConfigId { get; init; }

    /// <summary>The event to POST.</summary>
    public required StreamResponse Event { get; init; }

    /// <summary>Attempts made so far.</summary>
    public int Attempts { get; init; }
}

/// <summary>A delivery taken from the queue, and the proof of holding it.</summary>
/// <param name="Delivery">The delivery.</param>
/// <param name="Token">Identifies this lease (a later taker gets another).</param>
/// <param name="Until">When the lease ends.</param>
public sealed record PushDeliveryLease(PushDelivery Delivery, string Token, DateTimeOffset Until);
