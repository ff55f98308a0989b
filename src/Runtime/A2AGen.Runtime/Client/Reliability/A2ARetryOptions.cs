namespace A2AGen.Client;

/// <summary>
/// How <see cref="A2AClient"/> retries a call that failed for a reason that may pass: the agent could not be reached
/// (connection refused or reset, DNS, TLS, the HTTP client's timeout), or it answered HTTP 502, 503, 504 or 429. Waits
/// grow exponentially from <see cref="BaseDelay"/> with jitter, up to <see cref="MaxDelay"/>; a 429 or 503 with
/// <c>Retry-After</c> waits what it says. Nothing else is retried: not a security refusal (401, 403), not any other
/// 4xx, not an A2A error. Every attempt is a new HTTP request, so a signing handler in the client's
/// <see cref="HttpClient"/> signs each one afresh (new <c>jti</c>) while the body, and with it the <c>messageId</c>,
/// stays the same; the agent's idempotency answers a repeated <c>SendMessage</c> with the first outcome. Retried calls:
/// SendMessage, SendStreamingMessage (until the stream starts), GetTask, ListTasks, CancelTask, SubscribeToTask and
/// GetExtendedAgentCard; never CreateTaskPushNotificationConfig, which is not safe to repeat.
/// </summary>
public sealed record A2ARetryOptions
{
    /// <summary>No retries: every call is made once.</summary>
    public static A2ARetryOptions Disabled { get; } = new() { MaxAttempts = 1 };

    /// <summary>Attempts in all, the first included (default 4); 1 turns retries off.</summary>
    public int MaxAttempts { get; init; } = 4;

    /// <summary>The wait before the first retry, doubled for each next one, with jitter (default 500 ms).</summary>
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The longest computed wait between attempts (default 30 s). A <c>Retry-After</c> is honoured as sent; <see cref="TotalBudget"/> bounds it.</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The time all attempts of one call may take, waits included (default 60 s): when it is spent the call fails with
    /// <c>RETRY_BUDGET_EXHAUSTED</c> (and a <c>SendMessage</c> goes to <see cref="A2AClientOptions.DeadLetters"/> when set).
    /// From 10 ms to 24 h, or <see cref="Timeout.InfiniteTimeSpan"/> for no budget.
    /// </summary>
    public TimeSpan TotalBudget { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>The clock of the waits and the budget (tests give a fake one); the system clock when null.</summary>
    public TimeProvider? TimeProvider { get; init; }

    internal void Validate()
    {
        if (MaxAttempts < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxAttempts), MaxAttempts, "At least one attempt.");
        }

        if (BaseDelay < TimeSpan.Zero || MaxDelay < BaseDelay)
        {
            throw new ArgumentOutOfRangeException(nameof(BaseDelay), BaseDelay, "BaseDelay must be zero or more and no longer than MaxDelay.");
        }

        // Polly's timeout accepts 10 ms to 24 h.
        if (TotalBudget != Timeout.InfiniteTimeSpan && (TotalBudget < TimeSpan.FromMilliseconds(10) || TotalBudget > TimeSpan.FromHours(24)))
        {
            throw new ArgumentOutOfRangeException(nameof(TotalBudget), TotalBudget, "TotalBudget must be from 10 ms to 24 h, or infinite.");
        }
    }
}
