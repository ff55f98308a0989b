using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace A2AGen.Security;

/// <summary>
/// The JSON Canonicalization Scheme (RFC 8785) over UTF-8 JSON: no whitespace, object members sorted by their
/// UTF-16 code units, strings with only the mandatory escapes, numbers in ECMAScript form. Duplicate member names,
/// lone surrogates, invalid UTF-8 and numbers beyond the double range are errors (<see cref="FormatException"/>).
/// A plain static API: the same bytes the generator computes at compile time for <c>CardJson</c>.
/// </summary>
public static class JsonCanonicalizer
{
    private const int MaxDepth = 64;
    private const int MaxRetainedBuffer = 1 << 20;
    private const int InsertionSortLimit = 24;

    [ThreadStatic]
    private static State? t_state;

    /// <summary>Canonicalizes UTF-8 JSON.</summary>
    /// <param name="utf8Json">Any JSON value.</param>
    /// <exception cref="FormatException">The JSON is invalid or cannot be canonicalized (the message says why).</exception>
    public static byte[] Canonicalize(ReadOnlySpan<byte> utf8Json) => CanonicalizeWithout(utf8Json, default);

    /// <summary>Canonicalizes a JSON string.</summary>
    /// <param name="json">Any JSON value.</param>
    /// <exception cref="FormatException">The JSON is invalid or cannot be canonicalized.</exception>
    public static byte[] Canonicalize(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return Canonicalize(Encoding.UTF8.GetBytes(json));
    }

    /// <summary>Canonicalizes UTF-8 JSON into <paramref name="destination"/>.</summary>
    /// <param name="utf8Json">Any JSON value.</param>
    /// <param name="destination">Receives the canonical bytes.</param>
    /// <exception cref="FormatException">The JSON is invalid or cannot be canonicalized.</exception>
    public static void Canonicalize(ReadOnlySpan<byte> utf8Json, IBufferWriter<byte> destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        var state = Rent();
        try
        {
            Run(state, utf8Json, default);
            destination.Write(state.Output.AsSpan(0, state.Length));
        }
        finally
        {
            Return(state);
        }
    }

    /// <summary>Whether <paramref name="utf8Json"/> is already in canonical form.</summary>
    /// <param name="utf8Json">Any JSON value.</param>
    public static bool IsCanonical(ReadOnlySpan<byte> utf8Json)
    {
        var state = Rent();
        try
        {
            Run(state, utf8Json, default);
            return state.Output.AsSpan(0, state.Length).SequenceEqual(utf8Json);
        }
        catch (FormatException)
        {
            return false;
        }
        finally
        {
            Return(state);
        }
    }

    /// <summary>The ECMAScript string of a number, as canonical JSON writes it (e.g. <c>1e+21</c>, <c>0.000001</c>, <c>5e-7</c>).</summary>
    /// <param name="value">A finite double.</param>
    public static string FormatNumber(double value) => EcmaScriptNumber.ToString(value);

    /// <summary>Canonicalizes, leaving out one member of the top-level object (an Agent Card's <c>signatures</c>).</summary>
    internal static byte[] CanonicalizeWithout(ReadOnlySpan<byte> utf8Json, ReadOnlySpan<byte> omittedTopLevelMember)
    {
        var state = Rent();
        try
        {
            Run(state, utf8Json, omittedTopLevelMember);
            return state.Output.AsSpan(0, state.Length).ToArray();
        }
        finally
        {
            Return(state);
        }
    }

    private static void Run(State state, ReadOnlySpan<byte> utf8Json, ReadOnlySpan<byte> omitted)
    {
        state.Reset();
        var reader = new Utf8JsonReader(utf8Json, new JsonReaderOptions { MaxDepth = MaxDepth });
        try
        {
            if (!reader.Read())
            {
                throw new FormatException("The JSON is empty.");
            }

            WriteValue(ref reader, state, utf8Json, omitted, topLevel: true);
            if (reader.Read())
            {
                throw new FormatException("The JSON has more than one top-level value.");
            }
        }
        catch (JsonException e)
        {
            // In A2AGen's words: System.Text.Json's message quotes the input, control characters and all.
            throw new FormatException($"The JSON is invalid: {A2AGen.Protocol.Serialization.JsonTextCheck.DescribeSyntaxError(utf8Json, MaxDepth)}.", e);
        }
    }

