using System.CommandLine;
using A2AGen.Cli.Commands.Cards;
using A2AGen.Cli.Infrastructure;

namespace A2AGen.Cli.Commands;

/// <summary><c>a2agen card</c>: read, verify and sign Agent Cards.</summary>
internal static class CardCommands
{
    public static Command Create(CliConsole console, GlobalOptions globals) => new("card", "Show, verify and sign A2A Agent Cards (files or agent URLs).")
    {
        CardShowCommand.Create(console, globals),
        CardVerifyCommand.Create(console, globals),
        CardSignCommand.Create(console, globals),
    };
}
