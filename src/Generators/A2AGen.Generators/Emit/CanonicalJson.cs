using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace A2AGen.Generators.Emit;

/// <summary>
/// A minimal JSON tree for the card (strings, booleans, arrays, objects: the card has no numbers) and its
/// RFC 8785 (JCS) serialization: object members sorted by their names' UTF-16 code units, no whitespace, strings
/// escaped exactly as JCS says (only <c>"</c>, <c>\</c> and characters below U+0020; those as <c>\b \f \n \r \t</c>
/// or <c>\u00xx</c> with lower-case hex; everything else written as is).
/// </summary>
internal abstract class JsonNode
{
    public abstract void WriteCanonical(StringBuilder builder);

    public string ToCanonicalString()
    {
        var builder = new StringBuilder();
        WriteCanonical(builder);
        return builder.ToString();
    }

    public static void WriteString(StringBuilder builder, string value)
    {
        builder.Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"':
                    builder.Append("\\\"");
                    break;
                case '\\':
                    builder.Append("\\\\");
                    break;
                case '\b':
                    builder.Append("\\b");
                    break;
                case '\f':
                    builder.Append("\\f");
                    break;
                case '\n':
                    builder.Append("\\n");
                    break;
                case '\r':
                    builder.Append("\\r");
                    break;
                case '\t':
                    builder.Append("\\t");
                    break;
                default:
                    if (c < 0x20)
                    {
                        builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        builder.Append(c);
                    }

                    break;
            }
        }

        builder.Append('"');
    }
}

internal sealed class JsonString : JsonNode
{
    public JsonString(string value) => Value = value;

    public string Value { get; }

    public override void WriteCanonical(StringBuilder builder) => WriteString(builder, Value);
}

internal sealed class JsonBool : JsonNode
{
    public static readonly JsonBool True = new(true);
    public static readonly JsonBool False = new(false);

    private JsonBool(bool value) => Value = value;

    public bool Value { get; }

    public static JsonBool Of(bool value) => value ? True : False;

    public override void WriteCanonical(StringBuilder builder) => builder.Append(Value ? "true" : "false");
}

internal sealed class JsonArray : JsonNode
{
    public List<JsonNode> Items { get; } = new();

    public static JsonArray OfStrings(IEnumerable<string> values)
    {
        var array = new JsonArray();
        foreach (var value in values)
        {
            array.Items.Add(new JsonString(value));
        }

        return array;
    }

    public JsonArray Add(JsonNode item)
    {
        Items.Add(item);
        return this;
    }

    public override void WriteCanonical(StringBuilder builder)
    {
        builder.Append('[');
        for (var i = 0; i < Items.Count; i++)
        {
            if (i > 0)
            {
                builder.Append(',');
            }

            Items[i].WriteCanonical(builder);
        }

        builder.Append(']');
    }
}

internal sealed class JsonObject : JsonNode
{
    private readonly List<KeyValuePair<string, JsonNode>> _members = new();

    public int Count => _members.Count;

    /// <summary>Adds a member; a duplicate name is a bug in the caller (JCS output must not contain one).</summary>
    public JsonObject Add(string name, JsonNode value)
    {
        foreach (var member in _members)
        {
            if (string.Equals(member.Key, name, StringComparison.Ordinal))
            {
                throw new InvalidOperationException("Duplicate JSON member name: " + name);
            }
        }

        _members.Add(new KeyValuePair<string, JsonNode>(name, value));
        return this;
    }

    public JsonObject Add(string name, string value) => Add(name, new JsonString(value));

    /// <summary>Adds a string member only when it has a value (the card never carries empty values).</summary>
    public JsonObject AddOptional(string name, string? value) => value is null ? this : Add(name, new JsonString(value));

    /// <summary>Adds an array of strings only when it has elements.</summary>
    public JsonObject AddOptional(string name, IReadOnlyCollection<string> values) =>
        values.Count == 0 ? this : Add(name, JsonArray.OfStrings(values));

    public override void WriteCanonical(StringBuilder builder)
    {
        var sorted = new List<KeyValuePair<string, JsonNode>>(_members);

        // RFC 8785 §3.2.3: sort by the UTF-16 code units of the names, which is what ordinal comparison does.
        sorted.Sort(static (a, b) => string.CompareOrdinal(a.Key, b.Key));
        builder.Append('{');
        for (var i = 0; i < sorted.Count; i++)
        {
            if (i > 0)
            {
                builder.Append(',');
            }

            WriteString(builder, sorted[i].Key);
            builder.Append(':');
            sorted[i].Value.WriteCanonical(builder);
        }

        builder.Append('}');
    }
}
