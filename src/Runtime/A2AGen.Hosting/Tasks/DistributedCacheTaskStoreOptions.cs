namespace A2AGen.Hosting.Tasks;

/// <summary>Settings of <see cref="DistributedCacheTaskStore"/>.</summary>
public sealed class DistributedCacheTaskStoreOptions
{
    /// <summary>Prefix of every cache key, so several applications can share one cache (default <c>a2agen:</c>).</summary>
    public string KeyPrefix { get; set; } = "a2agen:";
}
