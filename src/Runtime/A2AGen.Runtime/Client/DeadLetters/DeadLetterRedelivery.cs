using A2AGen.Protocol;

namespace A2AGen.Client;

/// <summary>
/// Sends dead letters again (<see cref="IDeadLetterQueue"/>): each with its own <c>messageId</c>, so an agent that did
/// run it before (a reply lost on the way back) answers with the first outcome instead of running it twice. A delivered
/// entry is removed; a failed one stays with the attempt added. Used by <c>a2agen dlq retry</c> and by
/// <c>A2AGen.Hosting</c>'s background redelivery. Thread-safe.
/// </summary>
public sealed class DeadLetterRedelivery
{
    private readonly Func<DeadLetter, CancellationToken, ValueTask<A2AClient>> _clientFor;
    private readonly TimeProvider _clock;

    /// <summary>Creates a redelivery that asks <paramref name="clientFor"/> for the client of each entry.</summary>
    /// <param name="queue">The dead letters.</param>
    /// <param name="clientFor">The client to send an entry through (signing as the original sender).</param>
    /// <param name="timeProvider">The clock of the attempts recorded; the system clock when null.</param>
    public DeadLetterRedelivery(IDeadLetterQueue queue, Func<DeadLetter, CancellationToken, ValueTask<A2AClient>> clientFor, TimeProvider? timeProvider = null)
    {
        Queue = queue ?? throw new ArgumentNullException(nameof(queue));
        _clientFor = clientFor ?? throw new ArgumentNullException(nameof(clientFor));
        _clock = timeProvider ?? TimeProvider.System;
    }

    /// <summary>The dead letters.</summary>
    public IDeadLetterQueue Queue { get; }

    /// <summary>
    /// A redelivery that calls each entry's stored interface (URL, binding, tenant) over <paramref name="httpClient"/>
    /// — whose handlers sign, as the original sender's did — with <paramref name="options"/> (gRPC needs its transport
    /// there). The card is not fetched again: the interface was taken from a verified card when the message was first sent.
    /// </summary>
    /// <param name="queue">The dead letters.</param>
    /// <param name="httpClient">The HTTP client (e.g. <see cref="A2ASigningHandler.CreateHttpClient"/>).</param>
    /// <param name="options">Client settings (retries, transports, bearer tokens); <see cref="A2AClientOptions.DeadLetters"/> is not used.</param>
    public static DeadLetterRedelivery Create(IDeadLetterQueue queue, HttpClient httpClient, A2AClientOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        options ??= new A2AClientOptions();
        return new DeadLetterRedelivery(
            queue,
            (letter, _) => ValueTask.FromResult(A2AClient.Create(httpClient, new AgentInterface { Url = letter.Endpoint.AbsoluteUri, ProtocolBinding = letter.ProtocolBinding, Tenant = letter.Tenant }, options)),
            options.Retry.TimeProvider);
    }

    /// <summary>Sends the entry <paramref name="id"/> again.</summary>
    /// <param name="id">The entry id.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    public async Task<DeadLetterRetryResult> RetryAsync(string id, CancellationToken cancellationToken = default)
    {
        var letter = await Queue.GetAsync(id, cancellationToken).ConfigureAwait(false);
        return letter is null ? new DeadLetterRetryResult(id, DeadLetterRetryOutcome.NotFound) : await RetryAsync(letter, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sends every entry again, oldest first, one at a time.</summary>
    /// <param name="cancellationToken">Cancellation.</param>
    public async Task<IReadOnlyList<DeadLetterRetryResult>> RetryAllAsync(CancellationToken cancellationToken = default)
    {
        var results = new List<DeadLetterRetryResult>();
        foreach (var letter in await Queue.ListAsync(cancellationToken).ConfigureAwait(false))
        {
            results.Add(await RetryAsync(letter, cancellationToken).ConfigureAwait(false));
        }

        return results;
    }

    private async Task<DeadLetterRetryResult> RetryAsync(DeadLetter letter, CancellationToken cancellationToken)
    {
        if (letter.Operation != Protocol.JsonRpc.A2AMethods.SendMessage)
        {
            return new DeadLetterRetryResult(letter.Id, DeadLetterRetryOutcome.Failed, Failure: $"Operation '{letter.Operation}' cannot be redelivered.", Reason: "UNSUPPORTED_OPERATION");
        }

        var started = _clock.GetUtcNow();
        try
        {
            var client = await _clientFor(letter, cancellationToken).ConfigureAwait(false);
            var response = await client.RedeliverAsync(letter, cancellationToken).ConfigureAwait(false);
            await Queue.RemoveAsync(letter.Id, cancellationToken).ConfigureAwait(false);
            return new DeadLetterRetryResult(letter.Id, DeadLetterRetryOutcome.Delivered, response);
        }
        catch (A2AClientException ex) when (!cancellationToken.IsCancellationRequested)
        {
            IReadOnlyList<DeliveryAttempt> attempts = ex.Attempts.Count > 0 ? ex.Attempts : [new DeliveryAttempt(started, ex.Message, (int?)ex.StatusCode)];
            await Queue.SaveAsync(letter with { Attempts = [.. letter.Attempts, .. attempts], LastFailure = ex.Message, LastReason = ex.Reason }, cancellationToken).ConfigureAwait(false);
            return new DeadLetterRetryResult(letter.Id, DeadLetterRetryOutcome.Failed, Failure: ex.Message, Reason: ex.Reason);
        }
    }
}
