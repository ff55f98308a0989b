namespace A2AGen.Client;

/// <summary>The attempts of one call, in order (attempts are sequential: no locking).</summary>
internal sealed class DeliveryLog
{
    private readonly List<DeliveryAttempt> _attempts = [];

    public IReadOnlyList<DeliveryAttempt> Attempts => _attempts;

    public void Add(DeliveryAttempt attempt) => _attempts.Add(attempt);
}
