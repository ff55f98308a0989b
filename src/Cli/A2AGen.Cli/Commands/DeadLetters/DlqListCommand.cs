using System.CommandLine;
using System.Text;
using System.Text.Json.Nodes;
using A2AGen.Cli.Infrastructure;
using A2AGen.Cli.Output;
using A2AGen.Security;

namespace A2AGen.Cli.Commands.DeadLetters;

/// <summary><c>a2agen dlq list</c>: every readable dead letter, oldest first.</summary>
internal static class DlqListCommand
{
    public static Command Create(CliConsole console, GlobalOptions globals)
    {
        var directory = DeadLetterInput.Directory();
        var command = new Command("list", "List the dead letters, oldest first: id, when, agent, messageId, attempts, last reason.") { directory };
        CommandRunner.SetBody(command, console, globals, (parse, context) => RunAsync(context, parse.GetValue(directory)));
        return command;
    }

    private static async Task<CommandOutcome> RunAsync(CommandContext context, string? directory)
    {
        var queue = DeadLetterInput.Queue(context, directory);
        var letters = await queue.ListAsync(context.CancellationToken).ConfigureAwait(false);
        var json = new JsonObject
        {
            ["directory"] = queue.Directory,
            ["letters"] = new JsonArray([.. letters.Select(l => (JsonNode)DeadLetterInput.Summary(l))]),
        };
        var text = new StringBuilder();
        if (letters.Count == 0)
        {
            text.AppendLine($"No dead letters in {queue.Directory}.");
        }
        else
        {
            text.AppendLine($"{letters.Count} dead letter{(letters.Count == 1 ? "" : "s")} in {queue.Directory}:");
            foreach (var letter in letters)
            {
                text.AppendLine($"  {letter.Id}  {Times.Format(letter.CreatedAt)}  {letter.Operation} to {letter.Endpoint.AbsoluteUri}  messageId {CallerText.Sanitize(letter.MessageId ?? "-")}  "
                    + $"{letter.Attempts.Count} attempt{(letter.Attempts.Count == 1 ? "" : "s")}, last: {letter.LastReason ?? "?"}");
            }
        }

        return new CommandOutcome(ExitCodes.Success, json, text.ToString());
    }
}
