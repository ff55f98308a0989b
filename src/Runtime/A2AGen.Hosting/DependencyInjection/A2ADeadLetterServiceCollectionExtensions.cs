using A2AGen.Client;
using A2AGen.Hosting;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the dead-letter queue of the host's outbound A2A calls and its background redelivery.</summary>
public static class A2ADeadLetterServiceCollectionExtensions
{
    /// <summary>
    /// Registers an <see cref="IDeadLetterQueue"/> (unless one is already registered, e.g. by <c>AddA2ARedis</c>): a
    /// <see cref="FileDeadLetterQueue"/> over <paramref name="directory"/>, or <see cref="FileDeadLetterQueue.DefaultDirectory"/>.
    /// Give it to the host's clients as <see cref="A2AClientOptions.DeadLetters"/>.
    /// </summary>
    /// <param name="services">The application's services.</param>
    /// <param name="directory">The directory of the entries; the default directory when null.</param>
    public static IServiceCollection AddA2ADeadLetters(this IServiceCollection services, string? directory = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton<IDeadLetterQueue>(_ => new FileDeadLetterQueue(directory));
        return services;
    }

    /// <summary>
    /// Redelivers the dead letters every <paramref name="interval"/> in the background, removing each one the agent
    /// answered, through the <see cref="DeadLetterRedelivery"/> <paramref name="redelivery"/> makes — typically
    /// <c>sp =&gt; DeadLetterRedelivery.Create(sp.GetRequiredService&lt;IDeadLetterQueue&gt;(), signingHttpClient, options)</c>.
    /// The host's <see cref="TimeProvider"/> (when registered) runs the interval.
    /// </summary>
    /// <param name="services">The application's services.</param>
    /// <param name="redelivery">Makes the redelivery (queue and clients).</param>
    /// <param name="interval">The time between rounds (positive).</param>
    public static IServiceCollection AddA2ADeadLetterRedelivery(this IServiceCollection services, Func<IServiceProvider, DeadLetterRedelivery> redelivery, TimeSpan interval)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(redelivery);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero);
        services.AddHostedService(sp => new DeadLetterRedeliveryService(
            redelivery(sp), interval, sp.GetService<TimeProvider>() ?? TimeProvider.System, sp.GetRequiredService<ILogger<DeadLetterRedeliveryService>>()));
        return services;
    }
}
