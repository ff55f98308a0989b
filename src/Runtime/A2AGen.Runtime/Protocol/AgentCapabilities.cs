namespace A2AGen.Protocol;

/// <summary>Optional capabilities of an agent (§4.4.3). A2AGen always states streaming and push notifications.</summary>
public sealed record AgentCapabilities
{
    /// <summary>Whether <c>SendStreamingMessage</c> and <c>SubscribeToTask</c> are supported.</summary>
    public bool? Streaming { get; init; }

    /// <summary>Whether push notifications are supported.</summary>
    public bool? PushNotifications { get; init; }

    /// <summary>Protocol extensions the agent supports.</summary>
    public IReadOnlyList<AgentExtension>? Extensions { get; init; }

    /// <summary>Whether an authenticated extended card is available.</summary>
    public bool? ExtendedAgentCard { get; init; }
}
