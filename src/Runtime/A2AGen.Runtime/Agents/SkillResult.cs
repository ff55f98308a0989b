using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using A2AGen.Protocol;

namespace A2AGen;

/// <summary>What a skill produced, normalized for the hosting layer.</summary>
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
