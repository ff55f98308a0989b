using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace A2AGen.Protocol.Serialization;

/// <summary>
/// Checks on JSON text from the network, with the JSON path of the first problem: strings (member names too) must be
/// valid Unicode — no invalid UTF-8 and no unpaired surrogate escape such as <c>"\udc00"</c>, which System.Text.Json
/// parses but can neither turn into a string nor write back out — and a text that does not parse is described in
/// A2AGen's own words (what was found, line and byte, the path reached), never System.Text.Json's message.
/// </summary>
// Public for A2AGen.Hosting (no InternalsVisibleTo between the packages); not meant for user code.
[System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
public static class JsonTextCheck
{
    /// <summary>
    /// The path of the first string (or member name) that is not valid Unicode, or null when every string is. Valid
    /// UTF-8 without any <c>\uD800</c>–<c>\uDFFF</c> escape is answered without parsing.
    /// </summary>
    /// <param name="json">JSON text that parses.</param>
    /// <param name="rootPath">What the root is called (<c>""</c> for a request, whose members start the path).</param>
    public static string? FindInvalidUnicode(ReadOnlySpan<byte> json, string rootPath = "")
    {
        if (Utf8.IsValid(json) && !HasSurrogateEscape(json))
        {
            return null;
        }

        var walker = new Walker(rootPath);
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 1024 });
        try
        {
            while (reader.Read())
            {
                var token = reader.TokenType;
                walker.Before(token, ref reader);
                if (token is JsonTokenType.String or JsonTokenType.PropertyName && !IsValidUnicode(reader.ValueSpan, reader.ValueIsEscaped))
                {
                    return walker.Path();
                }

                walker.After(token);
            }
        }
        catch (JsonException)
        {
            // Not this check's business: the caller parsed the text already.
        }

        return null;
    }

    /// <summary>Whether the raw (possibly escaped) content of a JSON string token is valid Unicode.</summary>
    public static bool IsValidUnicode(ReadOnlySpan<byte> raw, bool escaped)
    {
        if (!escaped)
        {
            return Utf8.IsValid(raw);
        }

        var expectLow = false;
        var i = 0;
        while (i < raw.Length)
        {
            if (raw[i] != (byte)'\\')
            {
                if (expectLow)
                {
                    return false;
                }

                var next = raw[i..].IndexOf((byte)'\\');
                var segment = next < 0 ? raw[i..] : raw.Slice(i, next);
                if (!Utf8.IsValid(segment))
                {
                    return false;
                }

                i += segment.Length;
                continue;
            }

            if (i + 1 >= raw.Length)
            {
                return false;
            }

            if (raw[i + 1] != (byte)'u')
            {
                if (expectLow)
                {
                    return false;
                }

                i += 2;
                continue;
            }

            if (i + 6 > raw.Length || !int.TryParse(Encoding.ASCII.GetString(raw.Slice(i + 2, 4)), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code))
            {
                return false;
            }

            i += 6;
            if (expectLow)
            {
                if (code is < 0xDC00 or > 0xDFFF)
                {
                    return false;
                }

                expectLow = false;
            }
            else if (code is >= 0xD800 and <= 0xDBFF)
            {
                expectLow = true;
            }
            else if (code is >= 0xDC00 and <= 0xDFFF)
            {
                return false;
            }
        }

        return !expectLow;
    }

    /// <summary>
    /// Why <paramref name="json"/> does not parse, in A2AGen's words: <c>unexpected byte 0xEF at line 1, byte 1</c>,
    /// <c>unexpected end of the body</c>, with the path reached (<c>in params.message.parts[0]</c>).
    /// </summary>
    /// <param name="json">JSON text that does not parse.</param>
    /// <param name="maxDepth">The depth limit the parser used.</param>
    public static string DescribeSyntaxError(ReadOnlySpan<byte> json, int maxDepth)
    {
        if (json.Trim(" \t\r\n"u8).IsEmpty)
        {
            return "the body is empty; send one JSON object";
        }

        var walker = new Walker("");
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = maxDepth });
        try
        {
            while (reader.Read())
            {
                walker.Before(reader.TokenType, ref reader);
                walker.After(reader.TokenType);
            }
        }
        catch (JsonException e)
        {
            var path = walker.Path();
            var at = Offset(json, e.LineNumber ?? 0, e.BytePositionInLine ?? 0);
            var found = at >= json.Length ? -1 : json[(int)at];
            var what = found < 0 ? "unexpected end of the body"
                : found is >= 0x21 and <= 0x7E ? $"unexpected '{(char)found}'"
                : $"unexpected byte 0x{found:X2}";
            var where = string.Create(CultureInfo.InvariantCulture, $" at line {(e.LineNumber ?? 0) + 1}, byte {(e.BytePositionInLine ?? 0) + 1}");
            return path.Length == 0 ? what + where : $"{what}{where} (in {path})";
        }

        return "there is more after the JSON value";
    }

    private static long Offset(ReadOnlySpan<byte> json, long line, long byteInLine)
    {
        long offset = 0;
        for (long l = 0; l < line; l++)
        {
            var newline = json[(int)Math.Min(offset, json.Length)..].IndexOf((byte)'\n');
            if (newline < 0)
            {
                return json.Length;
            }

            offset += newline + 1;
        }

        return offset + byteInLine;
    }

    // \u followed by D and 8–F: the start of a surrogate escape (paired or not). An escaped backslash before the 'u'
    // makes this a false alarm, which only costs the exact check.
    private static bool HasSurrogateEscape(ReadOnlySpan<byte> json)
    {
        var at = 0;
        while (true)
        {
            var found = json[at..].IndexOf("\\u"u8);
            if (found < 0)
            {
                return false;
            }

            at += found + 2;
            if (at + 1 < json.Length && json[at] is (byte)'d' or (byte)'D' && json[at + 1] is (>= (byte)'8' and <= (byte)'9') or (>= (byte)'a' and <= (byte)'f') or (>= (byte)'A' and <= (byte)'F'))
            {
                return true;
            }
        }
    }

    /// <summary>Follows the reader's position as a path: one frame per open object or array.</summary>
    private sealed class Walker(string rootPath)
    {
        private readonly List<Frame> _frames = [];

        public void Before(JsonTokenType token, ref Utf8JsonReader reader)
        {
            if (token == JsonTokenType.PropertyName)
            {
                _frames[^1].Name = Encoding.UTF8.GetString(reader.ValueSpan);
                return;
            }

            if (token is JsonTokenType.EndObject or JsonTokenType.EndArray)
            {
                return;
            }

            // A value: inside an array it takes the next index.
            if (_frames.Count > 0 && _frames[^1].IsArray)
            {
                _frames[^1].Index++;
            }
        }

        public void After(JsonTokenType token)
        {
            switch (token)
            {
                case JsonTokenType.StartObject:
                    _frames.Add(new Frame { IsArray = false });
                    break;
                case JsonTokenType.StartArray:
                    _frames.Add(new Frame { IsArray = true, Index = -1 });
                    break;
                case JsonTokenType.EndObject:
                case JsonTokenType.EndArray:
                    _frames.RemoveAt(_frames.Count - 1);
                    break;
            }
        }

        public string Path()
        {
            var path = new StringBuilder(rootPath);
            foreach (var frame in _frames)
            {
                if (frame.IsArray)
                {
                    if (frame.Index >= 0)
                    {
                        JsonPaths.AppendIndex(path, frame.Index);
                    }
                }
                else if (frame.Name is not null)
                {
                    JsonPaths.AppendMember(path, frame.Name);
                }
            }

            return path.ToString();
        }

        private sealed class Frame
        {
            public bool IsArray { get; init; }

            public int Index { get; set; }

            public string? Name { get; set; }
        }
    }
}
