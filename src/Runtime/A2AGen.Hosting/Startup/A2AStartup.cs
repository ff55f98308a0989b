using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace A2AGen.Hosting;

/// <summary>
/// Starts the mapped agents before the server listens: reads each agent's options, loads the host's keys and trust,
/// checks the mutual TLS trust folder and that a signed card has a fixed URL outside Development. A problem is an
/// <see cref="A2AStartupException"/> (one line per problem, naming the agent and the fix). Once the server listens it
/// logs one line per agent (event 1300): id, URLs, key id and where the key came from, trusted peers.
/// </summary>
internal sealed class A2AStartup(
    IServiceProvider services,
    A2AEndpointRegistry registry,
    IEnumerable<A2AAgentRegistration> registrations,
    IOptionsMonitor<A2AAgentOptions> agentOptions,
    ILoggerFactory loggers) : IHostedLifecycleService
{
    private readonly ILogger _logger = loggers.CreateLogger("A2AGen.Hosting.Startup");

    /// <summary>The ids of every agent added to the host (for problems that concern the host as a whole).</summary>
    public IReadOnlyList<string> AgentIds { get; } = [.. registrations.Select(r => r.AgentId)];

    public Task StartingAsync(CancellationToken cancellationToken)
    {
        var environment = services.GetService<IHostEnvironment>();
        var development = environment?.IsDevelopment() == true;

        // Resolving it reads the trust folder: a missing or wrong folder is a startup problem, not a handshake failure.
        _ = Guard(() => services.GetService<ClientCertificateTrust>());

        // Kestrel binds its endpoints after this: the agents' gRPC endpoints join the options it holds.
        if (services.GetService<IOptions<KestrelServerOptions>>() is { } kestrel)
        {
            Guard(() =>
            {
                services.GetRequiredService<GrpcListeners>().Open(kestrel.Value);
                return true;
            });
        }
        foreach (var agent in registry.Agents.Where(a => !a.IsStarted))
        {
            var registration = agent.Registration;
            var options = agentOptions.Get(registration.AgentId);
            var host = Guard(() => new AgentHost(registration, options, agent.Path, services, agent.Bindings, agent.Grpc));
            if (host.Cards.IsDerivedFromRequest && host.Cards.IsSigned && !development)
            {
                throw new A2AStartupException(
                    [$"A2A agent '{registration.AgentId}' ({registration.AgentType.Name}) signs its card but has no fixed URL in the {environment?.EnvironmentName ?? "Production"} environment: " +
                     "its card would carry, under the agent's signature, whatever Host header a caller sends. " +
                     $"Set A2AAgentOptions.PublicUrl to the endpoint callers use (e.g. https://agents.example.com{agent.Path}), or declare [A2AAgent(Url = …)]."],
                    A2AExitCodes.Configuration);
            }

            if (host.Cards.IsDerivedFromRequest && !development && environment is not null)
            {
                HostingLog.PublicUrlMissing(host.Logger, registration.AgentId, agent.Path, environment.EnvironmentName);
            }

            agent.Start(host);
        }

        return Task.CompletedTask;
    }

    public Task StartedAsync(CancellationToken cancellationToken)
    {
        // The agents' gRPC endpoints are not where their JSON-RPC and HTTP+JSON endpoints are.
        var grpcPorts = registry.Agents.Select(a => a.Grpc.BoundPort).OfType<int>().ToHashSet();
        var addresses = (services.GetService<IServer>()?.Features.Get<IServerAddressesFeature>()?.Addresses ?? [])
            .Where(a => !(Uri.TryCreate(a, UriKind.Absolute, out var uri) && grpcPorts.Contains(uri.Port))).ToList();
        foreach (var agent in registry.Agents.Where(a => a.IsStarted))
        {
            var host = agent.Host;
            var urls = host.Cards.FixedUrl is { } fixedUrl
                ? fixedUrl
                : addresses.Count == 0 ? agent.Path : string.Join(", ", addresses.Select(a => a.TrimEnd('/') + (agent.Path == "/" ? "/" : agent.Path)));
            if (host.Grpc?.Url(host.Cards.FixedUrl ?? addresses.FirstOrDefault() ?? "http://localhost") is { } grpcUrl)
            {
                urls += " (gRPC " + grpcUrl + ")";
            }

            var ownIds = registry.Agents.Select(a => a.Registration.AgentId).ToHashSet(StringComparer.Ordinal);
            var peers = host.KeyRing.TrustStore.AgentIds.Count(id => !ownIds.Contains(id));
            HostingLog.AgentStarted(
                _logger,
                agent.Registration.AgentId,
                urls,
                host.Keys.SigningKey?.PublicKey.Thumbprint ?? "none",
                host.Keys.Source,
                peers);
        }

        return Task.CompletedTask;
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    // The key ring and the mutual TLS trust throw InvalidOperationException with a message that says what to fix.
    private T Guard<T>(Func<T> load)
    {
        try
        {
            return load();
        }
        catch (InvalidOperationException e) when (e is not A2AStartupException)
        {
            throw new A2AStartupException([StartupProblems.NameAgents(e.Message, AgentIds)], A2AExitCodes.Configuration, e);
        }
    }
}
