namespace A2AGen.Hosting.Redis;

/// <summary>Settings of the Redis-backed state (<c>AddA2ARedis</c>).</summary>
public sealed class A2ARedisOptions
{
    /// <summary>
    /// Prefix of every Redis key A2AGen writes (default <c>a2agen:</c>); give each deployment sharing one Redis its own.
    /// </summary>
    public string KeyPrefix { get; set; } = "a2agen:";

    /// <summary>
    /// The most tasks one identified caller (request signer, mTLS peer, ASP.NET Core user) keeps at one agent (default
    /// 1,000), over all instances: checked and recorded in one atomic step, so it is exact. Beyond it that caller's new
    /// tasks are refused (HTTP 429, <c>TASK_QUOTA_EXCEEDED</c>).
    /// </summary>
    public int CapacityPerCaller { get; set; } = 1_000;

    /// <summary>
    /// The most tasks all anonymous callers together keep at one agent (default 1,000): a new anonymous task beyond it
    /// replaces the oldest anonymous ones, never an identified caller's. 0 keeps no anonymous task.
    /// </summary>
    public int AnonymousCapacity { get; set; } = 1_000;

    /// <summary>The most push-notification configurations one task keeps (default 10); a new one beyond it is refused.</summary>
    public int MaxPushConfigsPerTask { get; set; } = 10;
}
