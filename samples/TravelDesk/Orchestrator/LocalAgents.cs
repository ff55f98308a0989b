using A2AGen.Hosting;
using A2AGen.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using TravelDesk.AgentHosting;
using TravelDesk.Currency;
using TravelDesk.Finance;
using TravelDesk.Report;

namespace TravelDesk.Orchestrator;

/// <summary>
/// The agents the orchestrator starts itself: each in its own web host on a free 127.0.0.1 port, in Development (so
/// each signs with its development key), trusting the orchestrator's key for this run; and the orchestrator's own
/// agent, the travel desk, which signs with the orchestrator's key.
/// </summary>
public sealed class LocalAgents : IAsyncDisposable
{
    private readonly List<WebApplication> _hosts = [];
    private readonly List<LocalAgent> _agents = [];

    private LocalAgents()
    {
    }

    /// <summary>Each started agent: its id, its URL and the keys it publishes (what its card must verify with).</summary>
    public IReadOnlyList<LocalAgent> Agents => _agents;

    /// <summary>Starts the agents <paramref name="options"/> does not point elsewhere.</summary>
    /// <param name="options">The command line.</param>
    /// <param name="caller">The orchestrator's public key, trusted under <see cref="CallerKey.AgentId"/>.</param>
    /// <param name="callerEncryption">The orchestrator's published encryption key (answers to it are encrypted to it), if it has one.</param>
    /// <param name="log">Where the agents log; created when the first agent starts.</param>
    /// <exception cref="AgentStartException">An agent could not start; the message is one line.</exception>
    public static async Task<LocalAgents> StartAsync(DemoOptions options, VerificationKey caller, Lazy<FileLoggerProvider> log, JweEncryptionKey? callerEncryption = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(log);
        var agents = new LocalAgents();
        try
        {
            if (options.CurrencyUrl is not null && options.FinanceUrl is not null)
            {
                return agents;
            }

            var settings = new AgentServerOptions
            {
                DefaultUrl = "http://127.0.0.1:0",
                EnvironmentName = "Development",
                LogProvider = log.Value,
                TrustedCallers = new Dictionary<string, VerificationKey> { [CallerKey.AgentId] = caller },
                TrustedCallerEncryptionKeys = callerEncryption is null ? null : new Dictionary<string, JweEncryptionKey> { [CallerKey.AgentId] = callerEncryption },
            };
            if (options.CurrencyUrl is null)
            {
                await agents.StartAsync(CurrencyAgent.Id, () => CurrencyAgentServer.Build([], settings));
            }

            if (options.FinanceUrl is null)
            {
                await agents.StartAsync(FinanceAgent.Id, () => FinanceAgentServer.Build([], settings));
            }

            return agents;
        }
        catch
        {
            await agents.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Starts the orchestrator's own agent, <see cref="TravelDeskAgent"/> (always in this process, whatever the other
    /// agents' URLs): it signs with <paramref name="key"/> and checks report inputs against <paramref name="upstream"/>.
    /// </summary>
    /// <param name="key">The orchestrator's signing key.</param>
    /// <param name="upstream">The keys the orchestrator trusts for the other agents.</param>
    /// <param name="log">Where the agent logs.</param>
    /// <exception cref="AgentStartException">The agent could not start; the message is one line.</exception>
    public Task StartDeskAsync(SigningKey key, TrustStore upstream, Lazy<FileLoggerProvider> log)
    {
        ArgumentNullException.ThrowIfNull(log);
        var settings = new AgentServerOptions { DefaultUrl = "http://127.0.0.1:0", EnvironmentName = "Development", LogProvider = log.Value };
        return StartAsync(TravelDeskAgent.Id, () => TravelDeskAgentServer.Build(settings, key, upstream));
    }

    /// <summary>The started agent <paramref name="agentId"/>, if this run started it.</summary>
    /// <param name="agentId">An agent id.</param>
    public LocalAgent? Find(string agentId) => _agents.FirstOrDefault(a => a.AgentId == agentId);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        foreach (var host in _hosts)
        {
            using var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await host.StopAsync(stopping.Token);
            await host.DisposeAsync();
        }

        _hosts.Clear();
    }

    private async Task StartAsync(string agentId, Func<WebApplication> build)
    {
        WebApplication? host = null;
        try
        {
            host = build();
            await host.StartA2AAsync();
        }
        catch (Exception e)
        {
            if (host is not null)
            {
                await host.DisposeAsync();
            }

            throw new AgentStartException(StartupProblem.Describe(agentId, e), e);
        }

        _hosts.Add(host);
        var keys = host.Services.GetRequiredService<A2AKeyRing>();
        _agents.Add(new LocalAgent(agentId, AgentServer.ListeningUrl(host), keys.GetPublishedKeys(agentId)));
    }
}

/// <summary>An agent started by the orchestrator.</summary>
/// <param name="AgentId">Its id.</param>
/// <param name="Url">Its base URL (JSON-RPC endpoint; the card is under <c>.well-known/</c>).</param>
/// <param name="PublishedKeys">The keys it signs its card with.</param>
public sealed record LocalAgent(string AgentId, Uri Url, IReadOnlyList<VerificationKey> PublishedKeys);

/// <summary>An agent could not start; <see cref="Exception.Message"/> is the one line to print.</summary>
public sealed class AgentStartException(string message, Exception inner) : Exception(message, inner);
