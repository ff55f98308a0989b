using System.ComponentModel;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using A2AGen.Protocol;
using A2AGen.Protocol.Serialization;

namespace A2AGen;

/// <summary>Binding helpers called by generated dispatch code: message parts → skill parameters.</summary>
/// <remarks>Hidden from IntelliSense (as System.Text.Json hides <c>JsonMetadataServices</c>): only generated code calls it.</remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class SkillBinder
{
    /// <summary>The message's text parts, joined with new lines.</summary>
    /// <param name="message">The message.</param>
    /// <exception cref="SkillBindingException">The message has no text part.</exception>
    public static string GetText(Message message)
    {
        string? single = null;
        StringBuilder? builder = null;
        foreach (var part in message.Parts)
        {
            if (part.Text is null)
            {
                continue;
            }

            if (single is null)
            {
                single = part.Text;
            }
            else
            {
                builder ??= new StringBuilder(single);
                builder.Append('\n').Append(part.Text);
            }
        }

        return builder?.ToString() ?? single ?? throw new SkillBindingException("message.parts", "The skill expects a text part.");
    }

    /// <summary>The first <c>data</c> part, deserialized.</summary>
    /// <typeparam name="T">The skill's input type.</typeparam>
    /// <param name="message">The message.</param>
    /// <param name="typeInfo">The input type's JSON metadata.</param>
    /// <exception cref="SkillBindingException">No data part, or it does not fit <typeparamref name="T"/>.</exception>
    /// <exception cref="NotSupportedException">
    /// The options have no JSON metadata for <typeparamref name="T"/>: a server configuration error, not the caller's.
    /// </exception>
    public static T GetData<T>(Message message, JsonTypeInfo<T> typeInfo)
    {
        for (var i = 0; i < message.Parts.Count; i++)
        {
            if (message.Parts[i].Data is not { } data)
            {
                continue;
            }

            var field = $"message.parts[{i}].data";
            T? value;
            try
            {
                value = data.Deserialize(typeInfo);
            }
            catch (JsonException ex)
            {
                // The caller learns the field and what was expected, never a .NET type name or the parser's message.
                var problem = JsonMismatch.Describe(typeInfo, ex.Path, data, out var segments);
                throw new SkillBindingException(JsonPaths.Format(field, segments), problem, ex);
            }

            return value ?? throw new SkillBindingException(field, "The data part is null.");
        }

        throw new SkillBindingException("message.parts", "The skill expects a data part.");
    }

    /// <summary>The JSON metadata of a user type, from the hosting options (source-generated or reflection-based).</summary>
    /// <typeparam name="T">The type.</typeparam>
    /// <param name="options">The options.</param>
    public static JsonTypeInfo<T> GetTypeInfo<T>(JsonSerializerOptions options) => (JsonTypeInfo<T>)options.GetTypeInfo(typeof(T));
}
