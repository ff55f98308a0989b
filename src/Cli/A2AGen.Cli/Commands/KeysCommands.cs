using System.CommandLine;
using A2AGen.Cli.Commands.Keys;
using A2AGen.Cli.Infrastructure;

namespace A2AGen.Cli.Commands;

/// <summary><c>a2agen keys</c>: make and inspect signing keys.</summary>
internal static class KeysCommands
{
    public static Command Create(CliConsole console, GlobalOptions globals) => new("keys", "Generate and inspect signing keys (the key directory of docs/security.md).")
    {
        KeysGenCommand.Create(console, globals),
        KeysShowCommand.Create(console, globals),
    };
}
