using System.Text.Json;
using A2AGen.Cli.Infrastructure;
using A2AGen.Client;
using A2AGen.Protocol;
using A2AGen.Protocol.Serialization;
using A2AGen.Security;

namespace A2AGen.Cli.Inputs;

/// <summary>An Agent Card as read: parsed, with its exact bytes (what signatures are checked against) and where it came from.</summary>
/// <param name="Card">The parsed card.</param>
/// <param name="Json">The exact bytes.</param>
/// <param name="Source">The file path or the card URL.</param>
internal sealed record LoadedCard(AgentCard Card, byte[] Json, string Source);

/// <summary>
/// Reads an Agent Card from a URL (through the runtime's <see cref="AgentCardResolver"/>: an agent URL gets
/// <c>/.well-known/agent-card.json</c> appended; 1 MiB limit; the fetch timeout) or from a file (<c>-</c>: standard input).
/// </summary>
internal static class CardSource
{
    public static async Task<LoadedCard> LoadAsync(string location, CommandContext context)
    {
        if (HttpFetcher.TryParseUrl(location) is { } url)
        {
            var cardUrl = AgentCardResolver.CardUrl(url);
            try
            {
                var resolved = await new AgentCardResolver(context.Http.Client, InspectOnly.Instance).ResolveAsync(url, context.CancellationToken).ConfigureAwait(false);
                return new LoadedCard(resolved.Card, resolved.Json.ToArray(), resolved.Url.ToString());
            }
            catch (A2AClientException e)
            {
                string hint = e.Reason switch
                {
                    "CARD_UNREACHABLE" => " Check the URL and that the agent is running.",
                    "CARD_UNAVAILABLE" => " Check the agent's URL (the card is served at <agent URL>/.well-known/agent-card.json).",
                    _ => " The server does not serve an A2A 1.0 Agent Card there.",
                };
                throw new CliException(e.Reason ?? "CARD_UNAVAILABLE", ErrorReporter.Sentence(e.Message) + hint);
            }
            catch (Exception e) when (e is not CliException)
            {
                throw context.Http.Describe(e, cardUrl, "Agent Card", context.CancellationToken);
            }
        }

        byte[] json = InputFiles.Read(context.Console, location, Sizes.Card, "card");
        return new LoadedCard(Parse(json, location == "-" ? "standard input" : $"'{location}'"), json, location);
    }

    /// <summary>Parses card JSON; a file that is not JSON, or JSON that is not an Agent Card, is refused with one line.</summary>
    public static AgentCard Parse(byte[] json, string source)
    {
        AgentCard? card;
        try
        {
            card = A2AJson.Deserialize<AgentCard>(json);
        }
        catch (JsonException e)
        {
            throw new CliException("INVALID_JSON", $"{source} is not a valid A2A 1.0 Agent Card: {ErrorReporter.OneLine(e.Message)}");
        }

        if (card is null || string.IsNullOrEmpty(card.Name) || card.SupportedInterfaces.Count == 0)
        {
            throw new CliException("NOT_A_CARD", $"{source} is not an Agent Card: it lacks name or supportedInterfaces.");
        }

        return card;
    }

    /// <summary>Lets every well-formed card through the resolver: the commands verify it themselves and report the outcome.</summary>
    private sealed class InspectOnly : IAgentCardVerifier
    {
        public static readonly InspectOnly Instance = new();

        public ValueTask<AgentCardVerificationResult?> VerifyAsync(ResolvedAgentCard card, CancellationToken cancellationToken) =>
            ValueTask.FromResult<AgentCardVerificationResult?>(null);
    }
}
