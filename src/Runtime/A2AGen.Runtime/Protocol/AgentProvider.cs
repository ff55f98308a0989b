namespace A2AGen.Protocol;

/// <summary>The organization that provides the agent (§4.4.2).</summary>
public sealed record AgentProvider
{
    /// <summary>The provider's web site. Required.</summary>
    public string Url { get; init => field = value ?? ""; } = "";

    /// <summary>The provider's name. Required.</summary>
    public string Organization { get; init => field = value ?? ""; } = "";
}
