using System.CommandLine;
using A2AGen.Cli.Infrastructure;
using A2AGen.Cli.Inputs;
using A2AGen.Security;

namespace A2AGen.Cli.Commands.Cards;

/// <summary>The options <c>card show</c> and <c>card verify</c> share: whose keys to trust, and which <c>jku</c> origins may supply one.</summary>
internal sealed class CardTrustOptions
{
    public TrustOptions Trust { get; } = new();

    public Option<string[]> AllowJku { get; } = new("--allow-jku")
    {
        Description = "An origin (https://host[:port]) whose JWK Set may supply a key the trust store lacks, when a signature's jku points there. Repeatable.",
        HelpName = "origin",
    };

    public void AddTo(Command command)
    {
        Trust.AddTo(command);
        command.Add(AllowJku);
    }

    /// <summary>Verifies the card's signatures with the trust the options describe.</summary>
    public async Task<CardCheck> VerifyAsync(ParseResult parse, CommandContext context, LoadedCard card)
    {
        var trust = await Trust.LoadAsync(parse, context).ConfigureAwait(false);
        var origins = new List<Uri>();
        foreach (string origin in parse.GetValue(AllowJku) ?? [])
        {
            if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http") || uri.AbsolutePath != "/")
            {
                throw CliException.Usage($"--allow-jku '{origin}' is not an origin; give scheme, host and optional port, e.g. https://agents.example.com");
            }

            origins.Add(uri);
        }

        var verifier = new AgentCardVerifier(trust, new AgentCardVerificationOptions { AllowedJwkSetOrigins = origins, HttpClient = context.Http.Client });
        var result = await verifier.VerifyAsync(card.Json, parse.GetValue(Trust.AgentId), context.CancellationToken).ConfigureAwait(false);
        return new CardCheck(result, trust);
    }
}
