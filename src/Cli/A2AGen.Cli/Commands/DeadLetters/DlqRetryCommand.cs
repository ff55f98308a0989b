using System.CommandLine;
using System.Text;
using System.Text.Json.Nodes;
using A2AGen.Cli.Infrastructure;
using A2AGen.Cli.Inputs;
using A2AGen.Client;
using A2AGen.Security;

namespace A2AGen.Cli.Commands.DeadLetters;

/// <summary>
/// <c>a2agen dlq retry &lt;id&gt;|--all</c>: sends dead letters again to the interface they were going to, each with its
/// own <c>messageId</c> (so an agent that ran one already answers with its first outcome), signed afresh with
/// <c>--key</c> as <c>--agent-id</c> when given; a delivered entry is deleted.
/// </summary>
internal static class DlqRetryCommand
{
    public static Command Create(CliConsole console, GlobalOptions globals)
    {
        var id = DeadLetterInput.Id("The dead letter to send again.", optional: true);
        var all = new Option<bool>("--all") { Description = "Send every dead letter again, oldest first." };
        var key = new Option<string?>("--key")
        {
            Description = "Sign each request with this private key (PEM; an encrypted key's password comes from A2AGEN_KEY_PASSWORD or is asked for) — the original sender's, so the agent sees the same caller and recognises the message.",
            HelpName = "file",
        };
        var agentId = new Option<string?>("--agent-id") { Description = "The sending agent's id (the signature's iss); required with --key.", HelpName = "id" };
        var directory = DeadLetterInput.Directory();
        var command = new Command("retry", "Send one dead letter, or all with --all, again; delivered ones are deleted. --timeout bounds each delivery (attempts and waits).")
        {
            id, all, key, agentId, directory,
        };
        CommandRunner.SetBody(command, console, globals, (parse, context) => RunAsync(
            context, parse.GetValue(id), parse.GetValue(all), parse.GetValue(key), parse.GetValue(agentId), parse.GetValue(directory)));
        return command;
    }

    private static async Task<CommandOutcome> RunAsync(CommandContext context, string? id, bool all, string? keyPath, string? agentId, string? directory)
    {
        if ((id is null) == !all)
        {
            throw CliException.Usage("name one dead letter to send again, or pass --all (not both)");
        }

        if ((keyPath is null) != (agentId is null))
        {
            throw CliException.Usage("--key and --agent-id go together: the key signs as that agent");
        }

        if (agentId is not null && !AgentId.IsValid(agentId))
        {
            throw CliException.Usage($"--agent-id '{CallerText.Sanitize(agentId)}' is not an agent id ([a-z0-9][a-z0-9._-]{{0,63}})");
        }

        var queue = DeadLetterInput.Queue(context, directory);
        if (id is not null)
        {
            await DeadLetterInput.LoadAsync(queue, id, context.CancellationToken).ConfigureAwait(false);
        }

        using var signingKey = keyPath is null ? null : KeyFiles.LoadPrivateKey(context.Console, keyPath);
        var transport = new SocketsHttpHandler { AllowAutoRedirect = false };
        using var http = signingKey is null
            ? new HttpClient(transport)
            : A2ASigningHandler.CreateHttpClient(new RequestSigner(signingKey, agentId!), transport);
        http.Timeout = Timeout.InfiniteTimeSpan;
        var redelivery = DeadLetterRedelivery.Create(queue, http, new A2AClientOptions { Retry = new A2ARetryOptions { TotalBudget = context.Timeout } });
        IReadOnlyList<DeadLetterRetryResult> results = id is not null
            ? [await redelivery.RetryAsync(id, context.CancellationToken).ConfigureAwait(false)]
            : await redelivery.RetryAllAsync(context.CancellationToken).ConfigureAwait(false);

        var delivered = results.Count(r => r.Outcome == DeadLetterRetryOutcome.Delivered);
        var json = new JsonObject
        {
            ["directory"] = queue.Directory,
            ["delivered"] = delivered,
            ["failed"] = results.Count - delivered,
            ["results"] = new JsonArray([.. results.Select(r => (JsonNode)new JsonObject
            {
                ["id"] = r.Id,
                ["outcome"] = r.Outcome.ToString().ToLowerInvariant(),
                ["taskId"] = r.Response?.Task?.Id,
                ["reason"] = r.Reason,
                ["failure"] = r.Failure,
            })]),
        };
        var text = new StringBuilder();
        foreach (var result in results)
        {
            text.AppendLine(result.Outcome switch
            {
                DeadLetterRetryOutcome.Delivered => $"  {result.Id}  delivered{(result.Response?.Task?.Id is { } task ? " (task " + CallerText.Sanitize(task) + ")" : " (direct reply)")}; deleted",
                DeadLetterRetryOutcome.NotFound => $"  {result.Id}  not found (delivered or purged already)",
                _ => $"  {result.Id}  failed: {CallerText.Sanitize(ErrorReporter.OneLine(result.Failure ?? "?"))}; kept",
            });
        }

        text.AppendLine($"Delivered {delivered} of {results.Count}.");
        return delivered == results.Count
            ? new CommandOutcome(ExitCodes.Success, json, text.ToString())
            : new CommandOutcome(ExitCodes.Failure, json, text.ToString(), $"{results.Count - delivered} dead letter{(results.Count - delivered == 1 ? "" : "s")} could not be delivered and stay in {queue.Directory}.");
    }
}
