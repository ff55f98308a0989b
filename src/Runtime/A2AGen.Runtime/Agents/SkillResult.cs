using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using A2AGen.Protocol;

namespace A2AGen;

/// <summary>
/// What a skill produced, normalized for the hosting layer. A skill may also return it itself (a method returning
/// <c>SkillResult</c>, <c>Task&lt;SkillResult&gt;</c> or <c>ValueTask&lt;SkillResult&gt;</c>) to choose per call between
/// an answer and an interruption: <see cref="InputRequired(string)"/> or <see cref="AuthRequired(string)"/> stop the task in
/// <c>TASK_STATE_INPUT_REQUIRED</c> / <c>TASK_STATE_AUTH_REQUIRED</c> with a message to the caller, and the caller's next
/// message naming the task runs the skill again with the whole conversation in <see cref="SkillContext.History"/>.
/// </summary>
public sealed class SkillResult
{
    private SkillResult(SkillOutputKind kind) => Kind = kind;

    /// <summary>The kind of result.</summary>
    public SkillOutputKind Kind { get; }

    /// <summary>The text, for <see cref="SkillOutputKind.Text"/>.</summary>
    public string? Text { get; private init; }

    /// <summary>The data, for <see cref="SkillOutputKind.Data"/>.</summary>
    public JsonElement? Data { get; private init; }

    /// <summary>The message, for <see cref="SkillOutputKind.Message"/>.</summary>
    public Message? Message { get; private init; }

    /// <summary>The parts, one per element, for <see cref="SkillOutputKind.Stream"/>.</summary>
    public IAsyncEnumerable<Part>? Stream { get; private init; }

    /// <summary>
    /// <see cref="TaskState.InputRequired"/> or <see cref="TaskState.AuthRequired"/> when the skill stopped to wait for the
    /// caller; null for an answer.
    /// </summary>
    public TaskState? Interruption { get; private init; }

    /// <summary>For an interruption: what the caller is asked (the task status's message).</summary>
    public Message? StatusMessage { get; private init; }

    /// <summary>A skill that returned nothing.</summary>
    public static SkillResult None { get; } = new(SkillOutputKind.None);

    /// <summary>A text result.</summary>
    /// <param name="text">The text.</param>
    public static SkillResult FromText(string? text) => new(SkillOutputKind.Text) { Text = text ?? "" };

    /// <summary>A JSON data result.</summary>
    /// <param name="data">The data.</param>
    public static SkillResult FromData(JsonElement data) => new(SkillOutputKind.Data) { Data = data };

    /// <summary>A JSON data result serialized with the given metadata.</summary>
    /// <typeparam name="T">The value type.</typeparam>
    /// <param name="value">The value.</param>
    /// <param name="typeInfo">Its JSON metadata.</param>
    public static SkillResult FromData<T>(T value, JsonTypeInfo<T> typeInfo) =>
        FromData(JsonSerializer.SerializeToElement(value, typeInfo));

    /// <summary>A message result.</summary>
    /// <param name="message">The message.</param>
    public static SkillResult FromMessage(Message message) => new(SkillOutputKind.Message) { Message = message };

    /// <summary>A streamed result: each element becomes one part of an artifact update.</summary>
    /// <param name="parts">The parts.</param>
    public static SkillResult FromStream(IAsyncEnumerable<Part> parts) => new(SkillOutputKind.Stream) { Stream = parts };

    /// <summary>A streamed result of text elements; a null element (an <c>IAsyncEnumerable&lt;string?&gt;</c>) is skipped.</summary>
    /// <param name="items">The elements.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    public static SkillResult FromTextStream(IAsyncEnumerable<string> items, CancellationToken cancellationToken) =>
        FromStream(SelectAsync(items, static text => text is null ? null : Part.FromText(text), cancellationToken));

    /// <summary>A streamed result of JSON elements.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="items">The elements.</param>
    /// <param name="typeInfo">Their JSON metadata.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    public static SkillResult FromDataStream<T>(IAsyncEnumerable<T> items, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken) =>
        FromStream(SelectAsync(items, item => Part.FromData(JsonSerializer.SerializeToElement(item, typeInfo)), cancellationToken));

    /// <summary>A text result (lets a skill returning <see cref="SkillResult"/> return its text as is).</summary>
    /// <param name="text">The text.</param>
    public static implicit operator SkillResult(string? text) => FromText(text);

    /// <summary>
    /// Stops the task in <c>TASK_STATE_INPUT_REQUIRED</c>, asking the caller <paramref name="prompt"/>. The caller's next
    /// message with this task's id runs the skill again; <see cref="SkillContext.History"/> then holds the conversation.
    /// </summary>
    /// <param name="prompt">What the caller is asked.</param>
    public static SkillResult InputRequired(string prompt) => Interrupt(TaskState.InputRequired, Message.AgentText(prompt));

    /// <summary>Stops the task in <c>TASK_STATE_INPUT_REQUIRED</c> with <paramref name="message"/> to the caller (its role, ids and message id are filled in when missing).</summary>
    /// <param name="message">What the caller is asked.</param>
    public static SkillResult InputRequired(Message message) => Interrupt(TaskState.InputRequired, message);

    /// <summary>
    /// Stops the task in <c>TASK_STATE_AUTH_REQUIRED</c>, telling the caller what authorization is needed. The task goes on
    /// only with a message from the same caller naming it; the state by itself authorizes nothing (spec §7.6): the
    /// skill checks whatever credential it asked for when it runs again.
    /// </summary>
    /// <param name="prompt">What the caller must obtain or do.</param>
    public static SkillResult AuthRequired(string prompt) => Interrupt(TaskState.AuthRequired, Message.AgentText(prompt));

    /// <summary>Stops the task in <c>TASK_STATE_AUTH_REQUIRED</c> with <paramref name="message"/> to the caller.</summary>
    /// <param name="message">What the caller must obtain or do.</param>
    public static SkillResult AuthRequired(Message message) => Interrupt(TaskState.AuthRequired, message);

    private static SkillResult Interrupt(TaskState state, Message message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return new SkillResult(SkillOutputKind.None) { Interruption = state, StatusMessage = message };
    }

    private static async IAsyncEnumerable<Part> SelectAsync<T>(
        IAsyncEnumerable<T> items,
        Func<T, Part?> select,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var item in items.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            if (select(item) is { } part)
            {
                yield return part;
            }
        }
    }
}
