using System.CommandLine;
using A2AGen.Cli.Infrastructure;
using A2AGen.Cli.Inputs;

namespace A2AGen.Cli.Commands.Cards;

/// <summary>
/// <c>a2agen card verify</c>: Verified (by which key) exits 0, Unverified (unsigned or no trusted key) 3, Invalid (which
/// check failed) 4.
/// </summary>
internal static class CardVerifyCommand
{
    public static Command Create(CliConsole console, GlobalOptions globals)
    {
        var location = new Argument<string>("url|file") { Description = "An agent URL, a card URL, a card file, or - for standard input." };
        var trust = new CardTrustOptions();
        var command = new Command("verify", "Verify an Agent Card's signature: exit 0 Verified, 3 Unverified, 4 Invalid.") { location };
        trust.AddTo(command);
        CommandRunner.SetBody(command, console, globals, async (parse, context) =>
        {
            var card = await CardSource.LoadAsync(parse.GetValue(location)!, context).ConfigureAwait(false);
            var check = await trust.VerifyAsync(parse, context, card).ConfigureAwait(false);
            var json = check.ToJson();
            json["source"] = card.Source;
            json["name"] = card.Card.Name;
            return new CommandOutcome(check.ExitCode, json, check.Describe());
        });
        return command;
    }
}
