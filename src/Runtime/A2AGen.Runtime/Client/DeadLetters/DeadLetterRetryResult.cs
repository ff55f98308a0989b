namespace A2AGen.Client;

/// <summary>How a redelivery of a dead letter ended (<see cref="DeadLetterRedelivery"/>).</summary>
public enum DeadLetterRetryOutcome
{
    /// <summary>The agent answered; the entry was removed.</summary>
    Delivered,

    /// <summary>The delivery failed again; the entry stays, with this attempt added.</summary>
    Failed,

    /// <summary>There is no entry with that id (already delivered or purged).</summary>
    NotFound,
}

/// <summary>The result of redelivering one dead letter.</summary>
/// <param name="Id">The entry id.</param>
/// <param name="Outcome">How it ended.</param>
/// <param name="Response">The agent's answer, when delivered.</param>
/// <param name="Failure">Why it failed, when it did.</param>
/// <param name="Reason">The machine-readable reason of the failure, when there is one.</param>
public sealed record DeadLetterRetryResult(string Id, DeadLetterRetryOutcome Outcome, A2AGen.Protocol.SendMessageResponse? Response = null, string? Failure = null, string? Reason = null);
