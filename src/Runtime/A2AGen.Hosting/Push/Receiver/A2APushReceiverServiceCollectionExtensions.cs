using A2AGen.Hosting;
using A2AGen.Security;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers A2A push-notification receivers (map them with <c>app.MapA2APushReceiver(…)</c>).</summary>
public static class A2APushReceiverServiceCollectionExtensions
{
    /// <summary>
    /// Registers the push receiver's options and services: the host's key ring (its trust store vouches for senders),
    /// the registered <see cref="IReplayCache"/> (in memory unless one was registered, e.g. by <c>AddA2ARedis</c>,
    /// which makes replay refusal exact across instances), and the validation of the options when the host starts.
    /// </summary>
    /// <param name="services">The application's services.</param>
    /// <param name="configure">Sets the receiver's options.</param>
    public static IServiceCollection AddA2APushReceiver(this IServiceCollection services, Action<A2APushReceiverOptions>? configure = null) =>
        AddA2APushReceiver(services, Options.Options.DefaultName, configure);

    /// <summary>
    /// Registers a named push receiver's options (several receivers with different senders or URLs); map it with
    /// <c>app.MapA2APushReceiver(path, name, handler)</c>. See <see cref="AddA2APushReceiver(IServiceCollection, Action{A2APushReceiverOptions}?)"/>.
    /// </summary>
    /// <param name="services">The application's services.</param>
    /// <param name="name">The receiver's name.</param>
    /// <param name="configure">Sets the receiver's options.</param>
    public static IServiceCollection AddA2APushReceiver(this IServiceCollection services, string name, Action<A2APushReceiverOptions>? configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(name);
        var options = services.AddOptions<A2APushReceiverOptions>(name);
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.ValidateOnStart();
        services.AddMetrics();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IReplayCache>(static sp => new InMemoryReplayCache(new InMemoryReplayCacheOptions { TimeProvider = sp.GetRequiredService<TimeProvider>() }));
        A2AServiceCollectionExtensions.AddKeyRing(services);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<A2APushReceiverOptions>, A2APushReceiverOptionsValidator>());
        services.TryAddSingleton<PushReceiverTelemetry>();
        services.TryAddSingleton<PushReceiverRegistry>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<Hosting.IHostedService, PushReceiverStartup>());
        services.AddHttpClient(PushReceiverRegistry.JwksHttpClientName)
            .ConfigurePrimaryHttpMessageHandler(static () => new System.Net.Http.SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false });
        return services;
    }
}
