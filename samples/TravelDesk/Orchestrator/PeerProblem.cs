using A2AGen.Client;
using TravelDesk.AgentHosting;

namespace TravelDesk.Orchestrator;

/// <summary>Turns a failure to connect to an agent (down, not an A2A agent, a card that does not verify) into one line with what to do.</summary>
public static class PeerProblem
{
    /// <summary>The line.</summary>
    /// <param name="agentId">The agent expected at <paramref name="url"/>.</param>
    /// <param name="url">Where it was looked for.</param>
    /// <param name="option">The command-line option that names that URL.</param>
    /// <param name="exception">What the client reported.</param>
    public static string Describe(string agentId, Uri url, string option, A2AClientException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var advice = exception.Reason switch
        {
            "AGENT_UNREACHABLE" or "CARD_UNREACHABLE" =>
                $"nothing answers there. Start it (dotnet run --project samples/TravelDesk/{Project(agentId)} -- --urls {url.GetLeftPart(UriPartial.Authority)}) or correct {option}.",
            "CARD_SIGNATURE_INVALID" =>
                $"do not use this agent. If its key really changed, update {agentId}.jwks.json in the --trust folder.",
            "CARD_UNVERIFIED" =>
                $"its card is not signed by a key trusted for '{agentId}'. Put the agent's JWKS in the --trust folder as {agentId}.jwks.json, or check that {option} points at {agentId}.",
            _ =>
                $"it does not answer as an A2A agent. Check that {option} points at the {agentId} (its card is at <url>/.well-known/agent-card.json).",
        };
        var reason = exception.Reason is null ? "" : $" [{exception.Reason}]";
        return $"{CallerKey.AgentId}: cannot use {agentId} at {url}{reason}: {StartupProblem.OneLine(exception.Message).TrimEnd('.')}; {advice}";
    }

    private static string Project(string agentId) => agentId == Currency.CurrencyAgent.Id ? "CurrencyAgent" : "FinanceAgent";
}
