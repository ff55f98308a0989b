namespace A2AGen.Client;

/// <summary>One attempt of a call: when it was made and how it ended (<c>HTTP 503</c>, <c>connection failed: …</c>).</summary>
/// <param name="At">When the attempt started.</param>
/// <param name="Outcome">How it ended, in words.</param>
/// <param name="StatusCode">The HTTP status answered, when a response arrived.</param>
public sealed record DeliveryAttempt(DateTimeOffset At, string Outcome, int? StatusCode = null);
