using System.Buffers;
using System.Text.Json;

namespace A2AGen.Protocol.Serialization;

/// <summary>
/// Rewrites snake_case protocol field names (<c>context_id</c>) to the camelCase ProtoJSON names
/// (<c>contextId</c>) so that peers using the proto field names can be read. Free-form content (<c>metadata</c>,
/// <c>params</c>, <c>data</c>, <c>header</c>) is copied verbatim and map keys (<c>securitySchemes</c>,
/// <c>schemes</c>, <c>scopes</c>) keep their spelling: only the protocol's own names change.
/// </summary>
internal static class ProtoJsonNormalizer
{
    private enum Scope : byte
    {
        Normal,
        Map,
        FreeForm,
    }

    /// <summary>Reader options shared by the protocol: no comments, no trailing commas, depth 64.</summary>
    internal static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = 64 };

    /// <summary>Whether <paramref name="utf8"/> uses any snake_case protocol name.</summary>
    public static bool NeedsNormalization(ReadOnlySpan<byte> utf8) => Process(utf8, writer: null);

    /// <summary>Returns <paramref name="utf8"/> with protocol names in camelCase.</summary>
    public static byte[] Normalize(ReadOnlySpan<byte> utf8)
    {
        var buffer = new ArrayBufferWriter<byte>(utf8.Length);
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { SkipValidation = true, MaxDepth = 64 }))
        {
            Process(utf8, writer);
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static bool Process(ReadOnlySpan<byte> utf8, Utf8JsonWriter? writer)
    {
        var reader = new Utf8JsonReader(utf8, ReaderOptions);
        Span<Scope> stack = stackalloc Scope[66];
        var depth = 0;
        var next = Scope.Normal;
        var renamed = false;

        while (reader.Read())
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject:
                    stack[depth++] = next;
                    writer?.WriteStartObject();
                    break;
                case JsonTokenType.StartArray:
                    stack[depth++] = next;
                    writer?.WriteStartArray();
                    break;
                case JsonTokenType.EndObject:
                case JsonTokenType.EndArray:
                    depth--;
                    if (reader.TokenType == JsonTokenType.EndObject)
                    {
                        writer?.WriteEndObject();
                    }
                    else
                    {
                        writer?.WriteEndArray();
                    }

                    next = depth > 0 ? stack[depth - 1] : Scope.Normal;
                    break;
                case JsonTokenType.PropertyName:
                    next = ReadPropertyName(ref reader, stack[depth - 1], writer, ref renamed);
                    break;
                default:
                    if (writer is not null)
                    {
                        var start = (int)reader.TokenStartIndex;
                        var length = reader.TokenType == JsonTokenType.String ? reader.ValueSpan.Length + 2 : reader.ValueSpan.Length;
                        writer.WriteRawValue(utf8.Slice(start, length), skipInputValidation: true);
                    }

                    break;
            }
        }

        return renamed;
    }

    // Decides how the value after a property name is treated, writing the (renamed) name. Allocation-free for the
    // common case of an unescaped name without '_'.
    private static Scope ReadPropertyName(ref Utf8JsonReader reader, Scope container, Utf8JsonWriter? writer, ref bool renamed)
    {
        var plain = !reader.ValueIsEscaped && reader.ValueSpan.IndexOf((byte)'_') < 0;
        if (container != Scope.Normal)
        {
            if (writer is not null)
            {
                if (plain)
                {
                    writer.WritePropertyName(reader.ValueSpan);
                }
                else
                {
                    writer.WritePropertyName(reader.GetString()!);
                }
            }

            return container == Scope.Map ? Scope.Normal : Scope.FreeForm;
        }

        if (plain)
        {
            writer?.WritePropertyName(reader.ValueSpan);
            return ScopeOfValue(reader.ValueSpan);
        }

        var name = reader.GetString()!;
        var camel = ToCamelCase(name);
        renamed |= !ReferenceEquals(camel, name);
        writer?.WritePropertyName(camel);
        return ScopeOfValue(System.Text.Encoding.UTF8.GetBytes(camel));
    }

    private static Scope ScopeOfValue(ReadOnlySpan<byte> camelName)
    {
        if (camelName.SequenceEqual("metadata"u8) || camelName.SequenceEqual("params"u8) ||
            camelName.SequenceEqual("data"u8) || camelName.SequenceEqual("header"u8))
        {
            return Scope.FreeForm;
        }

        if (camelName.SequenceEqual("securitySchemes"u8) || camelName.SequenceEqual("schemes"u8) || camelName.SequenceEqual("scopes"u8))
        {
            return Scope.Map;
        }

        return Scope.Normal;
    }

    /// <summary><c>open_id_connect_url</c> → <c>openIdConnectUrl</c>; names without <c>_</c> are returned as is.</summary>
    internal static string ToCamelCase(string name)
    {
        var underscore = name.IndexOf('_');
        if (underscore <= 0)
        {
            return name;
        }

        return string.Create(name.Length - CountSeparators(name), name, static (span, source) =>
        {
            var upperNext = false;
            var j = 0;
            for (var i = 0; i < source.Length; i++)
            {
                var c = source[i];
                if (c == '_' && i > 0 && i + 1 < source.Length && char.IsAsciiLetterOrDigit(source[i + 1]))
                {
                    upperNext = true;
                    continue;
                }

                span[j++] = upperNext ? char.ToUpperInvariant(c) : c;
                upperNext = false;
            }
        });
    }

    private static int CountSeparators(string name)
    {
        var count = 0;
        for (var i = 1; i + 1 < name.Length; i++)
        {
            if (name[i] == '_' && char.IsAsciiLetterOrDigit(name[i + 1]))
            {
                count++;
            }
        }

        return count;
    }
}
