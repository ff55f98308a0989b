using A2AGen.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using TravelDesk.AgentHosting;

namespace TravelDesk.Finance;

/// <summary>
/// The finance agent's web host: the agent at <c>/</c> with its JSON types. In Development it trusts the demo's
/// <see cref="FinanceAuthority"/> as a Biscuit root (budget-approve needs a Biscuit); elsewhere the root comes from
/// <c>&lt;keys&gt;/trusted/biscuit/finance-authority.pub.pem</c> or <c>A2AGEN_BISCUIT_ROOT_KEYS</c>.
/// </summary>
public static class FinanceAgentServer
{
    /// <summary>Where the agent listens by default.</summary>
    public const string DefaultUrl = "http://127.0.0.1:5081";

    /// <summary>Builds the host (keys are loaded when it starts: RunA2AAsync reports a problem in one line).</summary>
    /// <param name="args">The command line (<c>--urls</c>, <c>--public-url</c>, …).</param>
    /// <param name="options">Overrides (environment, keys, logging); null for a standalone run.</param>
    public static WebApplication Build(string[] args, AgentServerOptions? options = null)
    {
        var settings = options ?? new AgentServerOptions { DefaultUrl = DefaultUrl };
        return AgentServer.Build<FinanceAgent>(args, settings with
        {
            ConfigureAgent = agent =>
            {
                agent.Json.TypeInfoResolverChain.Insert(0, FinanceJson.Default);
                settings.ConfigureAgent?.Invoke(agent);
            },
            ConfigureServices = services =>
            {
                services.AddOptions<A2ABiscuitOptions>().Configure<IHostEnvironment>((biscuit, environment) =>
                {
                    if (environment.IsDevelopment())
                    {
                        using var authority = FinanceAuthority.Load();
                        biscuit.RootKeys.Add(authority.PublicKey);
                    }
                });
                settings.ConfigureServices?.Invoke(services);
            },
        });
    }
}
