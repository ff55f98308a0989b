using A2AGen.Hosting;
using A2AGen.Hosting.Payloads;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers store-and-fetch for large payloads (issue 17 item 5).</summary>
public static class A2APayloadServiceCollectionExtensions
{
    /// <summary>
    /// Lets the host send and receive large payloads by reference. Sending: <see cref="A2APayloadPublisher"/> (give it
    /// to <c>A2AClientOptions.Payloads</c>) stores large parts in the <see cref="IPayloadStore"/> (in memory unless one is
    /// registered: <see cref="DirectoryPayloadStore"/>, or Redis with <c>AddA2ARedis</c>) and <c>MapA2APayloads</c> serves
    /// them. Receiving: every agent of the host fetches the payload parts of a signed message from the sender's declared
    /// source (<see cref="A2APayloadOptions.Sources"/>) and verifies them before its skill runs.
    /// </summary>
    /// <param name="services">The application's services.</param>
    /// <param name="configure">Identity, public URL, sources, limits.</param>
    public static IServiceCollection AddA2APayloads(this IServiceCollection services, Action<A2APayloadOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<A2APayloadOptions>().Configure(configure);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IPayloadStore>(static sp => new InMemoryPayloadStore(sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<A2APayloadPublisher>();
        services.TryAddSingleton<PayloadFetcher>();
        return services;
    }
}
