using System.Runtime.InteropServices;
using System.Text.Json;
using A2AGen.Protocol;
using A2AGen.Protocol.Serialization;

namespace A2AGen.Hosting.Tasks;

/// <summary>
/// Checks what a skill answers before it becomes part of a task or a reply: every JSON value in it (data parts,
/// metadata) must be writable — valid Unicode, and a value at all. A stored task must always be serializable: one
/// that is not would make <c>GetTask</c>, <c>ListTasks</c> and streams fail for as long as it lives.
/// </summary>
internal static class SkillOutput
{
    /// <summary>The path of the first value in <paramref name="part"/> that cannot be written (<c>parts[0].data.x</c>), or null.</summary>
    public static string? FindUnwritable(Part part, int index)
    {
        var prefix = JsonPaths.Format("parts", [index]);
        if (part.Data is { } data && Unwritable(data, prefix + ".data") is { } dataPath)
        {
            return dataPath;
        }

        return FindUnwritable(part.Metadata, prefix + ".metadata");
    }

    /// <summary>The path of the first value among <paramref name="parts"/> and <paramref name="metadata"/> that cannot be written, or null.</summary>
    public static string? FindUnwritable(IReadOnlyList<Part> parts, IReadOnlyDictionary<string, JsonElement>? metadata = null)
    {
        for (var i = 0; i < parts.Count; i++)
        {
            if (FindUnwritable(parts[i], i) is { } path)
            {
                return path;
            }
        }

        return FindUnwritable(metadata, "metadata");
    }

    /// <summary>
    /// The message an interrupted task's status carries: the skill's, with the role, ids and message id filled in. A
    /// message that no writer can write, or without valid parts, fails the task instead (<see cref="UnwritableSkillOutputException"/>).
    /// </summary>
    public static Message StatusMessage(SkillResult result, string contextId, string taskId)
    {
        var message = result.StatusMessage!;
        if (message.Parts is not { Count: > 0 } || message.Parts.Any(p => p is not { ContentCount: 1 }))
        {
            throw new UnwritableSkillOutputException("status message parts (each part needs exactly one of text, raw, url, data)");
        }

        if (FindUnwritable(message.Parts, message.Metadata) is { } path)
        {
            throw new UnwritableSkillOutputException("status message " + path);
        }

        return message with
        {
            MessageId = string.IsNullOrEmpty(message.MessageId) ? TaskIds.NewId() : message.MessageId,
            Role = Role.Agent,
            ContextId = contextId,
            TaskId = taskId,
        };
    }

    private static string? FindUnwritable(IReadOnlyDictionary<string, JsonElement>? metadata, string prefix)
    {
        if (metadata is null)
        {
            return null;
        }

        foreach (var (key, value) in metadata)
        {
            if (Unwritable(value, JsonPaths.Format(prefix, [key])) is { } path)
            {
                return path;
            }
        }

        return null;
    }

    private static string? Unwritable(JsonElement value, string path) =>
        value.ValueKind == JsonValueKind.Undefined ? path : JsonTextCheck.FindInvalidUnicode(JsonMarshal.GetRawUtf8Value(value), path);
}

/// <summary>A skill answered with a value that cannot be written (see <see cref="SkillOutput"/>); its task fails.</summary>
internal sealed class UnwritableSkillOutputException(string path)
    : Exception($"The skill answered with a value that cannot be written as JSON (not valid Unicode, or no value) at {path}.")
{
    public string Path { get; } = path;
}