    private static void WriteValue(ref Utf8JsonReader reader, State state, ReadOnlySpan<byte> input, ReadOnlySpan<byte> omitted, bool topLevel)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                WriteObject(ref reader, state, input, topLevel ? omitted : default);
                break;

            case JsonTokenType.StartArray:
                state.Append((byte)'[');
                bool first = true;
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    if (!first)
                    {
                        state.Append((byte)',');
                    }

                    first = false;
                    WriteValue(ref reader, state, input, default, topLevel: false);
                }

                state.Append((byte)']');
                break;

            case JsonTokenType.String:
                WriteString(ref reader, state);
                break;

            case JsonTokenType.Number:
                WriteNumber(reader.ValueSpan, state);
                break;

            case JsonTokenType.True:
                state.Append("true"u8);
                break;

            case JsonTokenType.False:
                state.Append("false"u8);
                break;

            case JsonTokenType.Null:
                state.Append("null"u8);
                break;

            default:
                throw new FormatException($"Unexpected JSON token {reader.TokenType}.");
        }
    }

    // Keys are compared as UTF-8 (see CompareKeys): an unescaped key is its bytes in the input, where the reader found
    // it; only an escaped key is decoded, once, into the key arena.
    private static void WriteObject(ref Utf8JsonReader reader, State state, ReadOnlySpan<byte> input, ReadOnlySpan<byte> omitted)
    {
        state.Append((byte)'{');
        int memberBase = state.MemberCount;
        int keysBase = state.KeyBytesLength;
        int regionStart = state.Length;
        bool sorted = true;
        int emitted = 0;

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            bool escaped = reader.ValueIsEscaped;
            var rawName = reader.ValueSpan;
            var member = escaped
                ? DecodeKey(rawName, state)
                : new Member { KeyStart = checked((int)reader.TokenStartIndex) + 1, KeyLength = rawName.Length, KeyInInput = true };
            if (!escaped && !Utf8.IsValid(rawName))
            {
                throw new FormatException("A JSON string is not valid UTF-8.");
            }

            bool omit = !omitted.IsEmpty && !escaped && rawName.SequenceEqual(omitted);
            if (state.MemberCount > memberBase)
            {
                int order = CompareKeys(state.Key(member, input), state.Key(state.Members[state.MemberCount - 1], input));
                if (order == 0)
                {
                    throw Duplicate(state.Key(member, input));
                }

                sorted &= order > 0;
            }

            reader.Read();
            if (omit)
            {
                reader.Skip();
                member.Start = -1;
            }
            else
            {
                if (emitted++ > 0)
                {
                    state.Append((byte)',');
                }

                member.Start = state.Length;
                if (escaped)
                {
                    WriteEscapedKey(state.Key(member, input), state);
                    state.Append((byte)':');
                }
                else
                {
                    state.AppendQuoted(rawName, (byte)':');
                }

                WriteValue(ref reader, state, input, default, topLevel: false);
                member.Length = state.Length - member.Start;
            }

            state.PushMember(member);
        }

        if (!sorted)
        {
            Reorder(state, input, memberBase, regionStart);
        }

        state.Append((byte)'}');
        state.MemberCount = memberBase;
        state.KeyBytesLength = keysBase;
    }

    // RFC 8785 sorts by UTF-16 code units. UTF-8 bytes sort by code point, which is the same order except between a
    // supplementary character (UTF-8 lead byte F0–F4; UTF-16 surrogates D800–DFFF) and U+E000–U+FFFF (lead EE or EF):
    // there UTF-16 puts the supplementary character first. Both sides are valid UTF-8, so a first difference between
    // two lead bytes is between two characters; a difference after equal lead bytes is between same-length characters.
    private static int CompareKeys(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b)
    {
        int common = a.CommonPrefixLength(b);
        if (common == a.Length || common == b.Length)
        {
            return a.Length - b.Length;
        }

        byte x = a[common];
        byte y = b[common];
        if (x >= 0xF0 && y is 0xEE or 0xEF)
        {
            return -1;
        }

        if (y >= 0xF0 && x is 0xEE or 0xEF)
        {
            return 1;
        }

        return x - y;
    }

    // Members were written in input order; sort them by key and rewrite the region in that order.
    private static void Reorder(State state, ReadOnlySpan<byte> input, int memberBase, int regionStart)
    {
        var members = state.Members.AsSpan(memberBase, state.MemberCount - memberBase);
        if (members.Length <= InsertionSortLimit)
        {
            for (int i = 1; i < members.Length; i++)
            {
                var current = members[i];
                int j = i - 1;
                while (j >= 0 && CompareKeys(state.Key(members[j], input), state.Key(current, input)) > 0)
                {
                    members[j + 1] = members[j];
                    j--;
                }

                members[j + 1] = current;
            }
        }
        else
        {
            // The comparison cannot capture a span: sort positions into a copy of the input's keys, then look up.
            SortLarge(state, input, members);
        }

        for (int i = 1; i < members.Length; i++)
        {
            if (state.Key(members[i], input).SequenceEqual(state.Key(members[i - 1], input)))
            {
                throw Duplicate(state.Key(members[i], input));
            }
        }

        int regionLength = state.Length - regionStart;
        var scratch = state.Scratch(regionLength);
        int position = 0;
        foreach (var member in members)
        {
            if (member.Start < 0)
            {
                continue;
            }

            if (position > 0)
            {
                scratch[position++] = (byte)',';
            }

            state.Output.AsSpan(member.Start, member.Length).CopyTo(scratch.AsSpan(position));
            position += member.Length;
        }

        scratch.AsSpan(0, position).CopyTo(state.Output.AsSpan(regionStart));
    }

    // Large objects: copy every key into the arena (a lambda cannot see the input span), then sort.
    private static void SortLarge(State state, ReadOnlySpan<byte> input, Span<Member> members)
    {
        for (int i = 0; i < members.Length; i++)
        {
            if (members[i].KeyInInput)
            {
                var key = input.Slice(members[i].KeyStart, members[i].KeyLength);
                members[i].KeyStart = state.AppendKeyBytes(key);
                members[i].KeyInInput = false;
            }
        }

        var keys = state.KeyBytes;
        members.Sort((a, b) => CompareKeys(keys.AsSpan(a.KeyStart, a.KeyLength), keys.AsSpan(b.KeyStart, b.KeyLength)));
    }

    // An escaped key, decoded (lone surrogates refused) and kept in the key arena as UTF-8.
    private static Member DecodeKey(ReadOnlySpan<byte> raw, State state)
    {
        int charsBase = state.KeysLength;
        int length = DecodeString(raw, escaped: true, state);
        var chars = state.Keys.AsSpan(charsBase, length);
        state.ReserveKeyBytes(Encoding.UTF8.GetMaxByteCount(length));
        int start = state.KeyBytesLength;
        int written = Encoding.UTF8.GetBytes(chars, state.KeyBytes.AsSpan(start));
        state.KeyBytesLength += written;
        state.KeysLength = charsBase;
        return new Member { KeyStart = start, KeyLength = written };
    }

    // A decoded key as canonical JSON: only '"', '\' and control characters are escaped; the rest is copied.
    private static void WriteEscapedKey(ReadOnlySpan<byte> utf8, State state)
    {
        state.Append((byte)'"');
        int start = 0;
        for (int i = 0; i < utf8.Length; i++)
        {
            byte b = utf8[i];
            if (b >= 0x20 && b != (byte)'"' && b != (byte)'\\')
            {
                continue;
            }

            state.Append(utf8[start..i]);
            start = i + 1;
            AppendEscape((char)b, state);
        }

        state.Append(utf8[start..]);
        state.Append((byte)'"');
    }

    private static void WriteString(ref Utf8JsonReader reader, State state)
    {
        var raw = reader.ValueSpan;
        if (!reader.ValueIsEscaped)
        {
            // A raw JSON string has no quote, backslash or control character, so it needs no escape: copy it.
            if (!Utf8.IsValid(raw))
            {
                throw new FormatException("A JSON string is not valid UTF-8.");
            }

            state.AppendQuoted(raw, 0);
            return;
        }

        int keysBase = state.KeysLength;
        int length = DecodeString(raw, escaped: true, state);
        WriteEscaped(state.Keys.AsSpan(keysBase, length), state);
        state.KeysLength = keysBase;
    }

    private static void WriteNumber(ReadOnlySpan<byte> text, State state)
    {
        if (IsEcmaScriptDecimal(text))
        {
            state.Append(text);
            return;
        }

        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || !double.IsFinite(value))
        {
            throw new FormatException($"The number {CallerText.Sanitize(Encoding.ASCII.GetString(text), 40)} is outside the range of an IEEE 754 double.");
        }

        state.Reserve(EcmaScriptNumber.MaxLength);
        state.Length += EcmaScriptNumber.Format(value, state.Output.AsSpan(state.Length));
    }

    // A plain decimal (no exponent, no leading zeros, no trailing fraction zeros, not "-0") with at most 15
    // significant digits and a magnitude of at least 1e-6 is already what ECMAScript prints for its double: every such
    // decimal survives the round trip through a double (DBL_DIG), so no shorter one maps to the same value. Copying it
    // skips parsing and formatting, which dominates canonicalizing numeric data.
    private static bool IsEcmaScriptDecimal(ReadOnlySpan<byte> text)
    {
        int i = text.Length > 0 && text[0] == (byte)'-' ? 1 : 0;
        int integerStart = i;
        while (i < text.Length && char.IsAsciiDigit((char)text[i]))
        {
            i++;
        }

        int integerLength = i - integerStart;
        if (integerLength == 0 || (integerLength > 1 && text[integerStart] == (byte)'0'))
        {
            return false;
        }

        bool zeroInteger = text[integerStart] == (byte)'0';
        int significant = zeroInteger ? 0 : integerLength;
        if (i == text.Length)
        {
            return significant <= 15 && !(zeroInteger && integerStart == 1);
        }

        if (text[i] != (byte)'.')
        {
            return false;
        }

        int fractionStart = ++i;
        while (i < text.Length && char.IsAsciiDigit((char)text[i]))
        {
            i++;
        }

        int fractionLength = i - fractionStart;
        if (i != text.Length || fractionLength == 0 || text[^1] == (byte)'0')
        {
            return false;
        }

        if (zeroInteger)
        {
            int zeros = text[fractionStart..].IndexOfAnyExcept((byte)'0');
            return zeros <= 5 && fractionLength - zeros <= 15;
        }

        return significant + fractionLength <= 15;
    }

    // Decodes a string's raw token into UTF-16 at the end of the key arena; returns its length in chars.
    private static int DecodeString(ReadOnlySpan<byte> raw, bool escaped, State state)
    {
        state.ReserveKeys(raw.Length);
        var destination = state.Keys.AsSpan(state.KeysLength);
        int written = escaped ? Unescape(raw, destination) : Transcode(raw, destination);
        state.KeysLength += written;
        return written;
    }

    private static int Transcode(ReadOnlySpan<byte> utf8, Span<char> destination)
    {
        if (Utf8.ToUtf16(utf8, destination, out _, out int written, replaceInvalidSequences: false) != OperationStatus.Done)
        {
            throw new FormatException("A JSON string is not valid UTF-8.");
        }

        return written;
    }

    private static int Unescape(ReadOnlySpan<byte> raw, Span<char> destination)
    {
        int written = 0;
        int i = 0;
        while (i < raw.Length)
        {
            int backslash = raw[i..].IndexOf((byte)'\\');
            int runEnd = backslash < 0 ? raw.Length : i + backslash;
            if (runEnd > i)
            {
                written += Transcode(raw[i..runEnd], destination[written..]);
                i = runEnd;
                continue;
            }

            byte kind = raw[i + 1];
            if (kind != (byte)'u')
            {
                destination[written++] = kind switch
                {
                    (byte)'"' => '"',
                    (byte)'\\' => '\\',
                    (byte)'/' => '/',
                    (byte)'b' => '\b',
                    (byte)'f' => '\f',
                    (byte)'n' => '\n',
                    (byte)'r' => '\r',
                    (byte)'t' => '\t',
                    _ => throw new FormatException("A JSON string has an invalid escape."),
                };
                i += 2;
                continue;
            }

            char unit = Hex4(raw.Slice(i + 2, 4));
            i += 6;
            if (char.IsHighSurrogate(unit))
            {
                if (i + 6 > raw.Length || raw[i] != (byte)'\\' || raw[i + 1] != (byte)'u' || !char.IsLowSurrogate(Hex4(raw.Slice(i + 2, 4))))
                {
                    throw new FormatException("A JSON string has a lone surrogate (a high surrogate escape without its low surrogate).");
                }

                destination[written++] = unit;
                destination[written++] = Hex4(raw.Slice(i + 2, 4));
                i += 6;
            }
            else if (char.IsLowSurrogate(unit))
            {
                throw new FormatException("A JSON string has a lone surrogate (a low surrogate escape without a high surrogate).");
            }
            else
            {
                destination[written++] = unit;
            }
        }

        return written;
    }

    private static char Hex4(ReadOnlySpan<byte> hex) =>
        (char)int.Parse(hex, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);

    // RFC 8785 §3.2.2.2: escape '"', '\' and U+0000–U+001F (\b \t \n \f \r short forms, else \u00xx lowercase); everything else as UTF-8.
    private static void WriteEscaped(ReadOnlySpan<char> value, State state)
    {
        state.Append((byte)'"');
        int start = 0;
        for (int i = 0; i < value.Length; i++)
        {
            char c = value[i];
            if (c >= 0x20 && c != '"' && c != '\\')
            {
                continue;
            }

            AppendUtf8(value[start..i], state);
            start = i + 1;
            AppendEscape(c, state);
        }

        AppendUtf8(value[start..], state);
        state.Append((byte)'"');
    }

    private static void AppendEscape(char c, State state)
    {
        switch (c)
        {
            case '"':
                state.Append("\\\""u8);
                break;
            case '\\':
                state.Append("\\\\"u8);
                break;
            case '\b':
                state.Append("\\b"u8);
                break;
            case '\t':
                state.Append("\\t"u8);
                break;
            case '\n':
                state.Append("\\n"u8);
                break;
            case '\f':
                state.Append("\\f"u8);
                break;
            case '\r':
                state.Append("\\r"u8);
                break;
            default:
                state.Append("\\u00"u8);
                state.Append((byte)"0123456789abcdef"[c >> 4]);
                state.Append((byte)"0123456789abcdef"[c & 0xf]);
                break;
        }
    }

    private static void AppendUtf8(ReadOnlySpan<char> chars, State state)
    {
        if (chars.IsEmpty)
        {
            return;
        }

        state.Reserve(chars.Length * 3);
        state.Length += Encoding.UTF8.GetBytes(chars, state.Output.AsSpan(state.Length));
    }

    private static FormatException Duplicate(ReadOnlySpan<byte> key) =>
        new($"The JSON object has the member \"{CallerText.Sanitize(Encoding.UTF8.GetString(key))}\" more than once.");

    private static State Rent()
    {
        var state = t_state ?? new State();
        t_state = null;
        return state;
    }

    private static void Return(State state)
    {
        if (state.Output.Length <= MaxRetainedBuffer && state.Keys.Length <= MaxRetainedBuffer && state.KeyBytes.Length <= MaxRetainedBuffer && state.ScratchLength <= MaxRetainedBuffer)
        {
            t_state = state;
        }
    }

    private struct Member
    {
        public int KeyStart; // in the input when KeyInInput, else in KeyBytes
        public int KeyLength;
        public bool KeyInInput;
        public int Start; // of "key":value in Output; -1 when the member is left out
        public int Length;
    }

    // Per-thread buffers: the output, a stack of object members, the UTF-8 keys that are not in the input (escaped
    // ones, decoded), a UTF-16 arena for decoding escaped strings, and the scratch of a reordering.
    private sealed class State
    {
        public byte[] Output = new byte[4096];
        public int Length;
        public Member[] Members = new Member[64];
        public int MemberCount;
        public char[] Keys = new char[1024];
        public int KeysLength;
        public byte[] KeyBytes = new byte[1024];
        public int KeyBytesLength;
        private byte[] _scratch = new byte[1024];

        public int ScratchLength => _scratch.Length;

        public void Reset()
        {
            Length = 0;
            MemberCount = 0;
            KeysLength = 0;
            KeyBytesLength = 0;
        }

        public ReadOnlySpan<byte> Key(in Member member, ReadOnlySpan<byte> input) =>
            member.KeyInInput ? input.Slice(member.KeyStart, member.KeyLength) : KeyBytes.AsSpan(member.KeyStart, member.KeyLength);

        public byte[] Scratch(int length)
        {
            if (_scratch.Length < length)
            {
                _scratch = new byte[Math.Max(_scratch.Length * 2, length)];
            }

            return _scratch;
        }

        public void ReserveKeyBytes(int count)
        {
            if (KeyBytesLength + count > KeyBytes.Length)
            {
                Array.Resize(ref KeyBytes, Math.Max(KeyBytes.Length * 2, KeyBytesLength + count));
            }
        }

        public int AppendKeyBytes(ReadOnlySpan<byte> key)
        {
            ReserveKeyBytes(key.Length);
            int start = KeyBytesLength;
            key.CopyTo(KeyBytes.AsSpan(start));
            KeyBytesLength += key.Length;
            return start;
        }

        public void Append(byte value)
        {
            if (Length == Output.Length)
            {
                Reserve(1);
            }

            Output[Length++] = value;
        }

        public void Append(ReadOnlySpan<byte> bytes)
        {
            Reserve(bytes.Length);
            bytes.CopyTo(Output.AsSpan(Length));
            Length += bytes.Length;
        }

        // '"' + text + '"', and then <paramref name="suffix"/> unless it is 0: one bounds check for the four appends.
        public void AppendQuoted(ReadOnlySpan<byte> text, byte suffix)
        {
            Reserve(text.Length + 3);
            var output = Output.AsSpan(Length);
            output[0] = (byte)'"';
            text.CopyTo(output[1..]);
            output[text.Length + 1] = (byte)'"';
            Length += text.Length + 2;
            if (suffix != 0)
            {
                output[text.Length + 2] = suffix;
                Length++;
            }
        }

        public void Reserve(int count)
        {
            if (Length + count > Output.Length)
            {
                Array.Resize(ref Output, Math.Max(Output.Length * 2, Length + count));
            }
        }

        public void ReserveKeys(int count)
        {
            if (KeysLength + count > Keys.Length)
            {
                Array.Resize(ref Keys, Math.Max(Keys.Length * 2, KeysLength + count));
            }
        }

        public void PushMember(Member member)
        {
            if (MemberCount == Members.Length)
            {
                Array.Resize(ref Members, Members.Length * 2);
            }

            Members[MemberCount++] = member;
        }
    }
}
