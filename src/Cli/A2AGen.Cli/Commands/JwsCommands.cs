using System.CommandLine;
using A2AGen.Cli.Commands.Jws;
using A2AGen.Cli.Infrastructure;

namespace A2AGen.Cli.Commands;

/// <summary><c>a2agen jws</c>: check compact JWS tokens (request signatures, detached payloads, JWTs).</summary>
internal static class JwsCommands
{
    public static Command Create(CliConsole console, GlobalOptions globals) => new("jws", "Verify compact JWS tokens: A2A-Signature request signatures, detached payloads, JWTs.")
    {
        JwsVerifyCommand.Create(console, globals),
    };
}
