using System.CommandLine;
using A2AGen.Cli.Infrastructure;
using A2AGen.Cli.Inputs;
using A2AGen.Cli.Output;

namespace A2AGen.Cli.Commands.Cards;

/// <summary>
/// <c>a2agen card show</c>: a readable summary of a card and its verification status. Exits 0 when the card could be
/// read (verified or not), 4 when a signature on it is invalid — a tampered card never looks fine.
/// </summary>
internal static class CardShowCommand
{
    public static Command Create(CliConsole console, GlobalOptions globals)
    {
        var location = new Argument<string>("url|file") { Description = "An agent URL (its /.well-known/agent-card.json is fetched), a card URL, a card file, or - for standard input." };
        var trust = new CardTrustOptions();
        var command = new Command("show", "Summarize an Agent Card: identity, interfaces, security, extensions, skills with privilege hints, and whether its signature verifies.")
        {
            location,
        };
        trust.AddTo(command);
        CommandRunner.SetBody(command, console, globals, async (parse, context) =>
        {
            var card = await CardSource.LoadAsync(parse.GetValue(location)!, context).ConfigureAwait(false);
            var check = await trust.VerifyAsync(parse, context, card).ConfigureAwait(false);
            var json = CardSummary.ToJson(card.Card, card.Json);
            json["source"] = card.Source;
            json["verification"] = check.ToJson();
            string text = CardSummary.ToText(card.Card, card.Source) + "\nVerification\n  " + check.Describe() + "\n";
            return check.ExitCode == ExitCodes.Invalid
                ? new CommandOutcome(ExitCodes.Invalid, json, text, $"the card's signature is invalid ({check.Result.ReasonCode}): {check.Result.Detail}; do not trust this card.")
                : new CommandOutcome(ExitCodes.Success, json, text);
        });
        return command;
    }
}
