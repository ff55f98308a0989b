namespace A2AGen.Hosting.Tasks;

/// <summary>Settings of the default <see cref="InMemoryTaskStore"/>.</summary>
public sealed class InMemoryTaskStoreOptions
{
    /// <summary>The most tasks kept at once, over all agents of the host (default 10,000).</summary>
    public int Capacity { get; set; } = 10_000;
}
