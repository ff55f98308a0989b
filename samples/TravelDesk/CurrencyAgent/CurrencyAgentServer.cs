using Microsoft.AspNetCore.Builder;
using TravelDesk.AgentHosting;

namespace TravelDesk.Currency;

/// <summary>The currency agent's web host: the agent at <c>/</c> with its JSON types.</summary>
public static class CurrencyAgentServer
{
    /// <summary>Where the agent listens by default.</summary>
    public const string DefaultUrl = "http://127.0.0.1:5080";

    /// <summary>Builds the host (keys are loaded when it starts: RunA2AAsync reports a problem in one line).</summary>
    /// <param name="args">The command line (<c>--urls</c>, <c>--public-url</c>, …).</param>
    /// <param name="options">Overrides (environment, keys, logging); null for a standalone run.</param>
    public static WebApplication Build(string[] args, AgentServerOptions? options = null)
    {
        var settings = options ?? new AgentServerOptions { DefaultUrl = DefaultUrl };
        return AgentServer.Build<CurrencyAgent>(args, settings with
        {
            ConfigureAgent = agent =>
            {
                agent.Json.TypeInfoResolverChain.Insert(0, CurrencyJson.Default);
                settings.ConfigureAgent?.Invoke(agent);
            },
        });
    }
}
