namespace A2AGen.Hosting.Push;

/// <summary>
/// The push-delivery queue in this process's memory (the default without a shared store): the same order and lease
/// rules as a shared queue, but lost when the process ends. Thread-safe.
/// </summary>
public sealed class InMemoryPushDeliveryQueue : IPushDeliveryQueue
{
    /// <summary>How many dead-lettered deliveries are kept (the oldest go first).</summary>
    public const int DeadLetterCapacity = 1_000;

    private readonly object _gate = new();
    private readonly Dictionary<(string Agent, string Task), TaskQueue> _queues = [];
    private readonly LinkedList<(PushDelivery Delivery, string Reason)> _dead = new();
    private readonly TimeProvider _time;

    /// <summary>Creates the queue.</summary>
    /// <param name="time">The clock of the schedule.</param>
    public InMemoryPushDeliveryQueue(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        _time = time;
    }

    /// <summary>The dead-lettered deliveries, oldest first, with the reason each was given up.</summary>
    public IReadOnlyList<(PushDelivery Delivery, string Reason)> DeadLetters
    {
        get
        {
            lock (_gate)
            {
                return [.. _dead];
            }
        }
    }

    /// <inheritdoc />
    public ValueTask EnqueueAsync(PushDelivery delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        lock (_gate)
        {
            var key = (delivery.AgentId, delivery.TaskId);
            if (!_queues.TryGetValue(key, out var queue))
            {
                _queues[key] = queue = new TaskQueue { Due = _time.GetUtcNow() };
            }

            queue.Items.Enqueue(delivery);
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask<PushDeliveryLease?> TakeAsync(DateTimeOffset now, TimeSpan lease, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            TaskQueue? next = null;
            foreach (var queue in _queues.Values)
            {
                if (queue.Due <= now && (next is null || queue.Due < next.Due))
                {
                    next = queue;
                }
            }

            if (next is null)
            {
                return new((PushDeliveryLease?)null);
            }

            next.Due = now + lease;
            next.Token = Guid.NewGuid().ToString("N");
            return new(new PushDeliveryLease(next.Items.Peek(), next.Token, now + lease));
        }
    }

    /// <inheritdoc />
    public ValueTask<bool> CompleteAsync(PushDeliveryLease lease, CancellationToken cancellationToken) => Settle(lease, queue => queue.Items.Dequeue(), _time.GetUtcNow());

    /// <inheritdoc />
    public ValueTask<bool> RetryAsync(PushDeliveryLease lease, DateTimeOffset notBefore, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lease);
        return Settle(lease, queue =>
        {
            // Replace the head with its raised attempt count, keeping its place.
            var rest = queue.Items.ToArray()[1..];
            queue.Items.Clear();
            queue.Items.Enqueue(lease.Delivery with { Attempts = lease.Delivery.Attempts + 1 });
            foreach (var item in rest)
            {
                queue.Items.Enqueue(item);
            }
        }, notBefore);
    }

    /// <inheritdoc />
    public ValueTask<bool> DeadLetterAsync(PushDeliveryLease lease, string reason, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lease);
        return Settle(lease, queue =>
        {
            _dead.AddLast((queue.Items.Dequeue(), A2AGen.Security.CallerText.Sanitize(reason ?? "", 500)));
            if (_dead.Count > DeadLetterCapacity)
            {
                _dead.RemoveFirst();
            }
        }, _time.GetUtcNow());
    }

    private ValueTask<bool> Settle(PushDeliveryLease lease, Action<TaskQueue> change, DateTimeOffset due)
    {
        ArgumentNullException.ThrowIfNull(lease);
        lock (_gate)
        {
            var key = (lease.Delivery.AgentId, lease.Delivery.TaskId);
            if (!_queues.TryGetValue(key, out var queue) || queue.Token != lease.Token)
            {
                return new(false);
            }

            queue.Token = null;
            change(queue);
            if (queue.Items.Count == 0)
            {
                _queues.Remove(key);
            }
            else
            {
                queue.Due = due;
            }

            return new(true);
        }
    }

    private sealed class TaskQueue
    {
        public Queue<PushDelivery> Items { get; } = new();

        public DateTimeOffset Due { get; set; }

        public string? Token { get; set; }
    }
}
