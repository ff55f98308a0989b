using A2AGen.Protocol;

namespace A2AGen.Hosting.Idempotency;

/// <summary>
/// Remembers accepted messages by (agent, verified caller, <c>messageId</c>) so a message sent again — a retry with a
/// fresh request signature included — answers the original task or reply instead of running the skill twice
/// (DESIGN §13). The default is a bounded in-memory store; a store shared by several instances (Redis) makes the
/// guarantee hold across them. Implementations must be thread-safe and make <see cref="TryClaimAsync"/> atomic.
/// </summary>
public interface IIdempotencyStore
{
    /// <summary>
    /// Claims <paramref name="key"/> for a first execution. Returns null when this call claimed it (the caller runs the
    /// message, then calls <see cref="CompleteAsync"/> or <see cref="ReleaseAsync"/>), or the entry already there —
    /// complete, or still pending while its first execution runs.
    /// </summary>
    /// <param name="key">Agent, caller and message id.</param>
    /// <param name="requestHash">The SHA-256 of the request's parameters (base64url), to tell a retry from another message.</param>
    /// <param name="window">How long the entry is remembered.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    ValueTask<IdempotencyEntry?> TryClaimAsync(IdempotencyKey key, string requestHash, TimeSpan window, CancellationToken cancellationToken);

    /// <summary>Records the outcome of the claimed first execution (the task it created or continued, or its reply).</summary>
    /// <param name="key">The claimed key.</param>
    /// <param name="entry">The complete entry.</param>
    /// <param name="window">How long it is remembered from now.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    ValueTask CompleteAsync(IdempotencyKey key, IdempotencyEntry entry, TimeSpan window, CancellationToken cancellationToken);

    /// <summary>Forgets a claim whose execution left nothing behind (refused or failed), so the message may be sent again.</summary>
    /// <param name="key">The claimed key.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    ValueTask ReleaseAsync(IdempotencyKey key, CancellationToken cancellationToken);

    /// <summary>The entry for <paramref name="key"/>, or null.</summary>
    /// <param name="key">The key.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    ValueTask<IdempotencyEntry?> GetAsync(IdempotencyKey key, CancellationToken cancellationToken);
}

/// <summary>Which message: the agent, the verified caller (null: the shared anonymous bucket) and the message id.</summary>
/// <param name="AgentId">The agent the message was sent to.</param>
/// <param name="CallerId">The verified caller's owner key (<c>agent:…</c>, <c>mtls:…</c>, <c>user:…</c>), or null for anonymous callers.</param>
/// <param name="MessageId">The message's <c>messageId</c>.</param>
public readonly record struct IdempotencyKey(string AgentId, string? CallerId, string MessageId);

/// <summary>What a remembered message led to.</summary>
public sealed record IdempotencyEntry
{
    /// <summary>The SHA-256 (base64url) of the first request's parameters.</summary>
    public required string RequestHash { get; init; }

    /// <summary>The task the message created or continued, or null.</summary>
    public string? TaskId { get; init; }

    /// <summary>The agent's direct reply (a skill that answers with a message), or null.</summary>
    public Message? Reply { get; init; }

    /// <summary>Whether the first execution has finished (otherwise it is still running).</summary>
    public bool IsComplete => TaskId is not null || Reply is not null;
}
