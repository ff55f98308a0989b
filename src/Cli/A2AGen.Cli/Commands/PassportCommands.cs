using System.CommandLine;
using A2AGen.Cli.Commands.Passports;
using A2AGen.Cli.Infrastructure;

namespace A2AGen.Cli.Commands;

/// <summary><c>a2agen passport</c>: sign and verify Secure Passports (the caller context A2A messages carry).</summary>
internal static class PassportCommands
{
    public static Command Create(CliConsole console, GlobalOptions globals) => new("passport", "Sign and verify Secure Passports: a calling agent's signed context in message metadata.")
    {
        PassportSignCommand.Create(console, globals),
        PassportVerifyCommand.Create(console, globals),
    };
}
