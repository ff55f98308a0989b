namespace A2AGen.Hosting.Tasks;

/// <summary>
/// Settings of the default <see cref="InMemoryTaskStore"/>: one capacity for the host and, per agent, a budget for each
/// identified caller and one shared, smaller budget for all anonymous callers, so anonymous traffic can never block or
/// evict an identified caller's task.
/// </summary>
public sealed class InMemoryTaskStoreOptions
{
    /// <summary>
    /// The most tasks kept at once, over all agents and callers of the host (default 10,000). When it is reached, an
    /// identified caller's new task takes the place of the oldest anonymous task; when no anonymous task is left, new
    /// tasks are refused (HTTP 503, <c>TASK_CAPACITY_EXCEEDED</c>).
    /// </summary>
    public int Capacity { get; set; } = 10_000;

    /// <summary>
    /// The most tasks one identified caller (request signer, mTLS peer, ASP.NET Core user) keeps at one agent (default
    /// 1,000). Beyond it, that caller's new tasks are refused (HTTP 429, <c>TASK_QUOTA_EXCEEDED</c>) until some expire;
    /// no other caller is affected.
    /// </summary>
    public int CapacityPerCaller { get; set; } = 1_000;

    /// <summary>
    /// The most tasks all anonymous callers together keep at one agent (default 1,000). A new anonymous task beyond it
    /// takes the place of the oldest anonymous task: anonymous callers are never refused for it, and never displace an
    /// identified caller's task. 0 keeps no anonymous task.
    /// </summary>
    public int AnonymousCapacity { get; set; } = 1_000;
}
