using System.CommandLine;
using System.Text;
using System.Text.Json.Nodes;
using A2AGen.Cli.Infrastructure;
using A2AGen.Cli.Output;
using A2AGen.Client;
using A2AGen.Security;

namespace A2AGen.Cli.Commands.DeadLetters;

/// <summary><c>a2agen dlq show &lt;id&gt;</c>: one dead letter, its message and every attempt.</summary>
internal static class DlqShowCommand
{
    public static Command Create(CliConsole console, GlobalOptions globals)
    {
        var id = DeadLetterInput.Id("The dead letter's id (from 'a2agen dlq list').");
        var directory = DeadLetterInput.Directory();
        var command = new Command("show", "Show one dead letter: where it was going, the message as sent, and every attempt.") { id, directory };
        CommandRunner.SetBody(command, console, globals, (parse, context) => RunAsync(context, parse.GetValue(id)!, parse.GetValue(directory)));
        return command;
    }

    private static async Task<CommandOutcome> RunAsync(CommandContext context, string id, string? directory)
    {
        var letter = await DeadLetterInput.LoadAsync(DeadLetterInput.Queue(context, directory), id, context.CancellationToken).ConfigureAwait(false);
        var stored = DeadLetterJson.Serialize(letter);
        var json = (JsonObject)JsonText.Parse(stored)!;
        var text = new StringBuilder()
            .AppendLine($"Dead letter {letter.Id}")
            .AppendLine($"  created      {Times.Format(letter.CreatedAt)}")
            .AppendLine($"  operation    {letter.Operation}")
            .AppendLine($"  endpoint     {letter.Endpoint.AbsoluteUri} ({letter.ProtocolBinding}{(letter.Tenant is null ? "" : ", tenant " + CallerText.Sanitize(letter.Tenant))})")
            .AppendLine($"  agent        {CallerText.Sanitize(letter.AgentId ?? "unknown")}{(letter.AgentCardUrl is null ? "" : " (card " + letter.AgentCardUrl.AbsoluteUri + ")")}")
            .AppendLine($"  messageId    {CallerText.Sanitize(letter.MessageId ?? "-")}")
            .AppendLine($"  extensions   {CallerText.Sanitize(letter.Extensions ?? "none")}")
            .AppendLine($"  last failure {CallerText.Sanitize(letter.LastFailure ?? "-")} ({letter.LastReason ?? "no reason"})")
            .AppendLine($"  attempts     {letter.Attempts.Count}");
        foreach (var attempt in letter.Attempts)
        {
            text.AppendLine($"    {Times.Format(attempt.At)}  {CallerText.Sanitize(attempt.Outcome)}");
        }

        text.AppendLine("  request").AppendLine(Indent(JsonText.Format(A2AGen.Protocol.Serialization.A2AJson.SerializeToUtf8Bytes(letter.Request))));
        return new CommandOutcome(ExitCodes.Success, json, text.ToString());
    }

    private static string Indent(string text) => string.Join('\n', text.Split('\n').Select(line => "    " + line));
}
