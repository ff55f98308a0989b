using System.CommandLine;
using System.Text.Json.Nodes;
using A2AGen.Cli.Infrastructure;

namespace A2AGen.Cli.Commands.DeadLetters;

/// <summary><c>a2agen dlq purge &lt;id&gt;|--all</c>: deletes dead letters without sending them.</summary>
internal static class DlqPurgeCommand
{
    public static Command Create(CliConsole console, GlobalOptions globals)
    {
        var id = DeadLetterInput.Id("The dead letter to delete.", optional: true);
        var all = new Option<bool>("--all") { Description = "Delete every dead letter." };
        var directory = DeadLetterInput.Directory();
        var command = new Command("purge", "Delete one dead letter, or all of them with --all, without sending them.") { id, all, directory };
        CommandRunner.SetBody(command, console, globals, (parse, context) => RunAsync(context, parse.GetValue(id), parse.GetValue(all), parse.GetValue(directory)));
        return command;
    }

    private static async Task<CommandOutcome> RunAsync(CommandContext context, string? id, bool all, string? directory)
    {
        if ((id is null) == !all)
        {
            throw CliException.Usage("name one dead letter to purge, or pass --all (not both)");
        }

        var queue = DeadLetterInput.Queue(context, directory);
        var ids = all
            ? (await queue.ListAsync(context.CancellationToken).ConfigureAwait(false)).Select(l => l.Id).ToList()
            : [DeadLetterInput.CheckId(id!)];
        var removed = new List<string>();
        foreach (var each in ids)
        {
            if (await queue.RemoveAsync(each, context.CancellationToken).ConfigureAwait(false))
            {
                removed.Add(each);
            }
        }

        if (!all && removed.Count == 0)
        {
            throw new CliException("DEAD_LETTER_NOT_FOUND", $"There is no dead letter '{id}' in {queue.Directory}.");
        }

        var json = new JsonObject { ["directory"] = queue.Directory, ["removed"] = new JsonArray([.. removed.Select(r => (JsonNode)r)]) };
        return new CommandOutcome(ExitCodes.Success, json, $"Deleted {removed.Count} dead letter{(removed.Count == 1 ? "" : "s")} from {queue.Directory}.");
    }
}
