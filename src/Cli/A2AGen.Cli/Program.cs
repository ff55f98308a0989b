using A2AGen.Cli;
using A2AGen.Cli.Infrastructure;

return await CliApplication.RunAsync(args, CliConsole.System());
