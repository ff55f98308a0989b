using A2AGen.Protocol;

namespace A2AGen.Client;

/// <summary>
/// A message whose delivery was given up on after its retries (<see cref="A2AClientOptions.DeadLetters"/>): what to
/// send again and where, and what happened. It holds the request exactly as the caller made it (its
/// <c>messageId</c> included, so a redelivery is the same message to the agent's idempotency) and no secret of the
/// client: no signing key, no bearer token, no request signature — a redelivery signs and asks for tokens afresh.
/// </summary>
public sealed record DeadLetter
{
    /// <summary>The entry's id: 32 lowercase hex digits (<see cref="NewId"/>).</summary>
    public required string Id { get; init; }

    /// <summary>When the message was given up on.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>The A2A operation (<c>SendMessage</c>).</summary>
    public string Operation { get; init; } = Protocol.JsonRpc.A2AMethods.SendMessage;

    /// <summary>The interface URL called (as the agent's card lists it).</summary>
    public required Uri Endpoint { get; init; }

    /// <summary>The binding of that interface (<c>JSONRPC</c>, <c>HTTP+JSON</c>, <c>GRPC</c>).</summary>
    public required string ProtocolBinding { get; init; }

    /// <summary>The interface's tenant, if any.</summary>
    public string? Tenant { get; init; }

    /// <summary>The URL of the agent's card, when the client was made from it (<see cref="A2AClient.ConnectAsync"/>).</summary>
    public Uri? AgentCardUrl { get; init; }

    /// <summary>The agent id whose key signed the card (or the expected one), when known.</summary>
    public string? AgentId { get; init; }

    /// <summary>The <c>A2A-Extensions</c> the call activated (comma-separated), or null.</summary>
    public string? Extensions { get; init; }

    /// <summary>The request as sent.</summary>
    public required SendMessageRequest Request { get; init; }

    /// <summary>Every attempt so far, redeliveries included, in order.</summary>
    public IReadOnlyList<DeliveryAttempt> Attempts { get; init; } = [];

    /// <summary>Why the last attempt failed, in words.</summary>
    public string? LastFailure { get; init; }

    /// <summary>The machine-readable reason of the last failure (<c>AGENT_UNREACHABLE</c>, <c>RETRY_BUDGET_EXHAUSTED</c>, …).</summary>
    public string? LastReason { get; init; }

    /// <summary>The message's <c>messageId</c>.</summary>
    public string? MessageId => Request.Message?.MessageId;

    /// <summary>A new entry id.</summary>
    public static string NewId() => Guid.NewGuid().ToString("N");

    /// <summary>Whether <paramref name="id"/> has the form of an entry id (so it is safe as a file name or key).</summary>
    /// <param name="id">The id to check.</param>
    public static bool IsValidId(string? id)
    {
        if (id is not { Length: 32 })
        {
            return false;
        }

        foreach (var c in id)
        {
            if (c is not (>= '0' and <= '9' or >= 'a' and <= 'f'))
            {
                return false;
            }
        }

        return true;
    }
}
