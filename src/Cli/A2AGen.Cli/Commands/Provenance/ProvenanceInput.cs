using System.Text.Json;
using A2AGen.Cli.Infrastructure;
using A2AGen.Cli.Inputs;
using A2AGen.Provenance;
using A2AGen.Security;

namespace A2AGen.Cli.Commands.Provenance;

/// <summary>
/// Finds signed content in what the user has at hand: an artifact or message carrying an envelope, a task (each of its
/// artifacts, bound to the task's id and context), a <c>SendMessage</c> or <c>GetTask</c> answer (<c>result</c>,
/// <c>task</c>, <c>message</c>), or a list of any of these.
/// </summary>
internal static class ProvenanceInput
{
    /// <summary>One artifact or message, with the task and context a task around it names.</summary>
    public sealed record Item(JsonElement Content, string Label, string? TaskId, string? ContextId);

    public static JsonDocument Read(CliConsole console, string argument)
    {
        byte[] bytes = InputFiles.Read(console, argument, Sizes.Provenance, "provenance input");
        try
        {
            return JsonDocument.Parse(bytes, new JsonDocumentOptions { AllowDuplicateProperties = false, MaxDepth = 64 });
        }
        catch (JsonException e)
        {
            throw new CliException("INVALID_JSON", $"{(argument == "-" ? "standard input" : $"'{argument}'")} is not valid JSON: {ErrorReporter.OneLine(e.Message)}");
        }
    }

    public static List<Item> Locate(JsonElement root)
    {
        var items = new List<Item>();
        Collect(root, items, taskId: null, contextId: null, depth: 0);
        if (items.Count == 0)
        {
            throw new CliException("NO_CONTENT",
                "no artifact or message found: expected an artifact {artifactId, parts, metadata}, a message {messageId, …}, a task {id, contextId, artifacts}, a SendMessage/GetTask answer, or a list of these.");
        }

        return items;
    }

    private static void Collect(JsonElement value, List<Item> items, string? taskId, string? contextId, int depth)
    {
        if (depth > 4)
        {
            return;
        }

        if (value.ValueKind == JsonValueKind.Array)
        {
            foreach (var element in value.EnumerateArray())
            {
                Collect(element, items, taskId, contextId, depth + 1);
            }

            return;
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        if (Text(value, "artifactId") is { } artifactId)
        {
            items.Add(new Item(value, $"artifact '{CallerText.Sanitize(artifactId)}'", taskId, contextId));
            return;
        }

        if (Text(value, "messageId") is { } messageId)
        {
            items.Add(new Item(value, $"message '{CallerText.Sanitize(messageId)}'", null, null));
            return;
        }

        if (value.TryGetProperty("artifacts", out var artifacts) && Text(value, "id") is { } id)
        {
            // A task: its artifacts were produced in it, and its status message (if signed) speaks for itself.
            Collect(artifacts, items, id, Text(value, "contextId"), depth + 1);
            if (value.TryGetProperty("status", out var status) && status.ValueKind == JsonValueKind.Object && status.TryGetProperty("message", out var message))
            {
                Collect(message, items, null, null, depth + 1);
            }

            return;
        }

        foreach (string wrapper in (ReadOnlySpan<string>)["result", "task", "message", "artifact"])
        {
            if (value.TryGetProperty(wrapper, out var inner))
            {
                Collect(inner, items, taskId, contextId, depth + 1);
            }
        }
    }

    public static JsonElement? EnvelopeOf(JsonElement content) =>
        content.TryGetProperty("metadata", out var metadata) && metadata.ValueKind == JsonValueKind.Object && metadata.TryGetProperty(ProvenanceFormat.MetadataKey, out var envelope)
            ? envelope
            : null;

    private static string? Text(JsonElement value, string name) =>
        value.TryGetProperty(name, out var member) && member.ValueKind == JsonValueKind.String ? member.GetString() : null;
}
