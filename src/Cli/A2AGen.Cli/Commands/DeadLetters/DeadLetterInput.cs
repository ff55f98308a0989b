using System.CommandLine;
using System.Text.Json.Nodes;
using A2AGen.Cli.Infrastructure;
using A2AGen.Cli.Output;
using A2AGen.Client;
using A2AGen.Security;

namespace A2AGen.Cli.Commands.DeadLetters;

/// <summary>What the <c>dlq</c> commands share: the <c>--dir</c> option, the id argument, and how an entry is summarised.</summary>
internal static class DeadLetterInput
{
    public static Option<string?> Directory() => new("--dir")
    {
        Description = $"The dead-letter directory (default: {FileDeadLetterQueue.DirectoryVariable}, else {FileDeadLetterQueue.DefaultDirectory}).",
        HelpName = "dir",
    };

    public static Argument<string?> Id(string description, bool optional = false) => new("id")
    {
        Description = description,
        Arity = optional ? ArgumentArity.ZeroOrOne : ArgumentArity.ExactlyOne,
    };

    /// <summary>The queue over <c>--dir</c>, the environment's directory, or the default one.</summary>
    public static FileDeadLetterQueue Queue(CommandContext context, string? directory) =>
        new(directory ?? (context.Console.GetEnvironmentVariable(FileDeadLetterQueue.DirectoryVariable) is { Length: > 0 } configured ? configured : null));

    /// <summary>A well-formed id, or a usage error.</summary>
    public static string CheckId(string id) =>
        DeadLetter.IsValidId(id) ? id : throw CliException.Usage($"'{CallerText.Sanitize(id)}' is not a dead-letter id (32 lowercase hex digits, as 'a2agen dlq list' shows them)");

    /// <summary>The entry <paramref name="id"/>, or a failure saying it is not there or cannot be read.</summary>
    public static async Task<DeadLetter> LoadAsync(FileDeadLetterQueue queue, string id, CancellationToken cancellationToken)
    {
        DeadLetter? letter;
        try
        {
            letter = await queue.GetAsync(CheckId(id), cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidDataException ex)
        {
            throw new CliException("DEAD_LETTER_UNREADABLE", ex.Message);
        }

        return letter ?? throw new CliException("DEAD_LETTER_NOT_FOUND", $"There is no dead letter '{id}' in {queue.Directory} (delivered or purged already?).");
    }

    public static JsonObject Summary(DeadLetter letter) => new()
    {
        ["id"] = letter.Id,
        ["createdAt"] = Times.Format(letter.CreatedAt),
        ["operation"] = letter.Operation,
        ["endpoint"] = letter.Endpoint.AbsoluteUri,
        ["protocolBinding"] = letter.ProtocolBinding,
        ["agentId"] = letter.AgentId,
        ["messageId"] = letter.MessageId,
        ["attempts"] = letter.Attempts.Count,
        ["lastReason"] = letter.LastReason,
        ["lastFailure"] = letter.LastFailure,
    };
}
