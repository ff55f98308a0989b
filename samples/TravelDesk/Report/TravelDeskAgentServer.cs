using A2AGen.Provenance;
using A2AGen.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using TravelDesk.AgentHosting;

namespace TravelDesk.Report;

/// <summary>
/// The travel desk agent's web host, started by the orchestrator in its own process: it signs with the orchestrator's
/// key (one identity, <see cref="TravelDeskAgent.Id"/>, for requests, passports and reports) and checks report inputs
/// against <c>upstream</c>, the keys the orchestrator trusts for the other agents.
/// </summary>
public static class TravelDeskAgentServer
{
    /// <summary>Builds the host.</summary>
    /// <param name="options">Where it listens, its environment and log.</param>
    /// <param name="key">The orchestrator's signing key (stays owned by the caller).</param>
    /// <param name="upstream">The keys report inputs must verify with (read live: keys added later count).</param>
    public static WebApplication Build(AgentServerOptions options, SigningKey key, TrustStore upstream)
    {
        ArgumentNullException.ThrowIfNull(options);
        return AgentServer.Build<TravelDeskAgent>([], options with
        {
            ConfigureAgent = agent =>
            {
                agent.SigningKey = key;
                agent.Json.TypeInfoResolverChain.Insert(0, ReportJson.Default);
                options.ConfigureAgent?.Invoke(agent);
            },
            ConfigureServices = services =>
            {
                services.AddSingleton(new ProvenanceVerifier(upstream));
                options.ConfigureServices?.Invoke(services);
            },
        });
    }
}
