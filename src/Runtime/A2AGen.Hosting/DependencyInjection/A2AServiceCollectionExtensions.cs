using System.Diagnostics.CodeAnalysis;
using A2AGen;
using A2AGen.Hosting;
using A2AGen.Hosting.Tasks;
using A2AGen.Security;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers A2AGen agents and the hosting's services.</summary>
public static class A2AServiceCollectionExtensions
{
    /// <summary>
    /// Registers an agent (instances are resolved per request or per task, scoped) and its options, named by the
    /// agent id and validated when the host starts. Map it with <c>app.MapA2AAgent&lt;TAgent&gt;(path)</c>.
    /// </summary>
    /// <typeparam name="TAgent">A generated agent class.</typeparam>
    /// <param name="services">The application's services.</param>
    /// <param name="configure">Sets the agent's options.</param>
    /// <exception cref="InvalidOperationException">An agent with the same id is already registered.</exception>
    public static A2AAgentBuilder AddA2AAgent<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TAgent>(
        this IServiceCollection services,
        Action<A2AAgentOptions>? configure = null)
        where TAgent : class, IA2AAgent
    {
        ArgumentNullException.ThrowIfNull(services);
        var descriptor = TAgent.Descriptor;
        var agentId = descriptor.AgentId;
        foreach (var service in services)
        {
            if (service.ServiceType == typeof(A2AAgentRegistration) && service.ImplementationInstance is A2AAgentRegistration existing
                && (existing.AgentId == agentId || existing.AgentType == typeof(TAgent)))
            {
                throw new InvalidOperationException(
                    $"AddA2AAgent<{typeof(TAgent).Name}>(): agent '{agentId}' is already registered (by {existing.AgentType.Name}). Register each agent once; agent ids must be unique in a host.");
            }
        }

        services.AddSingleton(new A2AAgentRegistration
        {
            AgentId = agentId,
            AgentType = typeof(TAgent),
            Descriptor = descriptor,
            Card = TAgent.Card,
            CardJson = TAgent.CardJson.ToArray(),
            Dispatch = static (provider, invocation) => provider.GetRequiredService<TAgent>().DispatchAsync(invocation),
        });
        services.TryAddScoped<TAgent>();
        AddHostingServices(services);

        var options = services.AddOptions<A2AAgentOptions>(agentId);
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.ValidateOnStart();
        return new A2AAgentBuilder(services, agentId);
    }

    /// <summary>
    /// Keeps tasks in the registered <see cref="Microsoft.Extensions.Caching.Distributed.IDistributedCache"/> (Redis,
    /// SQL Server, …) instead of in memory, so several instances behind a load balancer share them.
    /// </summary>
    /// <param name="services">The application's services.</param>
    /// <param name="configure">Sets the store's options.</param>
    public static IServiceCollection AddA2ADistributedTaskStore(this IServiceCollection services, Action<DistributedCacheTaskStoreOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<DistributedCacheTaskStoreOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.RemoveAll<ITaskStore>();
        services.AddSingleton<ITaskStore, DistributedCacheTaskStore>();
        return services;
    }

    /// <summary>
    /// Keeps request-signature token ids in the registered <see cref="Microsoft.Extensions.Caching.Distributed.IDistributedCache"/>
    /// instead of in memory, so instances behind a load balancer refuse each other's replays (see
    /// <see cref="DistributedReplayCache"/> for the guarantee an <c>IDistributedCache</c> allows).
    /// </summary>
    /// <param name="services">The application's services.</param>
    /// <param name="configure">Sets the key prefix and the local capacity.</param>
    public static IServiceCollection AddA2ADistributedReplayCache(this IServiceCollection services, Action<DistributedReplayCacheOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<DistributedReplayCacheOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddSingleton(TimeProvider.System);
        services.RemoveAll<IReplayCache>();
        services.AddSingleton<IReplayCache, DistributedReplayCache>();
        return services;
    }

