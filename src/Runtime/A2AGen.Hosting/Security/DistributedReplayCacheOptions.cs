namespace A2AGen.Hosting;

/// <summary>Settings of the <see cref="DistributedReplayCache"/>.</summary>
public sealed class DistributedReplayCacheOptions
{
    /// <summary>Prefix of the cache keys (default <c>a2agen:replay:</c>); give each deployment sharing a cache its own.</summary>
    public string KeyPrefix { get; set; } = "a2agen:replay:";

    /// <summary>Capacity of the per-instance cache in front of the shared one (default one million token ids).</summary>
    public int LocalCapacity { get; set; } = A2AGen.Security.InMemoryReplayCacheOptions.DefaultCapacity;
}
