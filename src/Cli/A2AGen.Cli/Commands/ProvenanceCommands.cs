using System.CommandLine;
using A2AGen.Cli.Commands.Provenance;
using A2AGen.Cli.Infrastructure;

namespace A2AGen.Cli.Commands;

/// <summary><c>a2agen provenance</c>: sign artifacts and messages into provenance envelopes, verify chains, show the chain of custody.</summary>
internal static class ProvenanceCommands
{
    public static Command Create(CliConsole console, GlobalOptions globals) => new("provenance", "Sign and verify provenance envelopes: who produced an artifact or message, in which task, from what.")
    {
        ProvenanceSignCommand.Create(console, globals),
        ProvenanceVerifyCommand.Create(console, globals, show: false),
        ProvenanceVerifyCommand.Create(console, globals, show: true),
    };
}
