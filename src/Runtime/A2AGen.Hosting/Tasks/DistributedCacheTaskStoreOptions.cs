namespace A2AGen.Hosting.Tasks;

/// <summary>Settings of <see cref="DistributedCacheTaskStore"/>.</summary>
public sealed class DistributedCacheTaskStoreOptions
{
    /// <summary>Prefix of every cache key, so several applications can share one cache (default <c>a2agen:</c>).</summary>
    public string KeyPrefix { get; set; } = "a2agen:";

    /// <summary>
    /// The most tasks one identified caller (request signer, mTLS peer, ASP.NET Core user) keeps at one agent (default
    /// 1,000); beyond it that caller's new tasks are refused (HTTP 429, <c>TASK_QUOTA_EXCEEDED</c>). Shared by every
    /// instance through the cache; two instances creating tasks for one caller at the same instant may each let one
    /// through.
    /// </summary>
    public int CapacityPerCaller { get; set; } = 1_000;

    /// <summary>
    /// The most tasks all anonymous callers together keep at one agent (default 1,000): a new anonymous task beyond it
    /// replaces the oldest anonymous ones, never an identified caller's. 0 keeps no anonymous task.
    /// </summary>
    public int AnonymousCapacity { get; set; } = 1_000;
}