    /// <summary>
    /// Requires TLS client certificates trusted by a folder of client or CA certificates
    /// (<see cref="A2AMutualTlsOptions.TrustedCertificatesDirectory"/>) on every HTTPS endpoint Kestrel configures after
    /// this call: an untrusted client fails the handshake. Every agent's card then declares an
    /// <c>mtlsSecurityScheme</c>, and skills see the verified certificate and its identity
    /// (<see cref="SkillContext.PeerCertificate"/>, <see cref="SkillContext.PeerIdentity"/>). For endpoints configured
    /// before this call, use <c>https.UseA2AClientCertificates(trust)</c> inside <c>UseHttps</c>.
    /// </summary>
    /// <param name="services">The application's services.</param>
    /// <param name="configure">Sets the trust folder and policy.</param>
    public static IServiceCollection AddA2AMutualTls(this IServiceCollection services, Action<A2AMutualTlsOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<A2AMutualTlsOptions>().Configure(configure);
        services.AddMetrics();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ClientCertificateTrust>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<KestrelServerOptions>, KestrelMutualTlsSetup>());
        return services;
    }

    private static void AddHostingServices(IServiceCollection services)
    {
        services.AddOptions();
        services.AddMetrics();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<A2AHostingTelemetry>();
        services.TryAddSingleton<ITaskStore, InMemoryTaskStore>();
        services.TryAddSingleton<A2AGen.Hosting.Idempotency.IIdempotencyStore>(static sp => new A2AGen.Hosting.Idempotency.InMemoryIdempotencyStore(sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<A2AGen.Hosting.Push.IPushConfigStore>(static sp => new A2AGen.Hosting.Push.InMemoryPushConfigStore(sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<A2AGen.Hosting.Push.IPushDeliveryQueue>(static sp => new A2AGen.Hosting.Push.InMemoryPushDeliveryQueue(sp.GetRequiredService<TimeProvider>()));
        services.AddOptions<A2APushOptions>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<A2APushOptions>, A2AGen.Hosting.Push.A2APushOptionsValidator>());
        services.TryAddSingleton<A2AGen.Hosting.Push.PushNotifier>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<Microsoft.Extensions.Hosting.IHostedService, A2AGen.Hosting.Push.PushDeliveryWorker>());
        services.TryAddSingleton<TaskRunner>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<Microsoft.Extensions.Hosting.IHostedService, TaskRunner>(static sp => sp.GetRequiredService<TaskRunner>()));
        services.TryAddSingleton<IRequestSignatureVerifier, RequestSignatureVerifier>();
        services.TryAddSingleton<IReplayCache>(static sp => new InMemoryReplayCache(new InMemoryReplayCacheOptions { TimeProvider = sp.GetRequiredService<TimeProvider>() }));
        services.AddOptions<A2AKeyOptions>();
        services.TryAddSingleton(static sp => new A2AKeyRing(
            sp.GetServices<A2AAgentRegistration>(),
            sp.GetRequiredService<IOptionsMonitor<A2AAgentOptions>>(),
            sp.GetRequiredService<IOptions<A2AKeyOptions>>(),
            sp.GetService<IHostEnvironment>()));
        services.AddOptions<A2ABiscuitOptions>();
        services.TryAddSingleton<BiscuitTrust>();
        services.AddOptions<A2APassportOptions>();
        services.TryAddSingleton<IPassportVerifier, SecurePassportVerifier>();
        services.TryAddSingleton<A2AEndpointRegistry>();
        services.TryAddSingleton<GrpcListeners>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<A2AAgentOptions>, A2AAgentOptionsValidator>());

        // The agents start (keys, options, card) before the server listens; StartA2AAsync/RunA2AAsync report problems in one line.
        services.TryAddSingleton<A2AStartup>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<Microsoft.Extensions.Hosting.IHostedService, A2AStartup>(static sp => sp.GetRequiredService<A2AStartup>()));
        services.TryAddSingleton<StartFailureReporting>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPostConfigureOptions<Microsoft.Extensions.Logging.LoggerFilterOptions>, StartupLogFilter>());
    }
}
