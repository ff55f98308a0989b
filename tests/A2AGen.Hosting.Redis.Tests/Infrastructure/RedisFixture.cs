namespace A2AGen.Hosting.Redis.Tests.Infrastructure;

/// <summary>One Redis for a test class (each test uses its own key prefix); stopped when the class is done.</summary>
public sealed class RedisFixture : IAsyncLifetime
{
    public RedisServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await RedisServer.StartAsync();

    public async Task DisposeAsync() => await Server.DisposeAsync();
}
