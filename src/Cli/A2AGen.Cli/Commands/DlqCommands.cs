using System.CommandLine;
using A2AGen.Cli.Commands.DeadLetters;
using A2AGen.Cli.Infrastructure;

namespace A2AGen.Cli.Commands;

/// <summary><c>a2agen dlq</c>: look at and redeliver the messages an <c>A2AClient</c> gave up on (its file dead-letter queue).</summary>
internal static class DlqCommands
{
    public static Command Create(CliConsole console, GlobalOptions globals) => new("dlq", "List, show, redeliver and purge dead letters: messages a client gave up on after its retries (docs/reliability.md).")
    {
        DlqListCommand.Create(console, globals),
        DlqShowCommand.Create(console, globals),
        DlqRetryCommand.Create(console, globals),
        DlqPurgeCommand.Create(console, globals),
    };
}
